"""Each bot message reaches the client as one message, in the shape Rasa's own channel uses,
with what it is (``custom``) inside it."""

from __future__ import annotations

import asyncio
import copy

from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.channels.socketio import SocketIOOutput

from connectors.structured_replies import StructuredOutputChannel

BUTTONS = [{"title": "Book online", "payload": "https://example.org/book"}]
CUSTOM = {"kind": "answer", "passages": ["a/b"], "reason": "retrieved", "score": 1.2}


class FakeSio:
    def __init__(self):
        self.emitted = []

    async def emit(self, event, data=None, room=None, **kwargs):
        self.emitted.append((event, data, room))


def send(channel, message):
    asyncio.run(channel.send_response("visitor", copy.deepcopy(message)))


def rest_messages(message, structured):
    inner = CollectingOutputChannel()
    send(StructuredOutputChannel(inner) if structured else inner, message)
    return inner.messages


def socket_messages(message, structured):
    sio = FakeSio()
    inner = SocketIOOutput(sio, "bot_uttered")
    send(StructuredOutputChannel(inner) if structured else inner, message)
    return sio.emitted


def test_rest_gets_rasas_own_message_with_its_kind_inside():
    message = {"text": "A passage.", "buttons": BUTTONS, "custom": CUSTOM}
    without = {"text": "A passage.", "buttons": BUTTONS}
    assert rest_messages(message, True) == [{**rest_messages(without, False)[0], "custom": CUSTOM}]
    # Rasa's own channel would have sent the custom part as a second message.
    assert len(rest_messages(message, False)) == 2


def test_socketio_gets_rasas_own_parts_each_with_its_kind():
    message = {"text": "First paragraph.\n\nSecond paragraph.", "buttons": BUTTONS, "custom": CUSTOM}
    without = {"text": message["text"], "buttons": BUTTONS}
    ours, rasas = socket_messages(message, True), socket_messages(without, False)
    assert [(e, {**d, "custom": CUSTOM}, r) for e, d, r in rasas] == ours
    assert [d["text"] for _, d, _ in ours] == ["First paragraph.", "Second paragraph."]
    assert ours[-1][1]["quick_replies"][0]["title"] == "Book online" and ours[0][1]["quick_replies"] == []


def test_a_message_without_a_kind_goes_through_rasas_own_channel_unchanged():
    for message in ({"text": "Hello"}, {"text": "Pick one", "buttons": BUTTONS}, {"text": "x", "custom": {"a": 1}}):
        assert rest_messages(message, True) == rest_messages(message, False)
        assert socket_messages(message, True) == socket_messages(message, False)
