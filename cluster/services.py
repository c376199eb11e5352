"""Start and stop the scaled-out assistant on one machine, on loopback.

    PostgreSQL (tracker store) + Redis (lock store)
    2 action servers, behind nginx
    N Rasa server replicas (REST + socket.io), behind nginx: REST to the least busy, socket.io sticky
    the web page, behind nginx

Every server comes from Debian's packages (postgresql, redis-server, nginx) or the project's
virtualenv; `make cluster` installs the packages when they are missing. Used by
`python -m cluster` (make cluster), tests/cluster/ and bench/cluster.py.
"""

from __future__ import annotations

import ctypes
import glob
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "current.tar.gz"
READY_TIMEOUT_S = 300  # several Rasa servers loading their model at once on 2 cores
DB_NAME, DB_USER = "rasa", "rasa"


class ClusterError(RuntimeError):
    """A server did not start; the message says which and shows its log's tail."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_bin() -> Path:
    """Debian installs each PostgreSQL major version in its own folder: take the newest."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise ClusterError("PostgreSQL is not installed: run `make cluster` (it installs Debian's postgresql)")
    return Path(found[-1]).parent


def missing_programs() -> list[str]:
    """Debian packages the cluster needs that are not installed."""
    missing = []
    if not glob.glob("/usr/lib/postgresql/*/bin/postgres"):
        missing.append("postgresql")
    if not shutil.which("redis-server"):
        missing.append("redis-server")
    if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
        missing.append("nginx")
    return missing


_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Runs in each server's process before it starts: if whoever started the cluster dies
    without stopping it (killed, crashed), the server gets SIGTERM instead of living on."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ${NAME} (upper case) with values[NAME]; an unknown name is an error."""
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"no value for ${{{name}}}")
        return values[name]
    return re.sub(r"\$\{([A-Z][A-Z0-9_]*)\}", replace, template)


@dataclass
class Ports:
    front: int = 8080           # nginx: the web page, /webhooks/ and /socket.io/
    web: int = 19000
    rasa: list[int] = field(default_factory=lambda: [19005, 19006])
    actions: list[int] = field(default_factory=lambda: [19055, 19056])
    actions_front: int = 19050  # nginx in front of the action servers
    postgres: int = 19432
    redis: int = 19379

    @classmethod
    def free(cls, replicas: int = 2) -> Ports:
        """Free ports everywhere: two runs on one machine never share a server."""
        return cls(free_port(), free_port(), [free_port() for _ in range(replicas)],
                   [free_port(), free_port()], free_port(), free_port(), free_port())


@dataclass
class Process:
    name: str
    popen: subprocess.Popen
    log: Path


