"""The scaled-out set-up's configuration, and what must be ready before its servers start.

Ports, the work folder (PostgreSQL's data, logs, sockets), and the preparation step: the
database password (made once, 0600), PostgreSQL's initdb and database (single-user mode: no
server runs yet), nginx's config with the ports (cluster/nginx.conf filled in), and the values
deploy/cluster.conf reads from supervisord's environment. cluster/services.py starts the
servers from there, through supervisord. Every server comes from Debian's packages
(postgresql, redis-server, nginx) or the project's virtualenv; `make cluster` installs the
packages when they are missing.
"""

from __future__ import annotations

import glob
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "current.tar.gz"
DB_NAME, DB_USER = "rasa", "rasa"


class ClusterError(RuntimeError):
    """A server did not start; the message says which and shows its log's tail."""


def server_ports() -> range:
    """Ports below the kernel's range for outgoing connections' own ports: a port found free
    there cannot be taken by some client's connection before the server binds it (a port from
    binding port 0 can: CI once saw a Rasa replica fail with "address already in use")."""
    try:
        low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        low = 32768  # Linux's default
    return range(20000, max(low, 21000))


def free_port() -> int:
    return free_ports(1)[0]


# Ports this process handed out. A port found free stays free until its server binds it, so two
# calls before the first server starts could return the same port: CI once gave nginx and a
# Rasa replica the same one (the replica never started, nginx proxied to itself).
_handed_out: set[int] = set()
_handing_out = threading.Lock()


def free_ports(count: int) -> list[int]:
    """``count`` consecutive free ports (supervisord numbers the replicas by their port), none
    of them handed out before by this process."""
    ports = server_ports()
    with _handing_out:
        for _ in range(200):
            first = secrets.choice(range(ports.start, ports.stop - count))
            block = range(first, first + count)
            if not _handed_out.intersection(block) and all(_bindable(port) for port in block):
                _handed_out.update(block)
                return list(block)
    raise ClusterError(f"no {count} consecutive free ports found")


