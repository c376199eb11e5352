"""Flood limits (connectors/flood_limits.py): a client that sends faster than a person types gets
the polite slow-down reply and its messages are not handled, while other visitors are answered
as usual. Each client here has its own loopback address (127.0.0.x), as visitors on different
networks would; the servers' own tests send from 127.0.0.1, which the fixture leaves unlimited.
"""

from __future__ import annotations

import asyncio
import sqlite3

import aiohttp
import socketio

from assistant.clinic import clinic
from connectors.flood_limits import DEFAULT_MESSAGE_LIMITS, DEFAULT_SOCKETS_PER_ADDRESS
from tests.integration.conftest import texts
from tests.integration.servers import post_from

BURST = int(DEFAULT_MESSAGE_LIMITS.split()[0])  # "6 per 10 seconds; ..."


def test_a_rest_client_over_its_limit_is_asked_to_slow_down_and_others_are_not(servers):
    statuses = [post_from(servers.url, "127.0.0.21", "flooder", "hi")[0] for _ in range(BURST)]
    assert statuses == [200] * BURST
    status, headers, replies = post_from(servers.url, "127.0.0.21", "flooder", "what is insomnia?")
    assert status == 429
    assert int(headers["Retry-After"]) >= 1
    assert texts(replies) == [clinic().say("slow_down")]
    # Another visitor, on another address, is answered as usual meanwhile; so is one on the same
    # address (a clinic's Wi-Fi, a mobile network: session 44).
    status, _, replies = post_from(servers.url, "127.0.0.22", "neighbour", "what is insomnia?")
    assert status == 200 and any("insomnia" in text.lower() for text in texts(replies))
    status, _, replies = post_from(servers.url, "127.0.0.21", "same-network", "what is insomnia?")
    assert status == 200 and any("insomnia" in text.lower() for text in texts(replies))
    # The refused message was not handled: the flooder's conversation has no trace of it.
    with sqlite3.connect(servers.tracker_db) as connection:
        stored = [row[0] for row in connection.execute(
            "SELECT data FROM events WHERE sender_id = 'flooder' AND type_name = 'user'")]
    assert len(stored) == BURST and not any("insomnia" in data for data in stored)


def socket_client(address: str) -> socketio.AsyncClient:
    session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=(address, 0)))
    return socketio.AsyncClient(http_session=session)


async def close(client: socketio.AsyncClient) -> None:
    await client.disconnect()
    await client.eio.http.close()


def test_socketio_limits_messages_per_conversation_and_open_sockets_per_address(servers):
    async def scenario() -> tuple[list[str], list[str]]:
        replies: list[str] = []
        client = socket_client("127.0.0.23")
        client.on("bot_uttered", lambda data: replies.append(data.get("text", "")))
        await client.connect(servers.url, socketio_path="/socket.io", transports=["websocket"])
        await client.emit("session_request", {"session_id": "socket-flooder"})
        for _ in range(BURST + 3):
            await client.emit("user_uttered", {"message": "hi", "session_id": "socket-flooder"})
        for _ in range(300):
            if replies.count(clinic().say("slow_down")) >= 3:
                break
            await asyncio.sleep(0.1)
        # More sockets than allowed from one address: the one over the limit is refused.
        others = [socket_client("127.0.0.24") for _ in range(DEFAULT_SOCKETS_PER_ADDRESS + 1)]
        refusals: list[str] = []
        for other in others:
            # The refusal's text reaches the client as the data of its connect_error event.
            other.on("connect_error", lambda data: refusals.append(str((data or {}).get("message", data))))
            try:
                await other.connect(servers.url, socketio_path="/socket.io", transports=["websocket"])
            except socketio.exceptions.ConnectionError:
                pass
        for other in others:
            await close(other)
        await close(client)
        return replies, refusals

    replies, refusals = asyncio.run(scenario())
    assert replies.count(clinic().say("slow_down")) == 3, replies
    assert refusals == [clinic().say("too_many_chats")]


def test_malformed_socketio_events_get_a_clear_error_and_the_socket_keeps_working(servers):
    async def scenario() -> tuple[list[str], list[str]]:
        errors: list[str] = []
        replies: list[str] = []
        client = socketio.AsyncClient()
        client.on("invalid_message", lambda data: errors.append(data["error"]))
        client.on("bot_uttered", lambda data: replies.append(data.get("text", "")))
        await client.connect(servers.url, socketio_path="/socket.io", transports=["websocket"])
        await client.emit("session_request", "not an object")
        await client.emit("session_request", {"session_id": "socket-malformed"})
        await client.emit("user_uttered", ["a", "list"])
        await client.emit("user_uttered", {"session_id": "socket-malformed"})
        await client.emit("user_uttered", {"message": "x" * 60_000, "session_id": "socket-malformed"})
        await client.emit("user_uttered", {"message": "hi", "metadata": "text", "session_id": "socket-malformed"})
        await client.emit("user_uttered", {"message": "what is insomnia?", "session_id": "socket-malformed"})
        for _ in range(300):
            if replies:
                break
            await asyncio.sleep(0.1)
        await client.disconnect()
        return errors, replies

    errors, replies = asyncio.run(scenario())
    assert len(errors) == 5, errors
    assert any("longer than" in error for error in errors)
    assert any("insomnia" in reply.lower() for reply in replies)
