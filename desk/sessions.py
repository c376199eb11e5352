"""Sessions ended by signing out, so that a copy of a signed session cookie taken before the
sign-out opens nothing after it (the cookie itself stays valid to its signature until it
expires). Only the sessions' random ids and their expiry times are kept, in a file, so a
restart of the desk forgets none."""

from __future__ import annotations

import json
import time
from pathlib import Path


class SignedOutSessions:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._ended: dict[str, float] = {}
        if path.exists():
            self._ended = {str(k): float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()}

    def end(self, session_id: str, expires_at: float, now: float | None = None) -> None:
        """Remember the session as ended until it would have expired anyway."""
        now = time.time() if now is None else now
        self._ended = {k: v for k, v in self._ended.items() if v > now}
        self._ended[session_id] = expires_at
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(self._ended, indent=1), encoding="utf-8")
        temporary.replace(self.path)

    def ended(self, session_id: str) -> bool:
        return session_id in self._ended
