"""No visitor is left without a reply: when a turn sends nothing (the action server is down,
an action failed, the tracker store's database is down), the channel sends an apology with the
clinic's phone and emergency number.

Rasa logs a failed custom action and ends the turn in silence; in this assistant every
visitor message gets at least one reply, so silence always means something broke.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import OutputChannel, UserMessage
from sqlalchemy.exc import DBAPIError

from assistant.clinic import clinic

logger = logging.getLogger(__name__)


class CountingOutputChannel(OutputChannel):
    """Forwards every bot message to the real channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> str:  # type: ignore[override]
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


def failure_summary(error: BaseException) -> str:
    """What broke, for the log: the exception's kind and, for a database error (or one caused
    by it), the driver's first line ("connection ... refused"). Never the rest: SQLAlchemy's
    text carries the SQL parameters, that is, what the visitor typed."""
    database_error = error if isinstance(error, DBAPIError) else error.__cause__
    if isinstance(database_error, DBAPIError) and database_error.orig is not None:
        cause = database_error.orig
        lines = str(cause).strip().splitlines()
        first_line = lines[0][:200] if lines else ""
        return f"{type(error).__name__} ({type(cause).__name__}: {first_line})"
    return type(error).__name__


def never_silent(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[None]]:
    async def handle(message: UserMessage) -> None:
        channel = CountingOutputChannel(message.output_channel)
        message.output_channel = channel
        failure = None
        try:
            await on_new_message(message)
        except Exception as error:
            # E.g. the tracker store's database is down. Rasa's channels would log the
            # visitor's text with the traceback; this logs what broke, without it.
            failure = failure_summary(error)
        finally:
            if channel.sent == 0:
                logger.error("A visitor's message got no reply (%s); sent the apology.",
                             failure or "is the action server up?")
                await channel.inner.send_response(message.sender_id, {"text": clinic().say("action_failed")})
            elif failure:
                logger.error("A visitor's turn failed after its replies were sent: %s.", failure)

    return handle
