"""A visitor's "delete my conversation" over REST and socket.io: no row of it is left in the
store, other visitors' conversations stay, and only its own id can delete it."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import socketio

from tests.integration.conftest import texts


def senders(db) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def test_rest_forget_deletes_that_conversation_only(servers):
    servers.say("forget-me", "what is insomnia?")
    servers.say("keep-me", "what is insomnia?")
    assert {"forget-me", "keep-me"} <= senders(servers.tracker_db)
    status, body = servers.post_raw(json.dumps({"sender": "forget-me"}).encode(), path="/webhooks/rest/forget")
    assert status == 200 and json.loads(body) == {"deleted": True}
    assert "forget-me" not in senders(servers.tracker_db)
    assert "keep-me" in senders(servers.tracker_db)
    # The same id later starts afresh, with no memory of the deleted turns.
    assert texts(servers.say("forget-me", "what is insomnia?"))


def test_rest_forget_without_a_sender_is_a_clear_400(servers):
    status, body = servers.post_raw(json.dumps({"message": "x"}).encode(), path="/webhooks/rest/forget")
    assert status == 400 and b"sender" in body


def test_socketio_forget_only_for_the_session_the_socket_joined(servers):
    servers.say("someone-else", "what is insomnia?")

    async def scenario() -> list[str]:
        events: list[str] = []
        client = socketio.AsyncClient()
        done = asyncio.Event()

        @client.on("session_confirm")
        async def confirmed(_):
            events.append("confirmed")

        @client.on("bot_uttered")
        async def uttered(_):
            events.append("bot")

        @client.on("forget_refused")
        async def refused(*_):
            events.append("refused")

        @client.on("session_forgotten")
        async def forgotten(_):
            events.append("forgotten")
            done.set()

        await client.connect(servers.url, socketio_path="/socket.io", transports=["websocket"])
        await client.emit("session_request", {"session_id": "socket-visitor"})
        await client.emit("user_uttered", {"message": "what is insomnia?", "session_id": "socket-visitor"})
        for _ in range(200):
            if "bot" in events:
                break
            await asyncio.sleep(0.1)
        await client.emit("forget_session", {"session_id": "someone-else"})  # not this socket's
        await client.emit("forget_session", {"session_id": "socket-visitor"})
        await asyncio.wait_for(done.wait(), 30)
        await client.disconnect()
        return events

    events = asyncio.run(scenario())
    assert "refused" in events and "forgotten" in events
    remaining = senders(servers.tracker_db)
    assert "socket-visitor" not in remaining
    assert "someone-else" in remaining
