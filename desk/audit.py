"""The desk's audit log: who did what, when; one JSON line per view of a conversation and per change."""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path


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
