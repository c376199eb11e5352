"""The clinic's demo web page and the chat widget's files (Sanic 21.12).

    .venv/bin/python -m web.app --port 8000 --rasa-url http://localhost:5005

Routes:
  /                     a demo page of the clinic with the chat widget on it
  /config.json          what the widget needs from the server: the Rasa server's URL, the clinic's
                        details and its approved wording (knowledge/clinic.yml, messages.yml)
  /widget/widget.js     the widget: one <script> tag embeds it on any site (see web/README.md)
  /widget/widget.css    its styles (loaded by widget.js into the widget's shadow root)
  /widget/vendor/...    socket.io-client, served from web/node_modules (`npm ci` in web/)
  /static/...           the demo page's own files
  /health               {"status": "ok"}
  POST /events/booking  the widget reports a click on a booking button (for the desk's dashboard)

Every response carries strict security headers: a Content-Security-Policy without
'unsafe-inline' that lets the page talk to itself and to the Rasa server only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from ruamel.yaml import YAML
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.clinic import Clinic, load_clinic, retention_days, tel_link
from assistant.names import Intent, payload
from assistant.paths import PROJECT_ROOT

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
NODE_MODULES = WEB_DIR / "node_modules"
SOCKETIO_DIST = NODE_MODULES / "socket.io-client" / "dist"
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
DEFAULT_RASA_URL = "http://localhost:5005"
DEFAULT_SESSION_MINUTES = 30

JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
# URL path -> (file, content type). Only these files are served: nothing else under
# static/ or node_modules/ is reachable.
ASSETS: dict[str, tuple[Path, str]] = {
    "/widget/widget.js": (STATIC_DIR / "widget" / "widget.js", JS),
    "/widget/widget.css": (STATIC_DIR / "widget" / "widget.css", CSS),
    "/widget/vendor/socket.io.min.js": (SOCKETIO_DIST / "socket.io.min.js", JS),
    "/widget/vendor/socket.io.min.js.map": (SOCKETIO_DIST / "socket.io.min.js.map", "application/json"),
    "/static/site.css": (STATIC_DIR / "site.css", CSS),
    "/static/favicon.svg": (STATIC_DIR / "favicon.svg", "image/svg+xml"),
}
# Files another site loads to embed the widget: readable cross-origin, cached briefly.
EMBEDDABLE_PREFIXES = ("/widget/", "/config.json")


def origins_of(rasa_url: str) -> tuple[str, str]:
    """The Rasa server's HTTP origin and its WebSocket origin (for connect-src)."""
    parts = urlsplit(rasa_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"--rasa-url must be an http(s) URL such as {DEFAULT_RASA_URL}, not {rasa_url!r}")
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc}", f"{ws_scheme}://{parts.netloc}"


def content_security_policy(rasa_url: str) -> str:
    http_origin, ws_origin = origins_of(rasa_url)
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        f"connect-src 'self' {http_origin} {ws_origin}",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "manifest-src 'self'",
        # No DOM XSS sinks: assigning a string to innerHTML & co. throws on this page. The one
        # policy allowed is the widget's, which lets it load socket.io-client and nothing else.
        "require-trusted-types-for 'script'",
        "trusted-types ospina-chat",
    ])


