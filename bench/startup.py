"""How long the action server takes to start with the library indexed (issue 13: under 15 s).

    .venv/bin/python bench/startup.py [--runs 3] [--add-articles DIR]

Starts the action server (scripts/action_server.py, as make run does) on a free port, times
it until GET /health answers, stops it; prints each run and the median. Also times building
the index alone in this process (reading articles, terms and topics, the spaCy pipeline,
TF-IDF and the sentence embeddings of every passage).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.servers import free_port  # noqa: E402


def start_once(env: dict[str, str]) -> float:
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "action_server.py"), "--actions", "actions",
                                "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - started < 120:
            if process.poll() is not None:
                raise SystemExit("the action server exited; run it by hand to see why")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                    return time.monotonic() - started
            except OSError:
                time.sleep(0.05)
        raise SystemExit("the action server did not answer /health within 120 s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--add-articles", type=Path, help="serve a copy of the library with these articles added")
    args = parser.parse_args()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    with tempfile.TemporaryDirectory() as tmp:
        if args.add_articles:
            knowledge = Path(tmp) / "knowledge"
            shutil.copytree(ROOT / "knowledge", knowledge)
            for article in args.add_articles.glob("*.md"):
                shutil.copy(article, knowledge / "articles" / article.name)
            env["KNOWLEDGE_DIR"] = str(knowledge)
        times = [start_once(env) for _ in range(args.runs)]
        for i, seconds in enumerate(times, 1):
            print(f"run {i}: action server ready in {seconds:.2f} s")
        print(f"median: {statistics.median(times):.2f} s (target: under 15 s)")
    sys.modules["tensorflow"] = None  # type: ignore[assignment]  # as the action server runs
    from assistant.knowledge import build_index

    started = time.monotonic()
    index = build_index()
    print(f"index alone: {time.monotonic() - started:.2f} s for {len(index.passages)} passages")


if __name__ == "__main__":
    main()
