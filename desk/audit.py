"""The desk's audit log: who did what, when; one JSON line per view of a conversation and per change."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path


def default_path() -> Path:
    """Where the desk, and `make staff-user`, write the log: DESK_AUDIT_LOG, else var/desk-audit.log."""
    from assistant.paths import PROJECT_ROOT

    return Path(os.environ.get("DESK_AUDIT_LOG", PROJECT_ROOT / "var" / "desk-audit.log"))


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def write(self, user: str, action: str, target: str = "", **details: str) -> None:
        line = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "user": user,
                "action": action, "target": target, **details}
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists()
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            if new:
                os.chmod(self.path, 0o600)

    def lines(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]


def newest_first(lines: list[dict], user: str = "", action: str = "") -> list[dict]:
    """The log's lines, the newest first; only one staff member's or one action's if given."""
    return [line for line in reversed(lines)
            if (not user or line.get("user") == user) and (not action or line.get("action") == action)]


def details_of(line: dict) -> str:
    """A line's details beyond who, what and when, as "name: value" pairs."""
    return ", ".join(f"{key}: {value}" for key, value in line.items() if key not in ("at", "user", "action", "target"))