def _bindable(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


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
    rasa: list[int] = field(default_factory=lambda: [19005, 19006])     # consecutive
    actions: list[int] = field(default_factory=lambda: [19055, 19056])  # consecutive
    actions_front: int = 19050  # nginx in front of the action servers
    postgres: int = 19432
    redis: int = 19379

    def every(self) -> list[int]:
        return [self.front, self.web, *self.rasa, *self.actions, self.actions_front, self.postgres, self.redis]

    @classmethod
    def free(cls, replicas: int = 2) -> Ports:
        """Free ports everywhere: two runs on one machine never share a server."""
        return cls(free_port(), free_port(), free_ports(replicas), free_ports(2), free_port(), free_port(),
                   free_port())


class Setup:
    """The set-up in one work folder: its addresses, its preparation, supervisord's environment."""

    def __init__(self, workdir: Path, ports: Ports | None = None, replicas: int = 2,
                 idle_closing_seconds: int | None = None, model: Path = MODEL,
                 flood_exempt: tuple[str, ...] = ()):
        self.workdir = workdir.resolve()
        self.ports = ports or Ports()
        self.ports.rasa = self.ports.rasa[:replicas]
        if len(self.ports.rasa) != replicas:
            raise ValueError(f"{replicas} replicas need {replicas} Rasa ports")
        for kind, ports_of_kind in (("Rasa", self.ports.rasa), ("action server", self.ports.actions)):
            if ports_of_kind != list(range(ports_of_kind[0], ports_of_kind[0] + len(ports_of_kind))):
                raise ValueError(f"the {kind} ports must be consecutive: {ports_of_kind}")
        if len(set(self.ports.every())) != len(self.ports.every()):
            raise ValueError(f"two servers cannot share a port: {self.ports}")
        self.idle_closing_seconds = idle_closing_seconds
        self.model = model
        # Client addresses the flood limits leave alone (the tests' and benchmarks' 127.0.0.1).
        self.flood_exempt = flood_exempt
        self.logs = self.workdir / "logs"
        self.run_dir = self.workdir / "run"
        self.pgdata = self.workdir / "postgres"
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

    def supervisor_env(self) -> dict[str, str]:
        """supervisord's environment: the %(ENV_...)s values of deploy/cluster.conf, and what
        every server inherits (the replicas' settings, one TensorFlow thread per pool as
        scripts/run.sh sets: several replicas share the cores)."""
        return {
            "TF_INTRA_OP_PARALLELISM_THREADS": "1", "TF_INTER_OP_PARALLELISM_THREADS": "1", **os.environ,
            "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1",
            **self.rasa_env(),
            "CLUSTER_DIR": str(self.workdir), "PYTHON": str(BIN / "python"), "MODEL": str(self.model),
            "PG_BIN": str(postgres_bin()), "PG_USER": "postgres" if self.as_root else _user_name(),
            "PG_PORT": str(self.ports.postgres), "REDIS_PORT": str(self.ports.redis),
            "ACTIONS_FIRST_PORT": str(self.ports.actions[0]), "RASA_FIRST_PORT": str(self.ports.rasa[0]),
            "REPLICAS": str(len(self.ports.rasa)), "WEB_PORT": str(self.ports.web), "FRONT_URL": self.url,
            "NGINX": shutil.which("nginx") or "/usr/sbin/nginx", "OWNER_PID": str(os.getpid()),
        }

    # --- preparation, before supervisord starts the servers -------------------------------

    def _as_postgres(self) -> dict:
        """PostgreSQL refuses to run as root: its commands run as Debian's postgres user."""
        return {"user": "postgres", "group": "postgres"} if self.as_root else {}

    def _chown_postgres(self, *paths: Path) -> None:
        if self.as_root:
            for path in paths:
                shutil.chown(path, "postgres", "postgres")

    def _check_reachable_by_postgres(self) -> None:
        """PostgreSQL runs as the postgres user, who must be able to walk down to its folder."""
        if not self.as_root:
            return
        for folder in [self.workdir, *self.workdir.parents]:
            if not folder.stat().st_mode & 0o001:
                raise ClusterError(f"{folder} is closed to other users, so PostgreSQL (user postgres) cannot "
                                   f"reach {self.pgdata}: use a work folder elsewhere, or chmod o+x {folder}")

    def _init_postgres(self) -> None:
        if (self.pgdata / "PG_VERSION").exists():
            return
        self.pgdata.mkdir(mode=0o700)
        pwfile = self.run_dir / "pwfile"
        with os.fdopen(os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as secret:
            secret.write(self.db_password + "\n")
        self._chown_postgres(self.pgdata, pwfile)
        try:
            with open(self.logs / "initdb.log", "ab") as log:
                init = subprocess.run([str(postgres_bin() / "initdb"), "-D", str(self.pgdata), "-U", DB_USER,
                                       f"--pwfile={pwfile}", "--auth=scram-sha-256", "--encoding=UTF8",
                                       "--no-locale"], stdout=log, stderr=subprocess.STDOUT, check=False,
                                      **self._as_postgres())
        finally:
            pwfile.unlink()
        if init.returncode != 0:
            raise ClusterError(f"initdb failed:\n{self.log('initdb')[-3000:]}")

    def _create_database(self) -> None:
        """Made before the replicas start, so that they do not race to create it: PostgreSQL in
        single-user mode (no server, no port), which also refuses if a server still runs here."""
        created = subprocess.run([str(postgres_bin() / "postgres"), "--single", "-D", str(self.pgdata), "postgres"],
                                 input=f'CREATE DATABASE "{DB_NAME}"\n', capture_output=True, text=True,
                                 check=False, **self._as_postgres())
        errors = [line for line in created.stderr.splitlines() if re.search(r"\b(ERROR|FATAL):", line)]
        if created.returncode != 0 or [e for e in errors if "already exists" not in e]:
            raise ClusterError(f"PostgreSQL in {self.pgdata} could not create the database "
                               f"(is a cluster of this work folder still running?):\n{created.stderr[-3000:]}")

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

    def prepare(self) -> None:
        """Everything the servers need before supervisord starts them."""
        missing = missing_programs()
        if missing:
            raise ClusterError(f"missing Debian packages: {' '.join(missing)} (`make cluster` installs them)")
        if not self.model.exists():
            raise ClusterError(f"no model at {self.model}: run `make train`")
        self.logs.mkdir(parents=True, exist_ok=True)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self._chown_postgres(self.run_dir)  # PostgreSQL's socket goes there
        self._check_reachable_by_postgres()
        self._init_postgres()
        self._create_database()
        (self.run_dir / "nginx.conf").write_text(self.nginx_conf())


def _user_name() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name
