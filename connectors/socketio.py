"""Rasa's socket.io channel for the website widget, open only to the clinic's own sites.

Rasa 3.6's ``SocketIOInput`` creates its server with ``cors_allowed_origins=[]``, which
turns python-engineio's origin check off: any web page, on any site, could open a socket to
the assistant from a visitor's browser (cross-site WebSocket hijacking needs no CORS).
This subclass keeps the channel exactly as it is (name ``socketio``, path ``/socket.io``,
the ``session_request`` / ``session_confirm`` / ``user_uttered`` / ``bot_uttered`` events,
session persistence) and refuses, with HTTP 403, every request to ``/socket.io/`` (polling
or WebSocket, handshake or later) whose ``Origin`` header is not one of SITE_ORIGINS
(comma- or space-separated; else SITE_ORIGIN, the variable scripts/run.sh gives ``--cors``;
default ``http://localhost:8000``).

Why not python-engineio's own check (``cors_allowed_origins=[...]``)? It also adds
``Access-Control-Allow-Origin`` to its responses, and so does the Rasa server's ``--cors``
(Sanic-Cors) on every route: a browser rejects the doubled header and polling breaks. So
``--cors`` keeps answering CORS (give it the same origins) and this class only checks.

Requests without an ``Origin`` header (server-side clients such as the integration tests,
curl) are let through, as python-engineio does: the check protects visitors' browsers from
other sites; it is not authentication.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from connectors.forget import forget_conversation
from connectors.never_silent import never_silent

logger = logging.getLogger(__name__)

SITE_ORIGINS_ENV = "SITE_ORIGINS"
SITE_ORIGIN_ENV = "SITE_ORIGIN"  # scripts/run.sh's name for the one site it passes to --cors
DEFAULT_SITE_ORIGINS = "http://localhost:8000"


def site_origins(value: str | None = None) -> list[str]:
    """The allowed origins (``scheme://host[:port]``), from ``value``, SITE_ORIGINS or SITE_ORIGIN."""
    if value is None:
        value = os.environ.get(SITE_ORIGINS_ENV) or os.environ.get(SITE_ORIGIN_ENV) or DEFAULT_SITE_ORIGINS
    raw = value
    origins = [origin.strip().rstrip("/") for origin in raw.replace(",", " ").split()]
    if not origins:
        raise ValueError(f"{SITE_ORIGINS_ENV} is empty: name the site(s) the chat widget runs on")
    for origin in origins:
        scheme, _, host = origin.partition("://")
        if scheme not in ("http", "https") or not host or "/" in host:
            raise ValueError(f"{SITE_ORIGINS_ENV}: {origin!r} is not an origin such as https://www.example.org")
    return origins


class OriginCheckedSocketIOInput(SocketIOInput):
    """Rasa's ``SocketIOInput`` that serves browsers from SITE_ORIGINS only."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        allowed = frozenset(site_origins())
        socketio_blueprint = super().blueprint(never_silent(on_new_message))
        engineio_server = self.sio.eio
        handle_request = engineio_server.handle_request

        async def handle_request_from_allowed_origin(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            origin = request.headers.get("origin")
            if origin is not None and origin not in allowed:
                logger.warning("socket.io: refused a connection from origin %r (not in %s)", origin, SITE_ORIGINS_ENV)
                return response.text(f"{origin} is not an accepted origin.", status=403)
            return await handle_request(request, *args, **kwargs)

        # The blueprint attaches the server to the app when it is registered, after this
        # method returns, and routes /socket.io/ to the server's handle_request: this one.
        engineio_server.handle_request = handle_request_from_allowed_origin

        apps: list[Any] = []

        @socketio_blueprint.listener("before_server_start")
        async def remember_app(app: Any, _loop: Any) -> None:
            apps.append(app)

        @self.sio.on("forget_session", namespace=self.namespace)
        async def forget_session(sid: str, data: Any) -> None:
            """The widget's "Delete my conversation": only for the session this socket joined."""
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not isinstance(session_id, str) or session_id not in self.sio.rooms(sid, namespace=self.namespace):
                await self.sio.emit("forget_refused", room=sid, namespace=self.namespace)
                return
            await forget_conversation(apps[0].ctx.agent, session_id)
            self.sio.leave_room(sid, session_id, namespace=self.namespace)
            await self.sio.emit("session_forgotten", session_id, room=sid, namespace=self.namespace)

        logger.info("socket.io channel: browsers may connect from %s", ", ".join(sorted(allowed)))
        return socketio_blueprint
