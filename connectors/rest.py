"""Rasa's REST channel, with the request checked before it reaches the assistant.

Rasa's own ``RestInput`` answers a JSON list with a 500 and files a message without a sender
under one shared conversation ("default"). This subclass keeps its URL
(``/webhooks/rest/webhook``) and behaviour, and turns malformed requests into a clear 400
(or 413 when the message is too long to be a chat message). A client over its message limit
(connectors/flood_limits.py) gets HTTP 429 with the polite ``slow_down`` reply, in the same
shape as the assistant's replies, and its message is not handled.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from assistant.clinic import clinic
from connectors.flood_limits import flood_guard, request_address
from connectors.forget import forget_conversation
from connectors.never_silent import never_silent
from connectors.structured_replies import structured

MAX_MESSAGE_CHARS = 50_000
MAX_SENDER_CHARS = 200


class BadRequest(SanicException):
    status_code = 400
    quiet = True  # a visitor's mistake, not the server's: no stack trace in the log


class MessageTooLong(SanicException):
    status_code = 413
    quiet = True


def checked_sender(body: Any) -> str:
    sender = body.get("sender") if isinstance(body, dict) else None
    if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f'"sender" must be a non-empty string of at most {MAX_SENDER_CHARS} characters')
    return sender


def checked_body(request: Request) -> dict[str, Any]:
    body = request.json
    if not isinstance(body, dict):
        raise BadRequest('send a JSON object: {"sender": "...", "message": "..."}')
    checked_sender(body)
    message = body.get("message")
    if not isinstance(message, str):
        raise BadRequest('"message" must be a string')
    if len(message) > MAX_MESSAGE_CHARS:
        raise MessageTooLong(f'"message" is longer than {MAX_MESSAGE_CHARS} characters')
    if body.get("metadata") is not None and not isinstance(body["metadata"], dict):
        raise BadRequest('"metadata" must be a JSON object')
    return body


class CheckedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        rest_blueprint = super().blueprint(structured(never_silent(on_new_message)))
        guard = flood_guard()

        @rest_blueprint.middleware("request")
        async def limit_messages(request: Request) -> HTTPResponse | None:
            if request.method != "POST" or not request.path.endswith("/webhook"):
                return None
            address = request_address(request)
            try:
                sender = checked_sender(request.json)
            except SanicException:  # a flood of malformed requests is slowed down all the same
                sender = None
            if guard.allow_message(address, sender):
                return None
            return response.json([{"recipient_id": sender, "text": clinic().say("slow_down")}], status=429,
                                 headers={"Retry-After": str(guard.retry_after(address, sender))})

        @rest_blueprint.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            """Delete my conversation: ``{"sender": "<the conversation's sender id>"}``."""
            await forget_conversation(request.app.ctx.agent, checked_sender(request.json))
            return response.json({"deleted": True})

        return rest_blueprint

    async def _extract_sender(self, req: Request) -> str | None:
        return checked_body(req)["sender"]

    def _extract_message(self, req: Request) -> str | None:
        return checked_body(req)["message"]
