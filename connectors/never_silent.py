"""No visitor is left without a reply: when a turn sends nothing (the action server is down,
an action failed), the channel sends an apology with the clinic's phone and emergency number.

Rasa logs a failed custom action and ends the turn in silence; in this assistant every
visitor message gets at least one reply, so silence always means something broke.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import OutputChannel, UserMessage

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


def never_silent(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[None]]:
    async def handle(message: UserMessage) -> None:
        channel = CountingOutputChannel(message.output_channel)
        message.output_channel = channel
        try:
            await on_new_message(message)
        finally:
            if channel.sent == 0:
                logger.error("A visitor's message got no reply (is the action server up?); sent an apology.")
                await channel.inner.send_response(message.sender_id, {"text": clinic().say("action_failed")})

    return handle
