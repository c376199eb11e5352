"""A malformed article stops the action server at start with a message naming file and line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.integration.servers import ROOT, free_port, library_copy


def test_action_server_refuses_to_start_on_a_malformed_article(tmp_path):
    knowledge = library_copy(tmp_path)
    article = knowledge / "articles" / "sleep-disorders-and-msk-pain.md"
    article.write_text(article.read_text(encoding="utf-8").replace("reviewed_on:\n", "reviewed_on: last spring\n"))
    env = {**os.environ, "KNOWLEDGE_DIR": str(knowledge), "RASA_TELEMETRY_ENABLED": "false"}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "run", "actions", "--actions", "actions",
         "--port", str(free_port())],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "sleep-disorders-and-msk-pain.md:11: reviewed_on must be a date written YYYY-MM-DD" in output
