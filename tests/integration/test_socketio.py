"""The website's channel: socket.io with Rasa's events, and the inactivity closing pushed to
a visitor who went quiet (a real python-socketio client against the running server)."""

from __future__ import annotations

import asyncio
import uuid

import socketio

from assistant.clinic import load_clinic
from tests.integration.servers import IDLE_CLOSING_SECONDS

CLINIC = load_clinic()


async def _conversation(url: str) -> tuple[list[dict], list[dict]]:
    client = socketio.AsyncClient(reconnection=False)
    received: list[dict] = []
    confirmed = asyncio.Event()

    @client.on("session_confirm")
    async def on_confirm(_data):
        confirmed.set()

    @client.on("bot_uttered")
    async def on_bot(data):
        received.append(data)

    session_id = uuid.uuid4().hex
    await client.connect(url, socketio_path="/socket.io", transports=["websocket"])
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 10)
        await client.emit("user_uttered", {"message": "what is restless leg syndrome?", "session_id": session_id})
        for _ in range(300):
            # The answer ends with "anything else?" (after the passages and citations).
            if any(m.get("text") == CLINIC.say("anything_else") for m in received):
                break
            await asyncio.sleep(0.1)
        answered = list(received)
        # Now the visitor says nothing. The closing must arrive by itself.
        for _ in range(int((IDLE_CLOSING_SECONDS + 30) * 10)):
            if any(m.get("text") == CLINIC.say("booking_prompt") for m in received):
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(1)  # anything more would be a duplicate
        return answered, received[len(answered):]
    finally:
        await client.disconnect()


def test_quiet_visitor_gets_the_closing_pushed_once(servers):
    answered, pushed = asyncio.run(_conversation(servers.url))
    assert answered[0]["text"].startswith("Restless Leg Syndrome (RLS): Painful sensations and twitchy legs")
    assert [m["text"] for m in pushed] == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]
    # Rasa's socket.io channel sends buttons as quick replies; the payload is the link.
    assert [(b["title"], b["payload"]) for b in pushed[1]["quick_replies"]] == [
        ("Book online", CLINIC.booking_url), (f"Call {CLINIC.phone}", CLINIC.phone_link)]
