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

Rasa's handlers are wrapped, not rewritten, for two more things:
- flood limits (connectors/flood_limits.py): a connection over the per-address socket limit is
  refused with the ``too_many_chats`` reply (the client's ``connect_error``); a message over
  the message limit is answered with ``slow_down`` and not handled;
- malformed events: a ``session_request`` or ``user_uttered`` whose data is not the object
  the widget sends (or whose message is too long) gets an ``invalid_message`` event saying
  what is wrong, instead of an exception inside Rasa's handler.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable

import socketio
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.clinic import clinic
from connectors.flood_limits import flood_guard, request_address
from connectors.forget import forget_conversation
from connectors.never_silent import never_silent
from connectors.rest import MAX_MESSAGE_CHARS, MAX_SENDER_CHARS
from connectors.structured_replies import structured

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
        socketio_blueprint = super().blueprint(structured(never_silent(on_new_message)))
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

        self._guard_events()

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

    def _guard_events(self) -> None:
        """Rasa's connect, disconnect, session_request and message handlers, behind the flood
        limits and a check of the event's data."""
        sio, namespace = self.sio, self.namespace
        rasa_handlers = dict(sio.handlers[namespace or "/"])
        guard = flood_guard()
        addresses: dict[str, str] = {}

        async def refuse(sid: str, problem: str) -> None:
            await sio.emit("invalid_message", {"error": problem}, room=sid, namespace=namespace)

        @sio.on("connect", namespace=namespace)
        async def connect(sid: str, environ: dict, auth: Any = None) -> bool:
            request = environ.get("sanic.request")
            address = request_address(request) if request is not None else "unknown"
            if not guard.open_socket(address):
                logger.warning("socket.io: refused a connection, too many open from one address")
                raise socketio.exceptions.ConnectionRefusedError(clinic().say("too_many_chats"))
            addresses[sid] = address
            accepted = await rasa_handlers["connect"](sid, environ, auth)
            if accepted is False:
                guard.close_socket(addresses.pop(sid))
            return accepted

        @sio.on("disconnect", namespace=namespace)
        async def disconnect(sid: str) -> None:
            if sid in addresses:
                guard.close_socket(addresses.pop(sid))
            await rasa_handlers["disconnect"](sid)

        @sio.on("session_request", namespace=namespace)
        async def session_request(sid: str, data: Any = None) -> None:
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if data is not None and (not isinstance(data, dict) or not (
                    session_id is None or isinstance(session_id, str) and 0 < len(session_id) <= MAX_SENDER_CHARS)):
                await refuse(sid, f'send {{"session_id": "..."}}, a string of at most {MAX_SENDER_CHARS} characters')
                return
            await rasa_handlers["session_request"](sid, data)

        @sio.on(self.user_message_evt, namespace=namespace)
        async def handle_message(sid: str, data: Any = None) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message"), str):
                await refuse(sid, 'send {"message": "...", "session_id": "..."}')
                return
            if len(data["message"]) > MAX_MESSAGE_CHARS:
                await refuse(sid, f'"message" is longer than {MAX_MESSAGE_CHARS} characters')
                return
            if data.get(self.metadata_key) is not None and not isinstance(data[self.metadata_key], dict):
                await refuse(sid, '"metadata" must be an object')
                return
            if not guard.allow_message(addresses.get(sid, "unknown"), sid):
                await sio.emit(self.bot_message_evt, {"text": clinic().say("slow_down")}, room=sid, namespace=namespace)
                return
            await rasa_handlers[self.user_message_evt](sid, data)
