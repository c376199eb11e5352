"""How long `make run` takes to be ready with a trained model (issue 16: at most 20 s).

    .venv/bin/python bench/run_startup.py [--runs 3] [--patches-off NAME,...]

Starts scripts/run.sh (what `make run` runs once set-up and training are done) on free ports,
reads the time it prints when every server answers ("Every server answers, N s after the
start"), stops it, and repeats. With --patches-off, each round also starts it once with those
Rasa patches left out (RASA_PATCHES_OFF, connectors/rasa_patches.py), alternately, so that the
two are compared in the same run: this machine's speed drifts by tens of percent over an hour.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.servers import free_port  # noqa: E402

READY = re.compile(r"Every server answers, ([0-9.]+) s after the start")


def start_once(patches_off: str = "") -> float:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "RASA_PATCHES_OFF": patches_off,
           **{name: str(free_port()) for name in ("ACTIONS_PORT", "RASA_PORT", "WEB_PORT", "DESK_PORT")}}
    process = subprocess.Popen(["scripts/run.sh"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        for line in process.stdout:
            found = READY.search(line)
            if found:
                return float(found.group(1))
            if time.monotonic() > deadline:
                break
        raise SystemExit(f"scripts/run.sh was not ready (exit {process.poll()}); see var/logs/")
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C, as a person stops it
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--patches-off", default="", help="also start without these Rasa patches, alternately")
    args = parser.parse_args()
    variants = [("every patch", "")] + ([(f"without {args.patches_off}", args.patches_off)] if args.patches_off else [])
    times: dict[str, list[float]] = {label: [] for label, _ in variants}
    for round_number in range(1, args.runs + 1):
        for label, off in variants:
            seconds = start_once(off)
            times[label].append(seconds)
            print(f"round {round_number}, {label}: ready in {seconds:.1f} s", flush=True)
    for label, values in times.items():
        print(f"median, {label}: {statistics.median(values):.1f} s (target: at most 20 s)")
    if len(variants) == 2:
        saved = statistics.median(times[variants[1][0]]) - statistics.median(times[variants[0][0]])
        print(f"the patches save {saved:.1f} s of the start")


if __name__ == "__main__":
    main()
