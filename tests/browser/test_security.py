"""Security of the widget's two servers: the web app's headers, and the Rasa server's socket.io
channel accepting browsers from SITE_ORIGINS only (connectors/socketio.py)."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import urllib.error
import urllib.request

import pytest
import socketio
from playwright.sync_api import expect

from assistant.clinic import load_clinic
from connectors.socketio import site_origins
from tests.browser.conftest import FOREIGN_SITE, SITE
from tests.integration.conftest import texts

CLINIC = load_clinic()


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


# ---- the web app ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/config.json", "/widget/widget.js", "/widget/widget.css",
                                  "/widget/vendor/socket.io.min.js", "/static/site.css", "/no-such-page"])
def test_every_response_carries_the_security_headers(web, rasa, path):
    status, headers, _ = get(web.url + path)
    assert status == (404 if path == "/no-such-page" else 200)
    csp = headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["connect-src"] == f"'self' {rasa.url} {rasa.url.replace('http://', 'ws://')}"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["require-trusted-types-for"] == "'script'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["cross-origin-opener-policy"] == "same-origin"


def test_the_widget_files_can_be_embedded_by_other_sites(web):
    for path in ("/widget/widget.js", "/config.json"):
        _, headers, _ = get(web.url + path)
        assert headers["cross-origin-resource-policy"] == "cross-origin"
        assert headers["access-control-allow-origin"] == "*"
    _, headers, _ = get(web.url + "/")
    assert headers["cross-origin-resource-policy"] == "same-origin"
    assert "access-control-allow-origin" not in headers
    _, headers, _ = get(web.url + "/widget/widget.js")
    assert headers["content-type"].startswith("text/javascript")


def test_config_json_gives_the_approved_wording_and_the_clinic_details(web, rasa):
    _, _, body = get(web.url + "/config.json")
    config = json.loads(body)
    assert config["disclaimerShort"] == CLINIC.say("disclaimer_short")
    # Which message is safety guidance comes with each message (custom.kind), not from wording here.
    assert "alerts" not in config
    assert config["serverUrl"] == rasa.url
    assert config["clinic"]["name"] == CLINIC.name and config["clinic"]["phoneLink"] == CLINIC.phone_link
    assert config["clinic"]["bookingUrl"] == CLINIC.booking_url


def test_the_page_has_no_inline_script_or_style(web):
    _, _, body = get(web.url + "/")
    page = body.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)", page) == []
    assert "<style" not in page and " style=" not in page
    assert re.findall(r"<[^>]*\son[a-z]+\s*=", page) == []  # no inline event handlers
    assert CLINIC.name in page and CLINIC.doctor in page and CLINIC.phone in page


# ---- the socket.io channel's origin check -----------------------------------------------------

def test_site_origins_are_parsed_and_checked(monkeypatch):
    monkeypatch.delenv("SITE_ORIGINS", raising=False)
    monkeypatch.delenv("SITE_ORIGIN", raising=False)
    assert site_origins() == ["http://localhost:8000"]
    monkeypatch.setenv("SITE_ORIGIN", "https://www.example.org")  # as scripts/run.sh names it
    assert site_origins() == ["https://www.example.org"]
    monkeypatch.setenv("SITE_ORIGINS", "https://a.example.org https://b.example.org")
    assert site_origins() == ["https://a.example.org", "https://b.example.org"]
    assert site_origins("https://www.example.org/, http://localhost:8000") == [
        "https://www.example.org", "http://localhost:8000"]
    for bad in ("*", "", "www.example.org", "https://www.example.org/chat", "ftp://example.org"):
        with pytest.raises(ValueError):
            site_origins(bad)


def handshake(rasa, origin: str | None) -> tuple[int, dict[str, str]]:
    status, headers, _ = get(rasa.url + "/socket.io/?EIO=4&transport=polling", {"Origin": origin} if origin else {})
    return status, headers


def test_a_foreign_origin_is_refused_at_the_handshake(rasa):
    status, headers = handshake(rasa, "https://evil.example")
    assert status == 403
    assert "access-control-allow-origin" not in headers
    assert handshake(rasa, "null")[0] == 403
    status, headers = handshake(rasa, SITE)
    assert status == 200
    # One Access-Control-Allow-Origin (Rasa's --cors), not two: browsers reject a doubled one.
    assert headers["access-control-allow-origin"] == SITE
    assert handshake(rasa, None)[0] == 200  # server-side clients send no Origin


async def _connect(url: str, origin: str, transport: str) -> str:
    client = socketio.AsyncClient(reconnection=False)
    confirmed: asyncio.Future = asyncio.get_running_loop().create_future()
    client.on("session_confirm", lambda data: confirmed.done() or confirmed.set_result(data))
    try:
        await client.connect(url, headers={"Origin": origin}, transports=[transport], wait_timeout=10)
    except socketio.exceptions.ConnectionError:
        if client.eio.http is not None:  # the refused client leaves its HTTP session open
            await client.eio.http.close()
        return "refused"
    try:
        await client.emit("session_request", {"session_id": "origin-check"})
        return "confirmed " + await asyncio.wait_for(confirmed, 10)
    finally:
        await client.disconnect()


def connect(url: str, origin: str, transport: str) -> str:
    """_connect in a thread of its own: Playwright's sync API keeps an event loop running in
    this one once any browser test has started."""
    result: list[str] = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(_connect(url, origin, transport))))
    worker.start()
    worker.join(60)
    return result[0] if result else "no answer"


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_socketio_clients_from_a_foreign_origin_are_refused(rasa, transport):
    assert connect(rasa.url, "https://evil.example", transport) == "refused"
    assert connect(rasa.url, SITE, transport) == "confirmed origin-check"


def test_a_widget_on_a_foreign_site_cannot_reach_the_assistant(browser, foreign_web):
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(FOREIGN_SITE)
        page.get_by_role("button", name="Chat with us").click()
        expect(page.locator(".omc-status")).to_contain_text("Can't reach the assistant right now", timeout=20_000)
        # The welcome still shows the approved short disclaimer (from /config.json).
        expect(page.locator(".omc-welcome")).to_contain_text(CLINIC.say("disclaimer_short"))
        # ... and says how to reach the clinic instead.
        expect(page.locator(".omc-status").get_by_role("link", name=CLINIC.phone)).to_have_attribute(
            "href", CLINIC.phone_link)
        page.wait_for_timeout(1000)
        assert page.locator(".omc-msg--bot").count() == 0
    finally:
        ctx.close()


def test_the_rest_channel_still_works(rasa):
    assert texts(rasa.say("rest-still-works", "/greet"))[0] == CLINIC.say("greeting")


def test_the_booking_click_event_takes_only_a_button_name(web):
    def post(body: bytes) -> int:
        request = urllib.request.Request(web.url + "/events/booking", data=body, headers={"Content-Type": "text/plain"})
        try:
            with urllib.request.urlopen(request, timeout=10) as reply:
                return reply.status
        except urllib.error.HTTPError as error:
            return error.code

    before = web.booking_clicks.read_text().count("\n") if web.booking_clicks.exists() else 0
    for bad in (b"[]", b"not json", b'{"button": "<script>"}', b'{"button": "call"' + b" " * 300 + b"}"):
        assert post(bad) == 400, bad
    assert post(b'{"button": "call"}') == 204
    assert web.booking_clicks.read_text().count("\n") == before + 1
