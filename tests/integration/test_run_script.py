"""`make run`'s script (scripts/run.sh) on ports other than its defaults, as docs/operations.md
allows: every server must find the others there. Session 45's tester started it with
ACTIONS_PORT=6055 and every message got the apology: the Rasa server still called the action
server on 5055, the port endpoints.yml names."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.integration.servers import ROOT, _env, free_port

READY = "Every server answers"


def _tree_with_its_own_var(workdir: Path) -> Path:
    """The checkout seen through links, with a var/ of its own (logs, supervisord's socket,
    conversations): the script runs beside a `make run` of the checkout itself. deploy/ is
    copied (supervisord finds var/ from its config's folder); the fitted detector and the other
    caches are shared, read as they are."""
    tree = workdir / "tree"
    tree.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in ("var", ".git", "deploy"):
            (tree / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "deploy", tree / "deploy", ignore=shutil.ignore_patterns("__pycache__"))
    (tree / "var").mkdir()
    (tree / "var" / "cache").symlink_to(ROOT / "var" / "cache")
    return tree


def test_run_on_other_ports_answers_a_question(tmp_path):
    tree = _tree_with_its_own_var(tmp_path)
    ports = {name: str(free_port()) for name in ("ACTIONS_PORT", "RASA_PORT", "WEB_PORT", "DESK_PORT")}
    log = tmp_path / "run.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([str(tree / "scripts" / "run.sh")], cwd=tree, env={**_env(), **ports},
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while READY not in log.read_text(errors="replace"):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.5)
        request = urllib.request.Request(
            f"http://localhost:{ports['RASA_PORT']}/webhooks/rest/webhook",
            data=json.dumps({"sender": "run-script-visitor", "message": "how does pain affect sleep?"}).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            replies = json.loads(response.read())
        assert "answer" in [r.get("custom", {}).get("kind") for r in replies], replies
        with urllib.request.urlopen(f"http://localhost:{ports['WEB_PORT']}/health", timeout=30) as response:
            assert response.status == 200
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C, as a person stops it
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
