"""Staff accounts: argon2 password hashes and a lockout after repeated failures.

Kept in one JSON file (var/staff.json by default, git-ignored, readable by its owner only).
Create an account with ``make staff-user`` (``python -m desk.accounts add NAME``).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from desk import audit

MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
MIN_PASSWORD_CHARS = 12
_HASHER = PasswordHasher()


@dataclass(frozen=True)
class SignIn:
    ok: bool
    locked: bool = False


class StaffAccounts:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _load(self) -> dict:
        if not self.path.exists():
            return {"users": {}}
        return json.loads(self.path.read_text(encoding="utf-8"))

    def _save(self, data: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.chmod(temporary, 0o600)
        temporary.replace(self.path)

    def add(self, name: str, password: str) -> None:
        if not name or not name.replace("-", "").replace(".", "").replace("_", "").isalnum():
            raise ValueError("a user name is letters, digits, '.', '-' or '_'")
        if len(password) < MIN_PASSWORD_CHARS:
            raise ValueError(f"a password has at least {MIN_PASSWORD_CHARS} characters")
        with self._lock:
            data = self._load()
            data["users"][name] = {"hash": _HASHER.hash(password), "failures": 0, "locked_until": 0}
            self._save(data)

    def names(self) -> list[str]:
        return sorted(self._load()["users"])

    def exists(self, name: str) -> bool:
        return name in self._load()["users"]

    def remove(self, name: str) -> bool:
        """Delete an account (its open sessions end with it: the desk checks on every page)."""
        with self._lock:
            data = self._load()
            if data["users"].pop(name, None) is None:
                return False
            self._save(data)
            return True

    def sign_in(self, name: str, password: str, now: float | None = None) -> SignIn:
        """Check a password; MAX_FAILURES wrong ones in a row lock the account for LOCKOUT_SECONDS
        (the right password included, so guessing gains nothing)."""
        now = time.time() if now is None else now
        with self._lock:
            data = self._load()
            user = data["users"].get(name)
            if user is None:
                _HASHER.hash(password)  # about as slow as a real check: no hint which names exist
                return SignIn(False)
            if user.get("locked_until", 0) > now:
                return SignIn(False, locked=True)
            try:
                _HASHER.verify(user["hash"], password)
            except (VerificationError, InvalidHashError):
                user["failures"] = user.get("failures", 0) + 1
                locked = user["failures"] >= MAX_FAILURES
                if locked:
                    user["locked_until"], user["failures"] = now + LOCKOUT_SECONDS, 0
                self._save(data)
                return SignIn(False, locked=locked)
            user["failures"], user["locked_until"] = 0, 0
            if _HASHER.check_needs_rehash(user["hash"]):
                user["hash"] = _HASHER.hash(password)
            self._save(data)
            return SignIn(True)


def default_path() -> Path:
    from assistant.paths import PROJECT_ROOT

    return Path(os.environ.get("DESK_ACCOUNTS", PROJECT_ROOT / "var" / "staff.json"))


def operator() -> str:
    """Who ran the command: the system user, "-" where the system cannot say (some containers)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "-"


def piped_line() -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Create or reset a staff account of the desk.")
    parser.add_argument("command", choices=["add", "list", "remove"])
    parser.add_argument("name", nargs="?")
    parser.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    args = parser.parse_args(argv)
    accounts = StaffAccounts(default_path())
    if args.command == "list":
        print("\n".join(accounts.names()) or "No staff accounts yet: make staff-user")
        return 0
    if args.command == "remove":
        # Someone who leaves: the account and its open sessions end at once, with an audit line.
        if not args.name or not accounts.remove(args.name):
            print(f"No staff account {args.name!r}; the accounts are: {', '.join(accounts.names()) or 'none'}.",
                  file=sys.stderr)
            return 1
        audit.AuditLog(audit.default_path()).write(operator(), "remove staff account", args.name)
        print(f"Removed {args.name}; their open sessions of the desk have ended.")
        return 0
    try:
        piped = args.password_stdin or not sys.stdin.isatty()
        # Piped (`printf 'alice\nPASSWORD\n' | make staff-user`): the name, if not given, then the password.
        name = args.name or (piped_line().strip() if piped else input("User name: ").strip())
        if piped:
            password = piped_line().rstrip("\n")
        else:
            password = getpass.getpass("Password (12 characters or more): ")
            if getpass.getpass("Again: ") != password:
                print("The passwords differ; nothing was changed.", file=sys.stderr)
                return 1
    except (EOFError, KeyboardInterrupt):
        # No terminal (a script, a pipe): say how, not a traceback (session 24's staff tester).
        print("\nNothing was changed: run `make staff-user` in a terminal, or pipe the name and the "
              "password to it, one per line.", file=sys.stderr)
        return 1
    existed = name in accounts.names()
    try:
        accounts.add(name, password)
    except ValueError as error:
        print(f"Not saved: {error}.", file=sys.stderr)
        return 1
    # A new password also lifts a lock: whoever checks privacy must see who was reset, and when.
    action = "reset staff account" if existed else "add staff account"
    audit.AuditLog(audit.default_path()).write(operator(), action, name)
    print(f"Staff account '{name}' {'reset (and unlocked)' if existed else 'saved'} in {accounts.path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
