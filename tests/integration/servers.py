"""Start the real action server and Rasa server for integration tests, on test ports."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from cluster.services import free_port

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# ASSISTANT_MODEL: another trained model, e.g. to benchmark a config change against the current one.
MODEL = Path(os.environ.get("ASSISTANT_MODEL") or ROOT / "models" / "current.tar.gz")
READY_TIMEOUT_S = 240  # the Rasa server needs ~35 s to load its model on 2 cores
# A short inactivity closing, so the test of it waits seconds, not minutes.
IDLE_CLOSING_SECONDS = 6
# The retention check runs every few seconds here (hourly by default), so its test is short.
RETENTION_CHECK_SECONDS = 2
FLOOD_EXEMPT_ADDRESSES = "127.0.0.1"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONUNBUFFERED="1",
               IDLE_CLOSING_SECONDS=str(IDLE_CLOSING_SECONDS),
               RETENTION_CHECK_SECONDS=str(RETENTION_CHECK_SECONDS),
               # The tests talk faster than any visitor; the flood limits are tested from
               # other loopback addresses (test_flood_limits.py).
               FLOOD_EXEMPT_ADDRESSES=FLOOD_EXEMPT_ADDRESSES)
    return env


def library_copy(workdir: Path, add_articles: Path | None = None) -> Path:
    """A copy of knowledge/ in ``workdir`` (serve it with KNOWLEDGE_DIR), with the articles
    (*.md) of ``add_articles`` added as staff would drop them in."""
    knowledge = workdir / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    for article in sorted(Path(add_articles).glob("*.md")) if add_articles else ():
        shutil.copy(article, knowledge / "articles" / article.name)
    return knowledge


def wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = READY_TIMEOUT_S) -> None:
    """Wait until ``url`` answers 200; fail early, with the log's tail, if the process exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} not ready after {timeout} s:\n{log.read_text()[-3000:]}")



