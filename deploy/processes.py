"""supervisord, started from a configuration in this folder, and asked over its unix socket.

    .venv/bin/python -m deploy.processes wait --socket var/supervisor/supervisor.sock \\
        [--timeout 180] [--since EPOCH_SECONDS] assistant:rasa=http://localhost:5005/ ...

supervisord (PyPI's `supervisor`) starts the programs its configuration declares, restarts one
that crashes (autorestart), and stops them all, each with its whole process group, when it is
stopped (Ctrl-C, SIGTERM). What it does not do is wait until a server answers: `wait` (used by
scripts/run.sh) and `wait_ready` (used by cluster/services.py) do that.
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import subprocess
import sys
import time
import urllib.request
import xmlrpc.client
from collections.abc import Callable
from pathlib import Path

from supervisor.xmlrpc import Faults, SupervisorTransport

# The states of a program that has exited, or will not run, since it was started.
GONE = {"STOPPED", "EXITED", "BACKOFF", "FATAL", "UNKNOWN"}


class NotReady(RuntimeError):
    """A program exited, or did not answer in time; the message shows the tail of its log."""


def http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (OSError, http.client.HTTPException):  # refused, reset, timed out, not yet HTTP
        return False


def log_path(info: dict) -> str:
    return os.path.normpath(info.get("stdout_logfile") or "")


def log_tail(info: dict, chars: int = 3000) -> str:
    path = Path(log_path(info))
    if not path.is_file():
        return "(no log)"
    with path.open("rb") as log:
        log.seek(max(0, path.stat().st_size - chars))
        return log.read().decode(errors="replace")


class Supervisor:
    """One supervisord: the one listening on ``socket``, or one that ``start`` runs from ``conf``."""

    def __init__(self, socket: Path, conf: Path | None = None, env: dict[str, str] | None = None):
        self.socket = socket
        self.conf = conf
        self.env = env
        self.process: subprocess.Popen | None = None

    def rpc(self):
        """supervisord's XML-RPC interface (a new connection each time: one per thread is safe)."""
        transport = SupervisorTransport(None, None, f"unix://{self.socket}")
        return xmlrpc.client.ServerProxy("http://localhost", transport=transport).supervisor

    def answers(self) -> bool:
        try:
            return self.rpc().getState()["statename"] == "RUNNING"
        except (OSError, xmlrpc.client.Fault):
            return False

    def start(self, timeout: float = 30) -> Supervisor:
        """Run supervisord in the foreground as this process's child (in its process group: a
        Ctrl-C reaches both); return once it answers on its socket."""
        self.process = subprocess.Popen([sys.executable, "-m", "supervisor.supervisord", "-c", str(self.conf)],
                                        env=self.env, stdin=subprocess.DEVNULL)
        if not self.wait_answering(timeout):
            if self.process.poll() is not None:
                raise NotReady(f"supervisord exited with {self.process.returncode} (see its messages above)")
            self.stop()
            raise NotReady(f"supervisord did not answer on {self.socket} within {timeout:.0f} s")
        return self

    def wait_answering(self, timeout: float) -> bool:
        """Whether it answers on its socket within ``timeout`` (False at once if the supervisord
        this object started has exited)."""
        deadline = time.monotonic() + timeout
        while not self.answers():
            if (self.process is not None and self.process.poll() is not None) or time.monotonic() > deadline:
                return False
            time.sleep(0.1)
        return True

    def info(self, name: str) -> dict:
        return self.rpc().getProcessInfo(name)

    def pids(self) -> dict[str, int]:
        """The running programs' process ids, by supervisord's name ("group:name" in a group)."""
        return {(f"{i['group']}:{i['name']}" if i["group"] != i["name"] else i["name"]): i["pid"]
                for i in self.rpc().getAllProcessInfo() if i["pid"]}

    def start_program(self, name: str) -> None:
        """Start it unless it is running or starting (supervisord may have restarted it already)."""
        if self.info(name)["statename"] in ("STARTING", "RUNNING", "BACKOFF"):
            return
        try:
            self.rpc().startProcess(name, False)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode != Faults.ALREADY_STARTED:
                raise

    def stop_program(self, name: str) -> None:
        """Stop it with its configured signal, and wait until it has exited (not restarted)."""
        try:
            self.rpc().stopProcess(name, True)
        except xmlrpc.client.Fault as fault:
            if fault.faultCode != Faults.NOT_RUNNING:
                raise

    def kill_program(self, name: str, timeout: float = 30) -> None:
        """SIGKILL, as a crash would; returns once supervisord has seen it exit (and, with
        autorestart, started it again)."""
        pid = self.info(name)["pid"]
        if not pid:
            return
        self.rpc().signalProcess(name, "KILL")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = self.info(name)
            if info["pid"] != pid or info["statename"] != "RUNNING":
                return
            time.sleep(0.1)

    def stop(self, timeout: float = 120) -> None:
        """Stop every program (highest priority number first) and supervisord itself."""
        if self.process is None:
            return
        if self.process.poll() is None:
            try:
                self.rpc().shutdown()
            except (OSError, xmlrpc.client.Fault):
                self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


def wait_ready(supervisor: Supervisor, checks: dict[str, tuple[Callable[[], bool], str]], timeout: float) -> None:
    """Wait until every program's check passes (``checks``: supervisord name -> (check, what it
    waits for)). A program that exits before (a new process id, or a state in GONE) is an
    error at once, with the tail of its log; so is supervisord itself going away."""
    deadline = time.monotonic() + timeout
    waiting = dict(checks)
    first_pid: dict[str, int] = {}
    while waiting:
        for name, (ready, what) in list(waiting.items()):
            try:
                info = supervisor.info(name)
            except OSError as error:
                raise NotReady(f"supervisord stopped answering on {supervisor.socket}: {error}") from error
            if info["pid"]:
                first_pid.setdefault(name, info["pid"])
            if info["statename"] in GONE or (info["pid"] and info["pid"] != first_pid[name]):
                raise NotReady(f"{name} exited ({info['statename']}: {info['description']}) before {what}; "
                               f"the end of {log_path(info)}:\n{log_tail(info)}")
            if ready():
                del waiting[name]
        if waiting and time.monotonic() > deadline:
            name = next(iter(waiting))
            info = supervisor.info(name)
            raise NotReady(f"{name}: no {waiting[name][1]} after {timeout:.0f} s; "
                           f"the end of {log_path(info)}:\n{log_tail(info)}")
        if waiting:
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.processes", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    wait = commands.add_parser("wait", help="wait until each program answers its health URL")
    wait.add_argument("--socket", type=Path, required=True, help="supervisord's unix socket")
    wait.add_argument("--timeout", type=float, default=180, help="seconds (default 180)")
    wait.add_argument("--since", type=float, default=time.time(),
                      help="when the start began (seconds since the epoch), for the time printed")
    wait.add_argument("programs", nargs="+", metavar="NAME=URL", help="a program and the URL that answers 200")
    args = parser.parse_args(argv)

    supervisor = Supervisor(args.socket)
    if not supervisor.wait_answering(15):  # started just before this, in the background
        print(f"supervisord did not answer on {args.socket}", file=sys.stderr)
        return 1
    checks = {}
    for program in args.programs:
        name, _, url = program.partition("=")
        checks[name] = ((lambda url=url: http_ok(url)), url)
    try:
        wait_ready(supervisor, checks, args.timeout)
    except NotReady as error:
        print(f"Not started: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C while waiting: scripts/run.sh stops everything
        return 130
    print(f"Every server answers, {time.time() - args.since:.1f} s after the start.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
