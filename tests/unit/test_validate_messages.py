"""`make validate` as staff read it (session 35's staff tester): each mistake once, in words that
say what to look for, and why a value still counts as a placeholder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from assistant.paths import KNOWLEDGE_DIR, PROJECT_ROOT


def validate(tmp_path: Path, edit) -> subprocess.CompletedProcess:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, knowledge)
    clinic = knowledge / "clinic.yml"
    clinic.write_text(edit(clinic.read_text(encoding="utf-8")), encoding="utf-8")
    env = {**os.environ, "KNOWLEDGE_DIR": str(knowledge), "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, "-m", "assistant.validate"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_a_quote_left_open_is_one_error_that_says_what_to_look_for(tmp_path):
    result = validate(tmp_path, lambda text: text.replace('8 am to 5 pm"', "8 am to 5 pm", 1))
    errors = [line for line in result.stdout.splitlines() if line.startswith("ERROR")]
    assert result.returncode == 1
    assert len(errors) == 1, errors  # clinic.yml is read by two checks: it was said twice
    assert "clinic.yml" in errors[0] and "a quote opened and not closed" in errors[0]


def test_an_example_phone_off_the_list_is_still_a_placeholder_and_the_warning_says_why(tmp_path):
    result = validate(tmp_path, lambda text: text.replace(
        "placeholders: [booking_url, phone, opening_hours, privacy_url]",
        "placeholders: [booking_url, opening_hours, privacy_url]"))
    assert result.returncode == 0, result.stdout + result.stderr
    warning = next(line for line in result.stdout.splitlines() if "still placeholders" in line)
    assert "phone ('+1 (202) 555-0100' is a number or address reserved for examples)" in warning
    assert "booking_url," in warning  # a listed one is just named
