"""Browser tests: the real action server, Rasa server and web app, driven by Debian's Chromium.

Needs (make test sets them up): /usr/bin/chromium (`apt-get install chromium`), Playwright for
Python from requirements.lock (never `playwright install`: it would download a browser), and
`npm ci` in web/ (socket.io-client, axe-core).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cluster.prepare import free_ports
from tests.integration.servers import MODEL, ROOT, Servers, library_copy, wait_for

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Free ports, chosen once per run, so that the tests run beside `make run` or another run.
# FOREIGN_WEB_PORT: a site that is NOT allowed to use the Rasa server (not in SITE_ORIGINS).
RASA_PORT, ACTIONS_PORT, WEB_PORT, FOREIGN_WEB_PORT = free_ports(4)
SITE = f"http://localhost:{WEB_PORT}"
FOREIGN_SITE = f"http://localhost:{FOREIGN_WEB_PORT}"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


def _missing() -> list[str]:
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -r requirements.lock)")
    if not (ROOT / "web" / "node_modules" / "socket.io-client").is_dir() or not AXE.exists():
        missing.append("web/node_modules (cd web && npm ci)")
    if not MODEL.exists():
        missing.append(f"{MODEL} (make train)")
    return missing


@pytest.fixture(scope="session", autouse=True)
def _prerequisites():
    missing = _missing()
    if missing:
        pytest.fail("browser tests need: " + "; ".join(missing), pytrace=False)


class WebApp:
    """`python -m web.app` on a port, as `make run` starts it."""

    def __init__(self, workdir: Path, port: int, rasa_url: str):
        self.port = port
        self.url = f"http://localhost:{port}"
        self.log = workdir / f"web-{port}.log"
        handle = open(self.log, "ab")  # noqa: SIM115 - kept open for the process's lifetime
        # The widget's booking clicks, where the desk reads them (tests/integration/servers.Desk).
        self.booking_clicks = workdir / "booking-clicks.jsonl"
        env = {**os.environ, "BOOKING_CLICKS_LOG": str(self.booking_clicks)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "web.app", "--port", str(port), "--rasa-url", rasa_url],
            cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, env=env,
        )
        wait_for(self.url + "/health", self.process, self.log)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def knowledge(workdir) -> Path:
    """A copy of the library: the desk's tests change it (Teach) as staff would."""
    return library_copy(workdir)


@pytest.fixture(scope="session")
def rasa(workdir, knowledge):
    """Action server + Rasa server; only the web app's origin may open the socket.io channel."""
    # The inactivity closing would come in the middle of a test after the integration tests'
    # 6 s: here it waits 10 minutes.
    running = Servers(workdir, rasa_port=RASA_PORT, actions_port=ACTIONS_PORT, site_origins=SITE,
                      idle_closing_seconds=600,
                      extra_env={"KNOWLEDGE_DIR": str(knowledge), "LIBRARY_POLL_SECONDS": "1"}).start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def web(rasa, workdir):
    app = WebApp(workdir, WEB_PORT, rasa.url)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def foreign_web(rasa, workdir):
    """The same web app on another origin, which the Rasa server must refuse."""
    app = WebApp(workdir, FOREIGN_WEB_PORT, rasa.url)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context(browser, web):
    """A fresh browser profile per test: empty localStorage, so a new conversation."""
    ctx = browser.new_context(viewport=DESKTOP)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, web):
    """A page that fails the test on any JavaScript error, CSP violation or dialog."""
    problems: list[str] = []
    new_page = context.new_page()
    new_page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    new_page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}")
                if message.type == "error" else None)
    new_page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    new_page.problems = problems
    yield new_page
    assert problems == [], problems

