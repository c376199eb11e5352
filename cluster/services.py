"""The scaled-out assistant on one machine, on loopback, run by supervisord.

    PostgreSQL (tracker store) + Redis (lock store)
    2 action servers, behind nginx
    N Rasa server replicas (REST + socket.io), behind nginx: REST to the least busy, socket.io sticky
    the web page, behind nginx

Every server is a program of deploy/cluster.conf: supervisord starts it, starts it again when it
crashes, and stops it. ``Cluster`` prepares the work folder (cluster/prepare.py), starts
supervisord, waits until every server answers, and lets `python -m cluster` (make cluster),
tests/cluster/ and bench/cluster.py stop, start or kill one server by asking supervisord over
its socket (deploy/processes.py).
"""

from __future__ import annotations

import socket
import subprocess

from cluster.prepare import (  # noqa: F401 - the names tests/, bench/ and the Makefile use from here
    DB_NAME,
    DB_USER,
    MODEL,
    ROOT,
    ClusterError,
    Ports,
    Setup,
    free_port,
    missing_programs,
    postgres_bin,
)
from deploy.processes import NotReady, Supervisor, http_ok, wait_ready

CONF = ROOT / "deploy" / "cluster.conf"
READY_TIMEOUT_S = 300  # several Rasa servers loading their model at once on 2 cores


class Cluster(Setup):
    """The whole set-up; ``with Cluster(workdir) as cluster:`` starts it and stops it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.supervisor = Supervisor(self.run_dir / "supervisor.sock", CONF)

    def program(self, name: str) -> str:
        """supervisord's name for one of ours: rasa-1 is the first replica (rasa:rasa-<port>)."""
        kind, _, number = name.rpartition("-")
        ports = {"rasa": self.ports.rasa, "actions": self.ports.actions}.get(kind)
        if ports is None or not number.isdigit():
            return name
        return f"{kind}:{kind}-{ports[int(number) - 1]}"

    def log(self, name: str) -> str:
        """A server's log by our name (rasa-1, actions-2, postgres, nginx-access, ...)."""
        path = self.logs / f"{self.program(name).rpartition(':')[2]}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _postgres_ready(self) -> bool:
        check = subprocess.run([str(postgres_bin() / "pg_isready"), "-q", "-h", "127.0.0.1",
                                "-p", str(self.ports.postgres)], check=False)
        return check.returncode == 0

    def _redis_ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.ports.redis), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def _wait(self, checks: dict, timeout: float = READY_TIMEOUT_S) -> None:
        try:
            wait_ready(self.supervisor, {self.program(name): check for name, check in checks.items()}, timeout)
        except NotReady as error:
            raise ClusterError(str(error)) from None

    def stop_postgres(self) -> None:
        """A fast shutdown (SIGINT, deploy/cluster.conf), as an operator or a failover would do."""
        self.supervisor.stop_program("postgres")

    def start_postgres(self) -> None:
        self.supervisor.start_program("postgres")
        self._wait({"postgres": (self._postgres_ready, "connections")}, timeout=60)

    def start_action_server(self, index: int) -> None:
        self.supervisor.start_program(self.program(f"actions-{index + 1}"))

    def action_server_check(self, index: int) -> tuple:
        url = f"http://localhost:{self.ports.actions[index]}/health"
        return lambda: http_ok(url), "/health"

    def replica_check(self, index: int) -> tuple:
        url = self.replica_url(index) + "/"
        return lambda: http_ok(url), "answer on /"

    def wait_action_server(self, index: int) -> None:
        self._wait({f"actions-{index + 1}": self.action_server_check(index)})

    def stop_action_server(self, index: int) -> None:
        self.supervisor.stop_program(self.program(f"actions-{index + 1}"))

    def start_replica(self, index: int) -> None:
        """Start it unless supervisord already restarted it (after kill_replica)."""
        self.supervisor.start_program(self.program(f"rasa-{index + 1}"))

    def kill_replica(self, index: int) -> None:
        """Abruptly (SIGKILL), as a crash would; supervisord starts it again (autorestart), and
        it answers once it has loaded its model."""
        self.supervisor.kill_program(self.program(f"rasa-{index + 1}"))

    def wait_replica(self, index: int) -> None:
        self._wait({f"rasa-{index + 1}": self.replica_check(index)})

    # --- the whole ------------------------------------------------------------------------

    def start(self) -> Cluster:
        if self.supervisor.answers():
            raise ClusterError(f"a cluster already runs in {self.workdir}: stop it first (Ctrl-C where it was started, "
                               f"or .venv/bin/supervisorctl -s unix://{self.supervisor.socket} shutdown)")
        self.prepare()
        self.supervisor.env = self.supervisor_env()
        try:
            self.supervisor.start()
        except NotReady as error:
            raise ClusterError(str(error)) from None
        try:
            checks = {"postgres": (self._postgres_ready, "connections"), "redis": (self._redis_ready, "PONG")}
            for index in range(len(self.ports.actions)):
                checks[f"actions-{index + 1}"] = self.action_server_check(index)
            checks["web"] = (lambda: http_ok(f"http://localhost:{self.ports.web}/health"), "/health")
            checks["nginx"] = (lambda: http_ok(self.url + "/health"), "the web page through nginx")
            for index in range(len(self.ports.rasa)):
                checks[f"rasa-{index + 1}"] = self.replica_check(index)
            self._wait(checks)
        except BaseException:
            self.stop()
            raise
        return self

    def wait(self) -> int:
        """Until supervisord stops (Ctrl-C, SIGTERM); its exit status."""
        return self.supervisor.process.wait() if self.supervisor.process else 0

    def stop(self) -> None:
        """Every server, front first (supervisord stops the highest priority number first), so
        that no request reaches a half-stopped back end; then supervisord."""
        self.supervisor.stop()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def pids(self) -> dict[str, int]:
        """Each running server's process id, by our name (rasa-1, actions-2, postgres, ...)."""
        ours = {self.program(name): name for name in
                [*(f"rasa-{i + 1}" for i in range(len(self.ports.rasa))),
                 *(f"actions-{i + 1}" for i in range(len(self.ports.actions)))]}
        return {ours.get(name, name): pid for name, pid in self.supervisor.pids().items() if name != "stop-with-owner"}