def post_from(url: str, address: str, sender: str, message: str, timeout: float = 60) -> tuple[int, dict, list]:
    """One REST message to the server at ``url`` from the given client address (a loopback
    127.0.0.x other than 127.0.0.1, as a visitor on another network): status, headers, replies."""
    port = int(url.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(address, 0))
    try:
        connection.request("POST", "/webhooks/rest/webhook", json.dumps({"sender": sender, "message": message}),
                           {"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), json.loads(response.read())
    finally:
        connection.close()


class Servers:
    """An action server and a Rasa server (REST + socket.io) with their own SQLite tracker store."""

    def __init__(self, workdir: Path, rasa_port: int = 0, actions_port: int = 0, extra_endpoints: str = "",
                 site_origins: str = "http://localhost:8000", idle_closing_seconds: int = IDLE_CLOSING_SECONDS,
                 rasa_args: tuple[str, ...] = (), lock_store: str = "type: in_memory",
                 extra_env: dict[str, str] | None = None):
        # lock_store: its endpoints.yml entry, indented by two spaces after the first line
        # (a benchmark with several Sanic workers needs Redis).
        # site_origins: the web site(s) allowed to use the Rasa server from a browser
        # (space- or comma-separated): given to `rasa run --cors` and, as SITE_ORIGINS, to the
        # socket.io channel (connectors/socketio.py).
        self.workdir = workdir
        self.extra_env = extra_env or {}  # e.g. KNOWLEDGE_DIR: a copy of the library to serve
        self.site_origins = site_origins
        self.idle_closing_seconds = idle_closing_seconds
        self.rasa_args = rasa_args  # more `rasa run` options, e.g. the API with its token
        # Port 0: a free port each run, so two test runs on one machine never share a server.
        self.rasa_port = rasa_port or free_port()
        self.actions_port = actions_port or free_port()
        self.tracker_db = workdir / "tracker.db"
        self.endpoints = workdir / "endpoints.yml"
        self.endpoints.write_text(
            f"action_endpoint:\n  url: http://localhost:{self.actions_port}/webhook\n"
            f"tracker_store:\n  type: connectors.tracker_store.ReconnectingSQLTrackerStore\n"
            f"  dialect: sqlite\n  db: {self.tracker_db}\n"
            f"lock_store:\n  {lock_store}\n{extra_endpoints}"
        )
        self.actions: subprocess.Popen | None = None
        self.rasa: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.rasa_port}"

    def _spawn(self, name: str, args: list[str]) -> tuple[subprocess.Popen, Path]:
        log = self.workdir / f"{name}.log"
        handle = open(log, "ab")  # noqa: SIM115 - kept open for the process's lifetime
        env = {**_env(), "SITE_ORIGINS": self.site_origins, "IDLE_CLOSING_SECONDS": str(self.idle_closing_seconds),
               **self.extra_env}
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        return process, log

    def start_actions(self) -> None:
        # rasa_sdk without TensorFlow (scripts/action_server.py): what `rasa run actions` runs, in less memory.
        self.actions, log = self._spawn("actions", [str(BIN / "python"), str(ROOT / "scripts" / "action_server.py"),
                                                    "--actions", "actions", "--port", str(self.actions_port)])
        wait_for(f"http://localhost:{self.actions_port}/health", self.actions, log)

    def start_rasa(self) -> None:
        self.rasa, log = self._spawn("rasa", [
            str(BIN / "python"), str(ROOT / "scripts" / "rasa_server.py"), "run", "--model", str(MODEL),
            "--port", str(self.rasa_port),
            "--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(self.endpoints),
            "--cors", *self.site_origins.replace(",", " ").split(), *self.rasa_args,
        ])
        wait_for(self.url + "/", self.rasa, log)

    def start(self) -> Servers:
        self.start_actions()
        self.start_rasa()
        return self

    @staticmethod
    def _kill(process: subprocess.Popen | None, sig: int = signal.SIGTERM) -> None:
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def kill_rasa(self) -> None:
        """Kill the Rasa server abruptly (SIGKILL), as a crash would."""
        self._kill(self.rasa, signal.SIGKILL)

    def stop_actions(self) -> None:
        self._kill(self.actions)

    def stop(self) -> None:
        self._kill(self.rasa)
        self._kill(self.actions)

    def log(self, name: str) -> str:
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def post_raw(self, body: bytes, content_type: str = "application/json", timeout: float = 60,
                 path: str = "/webhooks/rest/webhook") -> tuple[int, bytes]:
        request = urllib.request.Request(self.url + path, data=body,
                                         headers={"Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def say(self, sender: str, message: str) -> list[dict]:
        """Send a message over the REST channel; return the bot's messages."""
        status, body = self.post_raw(json.dumps({"sender": sender, "message": message}).encode())
        assert status == 200, (status, body[:500])
        return json.loads(body)


DESK_PASSWORD = "correct horse battery staple"


class Browser:
    """A client that keeps cookies and does not follow redirects (so they can be checked)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str, timeout: float = 60) -> None:
        self.base = base
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self.NoRedirect())

    def request(self, path: str, form: dict | None = None, headers: dict | None = None) -> tuple[int, dict, str]:
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        headers = {"Accept": "text/html", **(headers or {})}
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with self.opener.open(request, timeout=self.timeout) as reply:
                return reply.status, dict(reply.headers), reply.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def sign_in(self, user: str = "alice", password: str = DESK_PASSWORD) -> int:
        return self.request("/signin", {"user": user, "password": password})[0]

    def csrf(self) -> str:
        page = self.request("/")[2]
        return page.split('name="csrf" value="', 1)[1].split('"', 1)[0]


class Desk:
    """The staff desk (python -m desk) over the servers' tracker store and a library folder,
    with two staff accounts, alice and bob (password DESK_PASSWORD)."""

    def __init__(self, workdir: Path, servers: Servers, knowledge: Path) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, "KNOWLEDGE_DIR": str(knowledge), "DESK_ACCOUNTS": str(workdir / "staff.json"),
                    "DESK_AUDIT_LOG": str(workdir / "audit.log"), "DESK_STATE": str(workdir / "state.json"),
                    "DESK_SECRET": uuid.uuid4().hex, "DESK_ENDPOINTS": str(servers.endpoints),
                    "LIBRARY_POLL_SECONDS": "1", "DESK_STORIES_DIR": str(workdir / "conversations"),
                    "DESK_TEST_RESULTS": str(workdir / "desk-tests"), "DESK_MODEL": str(MODEL),
                    "BOOKING_CLICKS_LOG": str(workdir / "booking-clicks.jsonl"),
                    "DESK_SIGNED_OUT": str(workdir / "signed-out.json")}
        # The saved stories go to a copy of the tests, never into the repository's.
        self.stories_dir = workdir / "conversations"
        shutil.copytree(ROOT / "tests" / "conversations", self.stories_dir)
        for name in ("alice", "bob"):
            subprocess.run([str(BIN / "python"), "-m", "desk.accounts", "add", name, "--password-stdin"],
                           input=DESK_PASSWORD + "\n", text=True, cwd=ROOT, env=self.env, check=True)
        log = workdir / "desk.log"
        self.process = subprocess.Popen([str(BIN / "python"), "-m", "desk", "--port", str(self.port)], cwd=ROOT,
                                        env=self.env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                                        start_new_session=True)
        wait_for(self.url + "/health", self.process, log)

    def audit(self) -> list[dict]:
        path = self.workdir / "audit.log"
        return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
