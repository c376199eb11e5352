"""Each bot message reaches the client as one message: its text, its buttons and what it is.

The actions give every message a ``custom`` part saying what it is (an answer, a citation,
safety guidance ...) and which passages it quotes (assistant/replies.py). Rasa's output
channels send a message's ``custom`` part as a separate, second message, so a client would
have to guess which text it describes. For the two channels this assistant serves, this
wrapper sends it inside the message itself, in the shape each channel already uses:
REST ``{"recipient_id", "text", "buttons", "custom"}``; socket.io ``{"text", "quick_replies",
"custom"}``, text split at blank lines as Rasa does, each part carrying the same ``custom``.
Messages without a kind (and any other channel) go through Rasa's own ``send_response``.
tests/unit/test_structured_replies.py pins the shapes against Rasa's own channels.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOOutput


class StructuredOutputChannel(OutputChannel):
    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner

    def name(self) -> str:  # type: ignore[override]
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        custom = message.get("custom")
        text = message.get("text")
        if not (isinstance(custom, dict) and custom.get("kind") and text):
            await self.inner.send_response(recipient_id, message)
            return
        buttons = message.get("buttons") or []
        inner = self.inner
        if isinstance(inner, CollectingOutputChannel):
            collected = inner._message(recipient_id, text=text, buttons=buttons or None, custom=custom)
            await inner._persist_message(collected)
        elif isinstance(inner, SocketIOOutput):
            parts = [part for part in text.strip().split("\n\n") if part] or [text]
            for i, part in enumerate(parts):
                last = i == len(parts) - 1
                quick_replies = [
                    {"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons
                ] if last else []
                part_message = {"text": part, "quick_replies": quick_replies, "custom": custom}
                await inner._send_message(recipient_id, part_message)
        else:
            await inner.send_response(recipient_id, message)


def structured(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    async def handle(message: UserMessage) -> Any:
        message.output_channel = StructuredOutputChannel(message.output_channel)
        return await on_new_message(message)

    return handle
