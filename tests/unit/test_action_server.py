"""The action server's launcher keeps TensorFlow out, and the actions still answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import sys
sys.path.insert(0, "scripts")
import action_server
action_server.without_tensorflow()
import actions
from assistant.knowledge import knowledge_index
assert knowledge_index().answer("what is insomnia", "ask_disorder").found
assert sys.modules["tensorflow"] is None, "something imported TensorFlow"
print("ok")
"""


def test_actions_load_and_answer_without_tensorflow():
    # A process of its own: in this one, other tests need TensorFlow.
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