def security_headers(rasa_url: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": content_security_policy(rasa_url),
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        # The booking site is not told which page of ours (or which chat) a visitor came from.
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                              "browsing-topics=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


def session_minutes(domain_file: Path = DOMAIN_FILE) -> int:
    """Rasa's session expiration (domain.yml): how long the widget keeps a transcript."""
    try:
        domain = YAML(typ="safe").load(domain_file.read_text(encoding="utf-8")) or {}
        return int(domain["session_config"]["session_expiration_time"]) or DEFAULT_SESSION_MINUTES
    except (OSError, KeyError, TypeError, ValueError):
        return DEFAULT_SESSION_MINUTES


def widget_config(clinic: Clinic, rasa_url: str, minutes: int) -> dict:
    """/config.json: everything the widget shows that is not the bot's own words."""
    details = clinic.details
    return {
        "serverUrl": rasa_url.rstrip("/"),
        "socketPath": "/socket.io",
        "title": f"{details['name']} assistant",
        "clinic": {
            "name": details["name"],
            "doctor": details["doctor"],
            "phone": details["phone"],
            "phoneLink": clinic.phone_link,
            "bookingUrl": details["booking_url"],
            "openingHours": details["opening_hours"],
            "emergencyNumber": details["emergency_number"],
            "crisisLine": details["crisis_line"],
            "crisisLineName": details["crisis_line_name"],
            "poisonControlLine": details["poison_control_line"],
            "privacyUrl": details["privacy_url"],
        },
        "privacyNotice": clinic.say("privacy_notice", retention_days=str(retention_days())),
        "disclaimerShort": clinic.say("disclaimer_short"),
        "greetPayload": payload(Intent.GREET),
        "endPayload": payload(Intent.END_SESSION),
        "sessionMinutes": minutes,
    }


def page(clinic: Clinic, embed_config: dict) -> str:
    """The demo clinic page. Every clinic value is HTML-escaped."""
    d = {key: html.escape(value) for key, value in clinic.details.items()}
    phone_link = html.escape(clinic.phone_link)
    emergency_link = html.escape(tel_link(clinic.details["emergency_number"]))
    config_attr = html.escape(json.dumps(embed_config), quote=True)
    placeholder_note = ""
    if clinic.placeholders:
        placeholder_note = (
            '<p class="demo-note">This is a demonstration page. The booking link, phone number and '
            "opening hours shown are placeholders until the clinic sets its real details.</p>"
        )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{d['name']}: sleep and chronic pain care with {d['doctor']}</title>
<meta name="description" content="{d['name']} helps adults whose chronic pain and poor sleep feed each other.">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/site.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="site-header">
  <div class="wrap header-inner">
    <a class="brand" href="/">{d['name']}</a>
    <nav aria-label="Main">
      <ul>
        <li><a href="#care">Our care</a></li>
        <li><a href="#visit">Visit us</a></li>
        <li><a href="{d['booking_url']}">Book a consultation</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="main">
  <section class="hero" aria-labelledby="hero-title">
    <div class="wrap">
      <p class="eyebrow">Sleep and chronic pain care</p>
      <h1 id="hero-title">When pain keeps you up, and poor sleep makes the pain worse</h1>
      <p class="lead">{d['doctor']} and the team at {d['name']} help adults whose musculoskeletal
        pain and sleep problems feed each other, from insomnia and sleep apnea to restless legs.</p>
      <p class="actions">
        <a class="button" href="{d['booking_url']}">Book a consultation</a>
        <a class="button button-secondary" href="{phone_link}">Call {d['phone']}</a>
        <button class="button button-quiet" type="button" data-ospina-chat-open hidden>Ask our assistant</button>
      </p>
    </div>
  </section>
  <section id="care" class="wrap section" aria-labelledby="care-title">
    <h2 id="care-title">Our care</h2>
    <ul class="cards">
      <li class="card">
        <h3>Pain and sleep</h3>
        <p>Chronic pain disturbs sleep, and short or broken sleep lowers the threshold for pain.
          We look at both together.</p>
      </li>
      <li class="card">
        <h3>Sleep disorders</h3>
        <p>Insomnia, obstructive sleep apnea, restless leg syndrome and periodic limb movement
          disorder are common in people living with pain.</p>
      </li>
      <li class="card">
        <h3>Treatment options</h3>
        <p>From sleep habits and physical therapy to interventional pain care, your plan is built
          around you.</p>
      </li>
    </ul>
  </section>
  <section id="visit" class="wrap section" aria-labelledby="visit-title">
    <h2 id="visit-title">Visit us</h2>
    <dl class="details">
      <div><dt>Doctor</dt><dd>{d['doctor']}</dd></div>
      <div><dt>Phone</dt><dd><a href="{phone_link}">{d['phone']}</a></dd></div>
      <div><dt>Opening hours</dt><dd>{d['opening_hours']}</dd></div>
      <div><dt>Book online</dt><dd><a href="{d['booking_url']}">Book a consultation</a></dd></div>
    </dl>
    <p class="emergency-note"><strong>In an emergency</strong>, call
      <a href="{emergency_link}">{d['emergency_number']}</a> or go to the nearest emergency room.
      For a mental health crisis, call or text {d['crisis_line']} ({d['crisis_line_name']}).</p>
    {placeholder_note}
  </section>
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>&copy; {d['name']}. The chat assistant gives general information from articles reviewed by
      {d['doctor']}'s team. It is not a diagnosis and not a substitute for professional medical advice.</p>
  </div>
</footer>
<script src="/widget/widget.js" data-config="{config_attr}" defer></script>
</body>
</html>
"""


BOOKING_BUTTONS = ("online", "call")


def booking_clicks_log() -> Path:
    return Path(os.environ.get("BOOKING_CLICKS_LOG", PROJECT_ROOT / "var" / "booking-clicks.jsonl"))


def record_booking_click(path: Path, button: str) -> None:
    at = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0).isoformat()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"at": at, "button": button}) + "\n")


def create_app(rasa_url: str = DEFAULT_RASA_URL, clinic: Clinic | None = None, name: str = "ospina_web") -> Sanic:
    clinic = clinic or load_clinic()
    rasa_url = rasa_url.rstrip("/")
    headers = security_headers(rasa_url)
    missing = [str(path) for path, _ in ASSETS.values() if not path.is_file()]
    if missing:
        raise SystemExit("web: missing files (run `npm ci` in web/ for socket.io-client):\n  " + "\n  ".join(missing))
    config = widget_config(clinic, rasa_url, session_minutes())
    config_body = json.dumps(config, ensure_ascii=False, indent=1)
    # The demo page embeds the widget as any site would: the script tag and a config object.
    index_html = page(clinic, {"serverUrl": config["serverUrl"], "title": config["title"],
                               "colors": {"primary": "#17557a"}})

    app = Sanic(name)
    app.config.FALLBACK_ERROR_FORMAT = "text"

    @app.route("/", methods=["GET", "HEAD"])
    async def index(_: Request) -> HTTPResponse:
        return response.html(index_html, headers={"Cache-Control": "no-cache"})

    @app.route("/config.json", methods=["GET", "HEAD"])
    async def config_json(_: Request) -> HTTPResponse:
        return response.text(config_body, content_type="application/json; charset=utf-8",
                             headers={"Cache-Control": "no-cache"})

    @app.get("/health")
    async def health(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.post("/events/booking")
    async def booking_clicked(request: Request) -> HTTPResponse:
        """The widget reports a click on a booking button (sendBeacon): which button, and when,
        to the minute. Nothing about the visitor: no id, no address, no conversation."""
        try:
            button = json.loads(request.body or b"{}").get("button")
        except (ValueError, AttributeError):
            button = None
        if button not in BOOKING_BUTTONS or len(request.body or b"") > 200:
            return response.text("send {\"button\": \"online\"} or {\"button\": \"call\"}", status=400)
        record_booking_click(booking_clicks_log(), button)
        return response.empty()

    def serve(path: Path, content_type: str):
        async def handler(_: Request) -> HTTPResponse:
            return await response.file(path, mime_type=content_type, headers={"Cache-Control": "no-cache"})
        return handler

    for number, (uri, (path, content_type)) in enumerate(ASSETS.items()):
        app.add_route(serve(path, content_type), uri, methods=["GET", "HEAD"], name=f"asset_{number}")

    @app.on_response
    async def add_security_headers(request: Request, resp: HTTPResponse) -> None:
        for header, value in headers.items():
            resp.headers.setdefault(header, value)
        if request.path.startswith(EMBEDDABLE_PREFIXES):
            # Other sites of the clinic may embed the widget: they load these files cross-origin.
            resp.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
            resp.headers["Access-Control-Allow-Origin"] = "*"
        if request.scheme == "https":
            resp.headers["Strict-Transport-Security"] = "max-age=31536000"

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m web.app", description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8000")))
    parser.add_argument("--rasa-url", default=os.environ.get("RASA_URL", DEFAULT_RASA_URL),
                        help="the Rasa server as browsers reach it (default %(default)s)")
    args = parser.parse_args(argv)
    try:
        origins_of(args.rasa_url)
    except ValueError as error:
        parser.error(str(error))
    app = create_app(args.rasa_url)
    print(f"Web page: http://{args.host}:{args.port}/ (the widget talks to {args.rasa_url})", flush=True)
    # No access log: visitors' addresses and paths are not recorded.
    app.run(host=args.host, port=args.port, access_log=False, motd=False, workers=1)


if __name__ == "__main__":
    main()