class Cluster:
    """The whole set-up; ``with Cluster(workdir) as cluster:`` starts it and stops it."""

    def __init__(self, workdir: Path, ports: Ports | None = None, replicas: int = 2,
                 idle_closing_seconds: int | None = None, model: Path = MODEL,
                 flood_exempt: tuple[str, ...] = ()):
        self.workdir = workdir.resolve()
        self.ports = ports or Ports()
        self.ports.rasa = self.ports.rasa[:replicas]
        if len(self.ports.rasa) != replicas:
            raise ValueError(f"{replicas} replicas need {replicas} Rasa ports")
        self.idle_closing_seconds = idle_closing_seconds
        self.model = model
        # Client addresses the flood limits leave alone (the tests' and benchmarks' 127.0.0.1).
        self.flood_exempt = flood_exempt
        self.logs = self.workdir / "logs"
        self.run_dir = self.workdir / "run"
        self.pgdata = self.workdir / "postgres"
        self.processes: dict[str, Process] = {}
        self.as_root = os.geteuid() == 0

    # --- addresses ------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The front door: the web page, the REST channel and socket.io, through nginx."""
        return f"http://localhost:{self.ports.front}"

    def replica_url(self, index: int) -> str:
        return f"http://localhost:{self.ports.rasa[index]}"

    @property
    def db_password(self) -> str:
        """Made once per work folder and kept there (0600); never in the repository."""
        path = self.workdir / "db_password"
        if not path.exists():
            with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as secret:
                secret.write(secrets.token_urlsafe(24))
        return path.read_text().strip()

    def db_url(self) -> str:
        return f"postgresql://{DB_USER}:{self.db_password}@127.0.0.1:{self.ports.postgres}/{DB_NAME}"

    def rasa_env(self) -> dict[str, str]:
        """What cluster/endpoints.yml reads from the environment, and the channels' settings."""
        env = {
            "ACTION_SERVER_URL": f"http://127.0.0.1:{self.ports.actions_front}/webhook",
            "DB_HOST": "127.0.0.1", "DB_PORT": str(self.ports.postgres), "DB_NAME": DB_NAME,
            "DB_USER": DB_USER, "DB_PASSWORD": self.db_password,
            "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(self.ports.redis),
            "SITE_ORIGINS": f"{self.url} http://127.0.0.1:{self.ports.front}",
            # Behind nginx: the client's address, for the flood limits, is in X-Real-IP.
            "SANIC_REAL_IP_HEADER": "x-real-ip",
            "FLOOD_EXEMPT_ADDRESSES": " ".join(self.flood_exempt),
        }
        if self.idle_closing_seconds is not None:
            env["IDLE_CLOSING_SECONDS"] = str(self.idle_closing_seconds)
        return env

    # --- processes ------------------------------------------------------------------------

    def _spawn(self, name: str, args: list[str], env: dict[str, str] | None = None,
               as_postgres: bool = False) -> Process:
        log = self.logs / f"{name}.log"
        handle = open(log, "ab")  # noqa: SIM115 - kept open for the process's lifetime
        # One TensorFlow thread per pool, as scripts/run.sh sets: several replicas share the cores.
        full_env = {"TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1", **os.environ,
                    "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1",
                    **(env or {})}
        # PostgreSQL refuses to run as root: run it as Debian's postgres user.
        user = "postgres" if as_postgres and self.as_root else None
        popen = subprocess.Popen(args, cwd=ROOT, env=full_env, stdout=handle, stderr=subprocess.STDOUT,
                                 start_new_session=True, user=user, group=user, preexec_fn=_die_with_parent)
        handle.close()
        process = Process(name, popen, log)
        self.processes[name] = process
        return process

    def _wait(self, process: Process, ready, what: str, timeout: float = READY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.popen.poll() is not None:
                raise ClusterError(f"{process.name} exited with {process.popen.returncode} before {what}:\n"
                                   f"{self.log(process.name)[-3000:]}")
            if ready():
                return
            time.sleep(0.3)
        raise ClusterError(f"{process.name}: no {what} after {timeout:.0f} s:\n{self.log(process.name)[-3000:]}")

    @staticmethod
    def _http_ok(url: str) -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return False

    def log(self, name: str) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def _chown_postgres(self, *paths: Path) -> None:
        if self.as_root:
            for path in paths:
                shutil.chown(path, "postgres", "postgres")

    # PostgreSQL ----------------------------------------------------------------------------

    def _check_reachable_by_postgres(self) -> None:
        """PostgreSQL runs as the postgres user, who must be able to walk down to its folder."""
        if not self.as_root:
            return
        for folder in [self.workdir, *self.workdir.parents]:
            if not folder.stat().st_mode & 0o001:
                raise ClusterError(f"{folder} is closed to other users, so PostgreSQL (user postgres) cannot "
                                   f"reach {self.pgdata}: use a work folder elsewhere, or chmod o+x {folder}")

    def _init_postgres(self) -> None:
        self._check_reachable_by_postgres()
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.pgdata.mkdir(mode=0o700)
        pwfile = self.run_dir / "pwfile"
        with os.fdopen(os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as secret:
            secret.write(self.db_password + "\n")
        self._chown_postgres(self.pgdata, pwfile)
        init = self._spawn("initdb", [str(postgres_bin() / "initdb"), "-D", str(self.pgdata), "-U", DB_USER,
                                      f"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8",
                                      "--no-locale"], as_postgres=True)
        if init.popen.wait() != 0:
            raise ClusterError(f"initdb failed:\n{self.log('initdb')[-3000:]}")
        del self.processes["initdb"]
        pwfile.unlink()

    def _postgres_ready(self) -> bool:
        check = subprocess.run([str(postgres_bin() / "pg_isready"), "-q", "-h", "127.0.0.1",
                                "-p", str(self.ports.postgres)], check=False)
        return check.returncode == 0

    def start_postgres(self) -> None:
        self._init_postgres()
        process = self._spawn("postgres", [
            str(postgres_bin() / "postgres"), "-D", str(self.pgdata), "-p", str(self.ports.postgres),
            "-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={self.run_dir}",
        ], as_postgres=True)
        self._wait(process, self._postgres_ready, "connections", timeout=60)
        self._create_database()

    def _create_database(self) -> None:
        """Made before the replicas start, so that they do not race to create it."""
        import psycopg2

        connection = psycopg2.connect(host="127.0.0.1", port=self.ports.postgres, user=DB_USER,
                                      password=self.db_password, dbname="postgres")
        connection.autocommit = True  # CREATE DATABASE cannot run in a transaction
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,))
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{DB_NAME}"')
        finally:
            connection.close()

    def stop_postgres(self) -> None:
        """A fast shutdown (SIGINT), as an operator or a failover would do."""
        self._stop("postgres", signal.SIGINT)

    # Redis ---------------------------------------------------------------------------------

    def _redis_ready(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.ports.redis), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start_redis(self) -> None:
        # Locks live for seconds: nothing to persist.
        process = self._spawn("redis", ["redis-server", "--port", str(self.ports.redis), "--bind", "127.0.0.1",
                                        "--save", "", "--appendonly", "no", "--dir", str(self.run_dir)])
        self._wait(process, self._redis_ready, "PONG", timeout=30)

    # Action servers, Rasa replicas, web page ------------------------------------------------

    def start_action_server(self, index: int) -> Process:
        env = {"IDLE_CLOSING_SECONDS": str(self.idle_closing_seconds)} if self.idle_closing_seconds else {}
        # rasa_sdk without TensorFlow, as make run starts it (scripts/action_server.py).
        return self._spawn(f"actions-{index + 1}", [str(BIN / "python"), str(ROOT / "scripts" / "action_server.py"),
                                                    "--actions", "actions", "--port", str(self.ports.actions[index])],
                           env)

    def wait_action_server(self, index: int) -> None:
        port = self.ports.actions[index]
        self._wait(self.processes[f"actions-{index + 1}"],
                   lambda: self._http_ok(f"http://localhost:{port}/health"), "/health")

    def stop_action_server(self, index: int) -> None:
        self._stop(f"actions-{index + 1}")

    def start_replica(self, index: int) -> Process:
        return self._spawn(f"rasa-{index + 1}", [
            str(BIN / "python"), str(ROOT / "scripts" / "rasa_server.py"), "run", "--model", str(self.model),
            "--port", str(self.ports.rasa[index]),
            "--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(HERE / "endpoints.yml"),
            "--cors", self.url,
        ], self.rasa_env())

    def kill_replica(self, index: int) -> None:
        """Abruptly (SIGKILL), as a crash or a lost machine would."""
        self._stop(f"rasa-{index + 1}", signal.SIGKILL)

    def wait_replica(self, index: int) -> None:
        self._wait(self.processes[f"rasa-{index + 1}"], lambda: self._http_ok(self.replica_url(index) + "/"),
                   "answer on /")

    def start_web(self) -> Process:
        return self._spawn("web", [str(BIN / "python"), "-m", "web.app", "--port", str(self.ports.web),
                                   "--rasa-url", self.url])

    @staticmethod
    def nginx_reply(key: str) -> str:
        """An approved message as the REST channel's reply, quoted for an nginx string."""
        from assistant.clinic import clinic

        reply = json.dumps([{"text": clinic().say(key)}])
        if "$" in reply:  # nginx would read it as a variable
            raise ClusterError(f"knowledge/messages.yml: {key} must not contain '$' (nginx serves it)")
        return reply.replace("\\", "\\\\").replace("'", "\\'")

    def nginx_conf(self) -> str:
        servers = lambda ports: "\n".join(  # noqa: E731
            f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;" for port in ports)
        return fill((HERE / "nginx.conf").read_text(), {
            "RUN_DIR": str(self.run_dir), "LOG_DIR": str(self.logs),
            # As root, nginx's workers would run as nobody, who cannot write the temp folders.
            "USER_DIRECTIVE": "user root;" if self.as_root else "",
            "RASA_SERVERS": servers(self.ports.rasa), "ACTION_SERVERS": servers(self.ports.actions),
            "WEB_PORT": str(self.ports.web), "FRONT_PORT": str(self.ports.front),
            "ACTIONS_FRONT_PORT": str(self.ports.actions_front), "APOLOGY_JSON": self.nginx_reply("action_failed"),
            "SLOW_DOWN_JSON": self.nginx_reply("slow_down"),
            "FLOOD_EXEMPT": "".join(f"        {address} 0;\n" for address in self.flood_exempt),
        })

    def start_nginx(self) -> Process:
        conf = self.run_dir / "nginx.conf"
        conf.write_text(self.nginx_conf())
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        return self._spawn("nginx", [nginx, "-c", str(conf), "-p", str(self.run_dir), "-g", "daemon off;"])

    # --- the whole ------------------------------------------------------------------------

    def start(self) -> Cluster:
        missing = missing_programs()
        if missing:
            raise ClusterError(f"missing Debian packages: {' '.join(missing)} (`make cluster` installs them)")
        if not self.model.exists():
            raise ClusterError(f"no model at {self.model}: run `make train`")
        self.logs.mkdir(parents=True, exist_ok=True)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self._chown_postgres(self.run_dir)
        try:
            self.start_postgres()
            self.start_redis()
            for index in range(len(self.ports.actions)):
                self.start_action_server(index)
            for index in range(len(self.ports.rasa)):
                self.start_replica(index)
            web = self.start_web()
            nginx = self.start_nginx()
            for index in range(len(self.ports.actions)):
                self.wait_action_server(index)
            self._wait(web, lambda: self._http_ok(f"http://localhost:{self.ports.web}/health"), "/health")
            self._wait(nginx, lambda: self._http_ok(self.url + "/health"), "the web page through nginx")
            for index in range(len(self.ports.rasa)):
                self.wait_replica(index)
        except BaseException:
            self.stop()
            raise
        return self

    def _stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.popen.poll() is not None:
            return
        try:
            os.killpg(process.popen.pid, sig)
            process.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.popen.pid, signal.SIGKILL)
            process.popen.wait()
        except ProcessLookupError:
            pass

    def stop(self) -> None:
        """Everything, front first, so that no request reaches a half-stopped back end."""
        for name in ["nginx", "web", *[n for n in self.processes if n.startswith(("rasa-", "actions-"))],
                     "redis"]:
            self._stop(name)
        self.stop_postgres()

    def __enter__(self) -> Cluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def pids(self) -> dict[str, int]:
        return {name: process.popen.pid for name, process in self.processes.items()}
