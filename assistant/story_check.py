"""Check that every story and rule which ends a conversation runs the closing.

An end signal is a visitor turn that ends the conversation (goodbye, "no", thanks, the
widget's End chat, a red flag). After each one, before the visitor speaks again, the story
must run ``action_close_session`` (disclaimer + booking prompt).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ruamel.yaml import YAML

from assistant.datafiles import line_of
from assistant.names import RED_FLAG_INTENTS, ActionName, Intent

END_SIGNALS = frozenset({Intent.GOODBYE, Intent.DENY, Intent.THANK, Intent.END_SESSION}) | RED_FLAG_INTENTS
CLOSING_ACTION = ActionName.CLOSE_SESSION
# Right after these actions, a "yes" or "no" answers their question; it does not end anything.
QUESTIONS = frozenset({ActionName.ASK_CRISIS_SCREENING})


@dataclass(frozen=True)
class MissingClosing:
    path: str
    line: int | None
    name: str
    intent: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: '{self.name}' ends the conversation ({self.intent}) "
                f"without {CLOSING_ACTION}; add '- action: {CLOSING_ACTION}' after it")


def _intents(step: dict) -> set[str]:
    if "intent" in step:
        return {str(step["intent"])}
    if "or" in step:
        return {str(s.get("intent")) for s in step["or"] if isinstance(s, dict) and "intent" in s}
    return set()


def check_file(path: Path) -> list[MissingClosing]:
    data = YAML(typ="rt").load(path.read_text(encoding="utf-8")) or {}
    problems: list[MissingClosing] = []
    for kind in ("stories", "rules"):
        for block in data.get(kind) or []:
            name = str(block.get("story") or block.get("rule") or "?")
            steps = block.get("steps") or []
            pending: tuple[str, int | None] | None = None
            asked = False  # the last action asked a yes/no question
            for index, step in enumerate(steps):
                if not isinstance(step, dict):
                    continue
                intents = _intents(step)
                if intents or "user" in step:
                    if pending:
                        problems.append(MissingClosing(str(path), pending[1], name, pending[0]))
                    ended = intents & END_SIGNALS - ({"affirm", "deny"} if asked else set())
                    pending = (sorted(ended)[0], line_of(steps, index)) if ended else None
                    asked = False
                elif "action" in step:
                    asked = step["action"] in QUESTIONS
                    if step["action"] == CLOSING_ACTION:
                        pending = None
            if pending:
                problems.append(MissingClosing(str(path), pending[1], name, pending[0]))
    return problems


def check(paths: Iterable[Path]) -> list[MissingClosing]:
    return [problem for path in paths for problem in check_file(path)]


def story_files(root: Path) -> list[Path]:
    """Every YAML file in data/ and tests/conversations/ that holds stories or rules."""
    files = sorted((root / "data").rglob("*.yml")) + sorted((root / "tests" / "conversations").rglob("*.yml"))
    return [f for f in files if "stories:" in (text := f.read_text(encoding="utf-8")) or "rules:" in text]
