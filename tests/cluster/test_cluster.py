"""Two Rasa replicas sharing PostgreSQL (tracker store) and Redis (lock store), two action
servers and nginx in front: one conversation may hop between replicas and loses nothing."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from email.message import Message

import psycopg2
import socketio

from assistant.clinic import load_clinic, retention_days
from cluster.services import DB_NAME, DB_USER
from tests.cluster.conftest import IDLE_CLOSING_SECONDS, RETENTION_CHECK_SECONDS
from tests.integration.servers import post_from

CLINIC = load_clinic()
INSOMNIA = "Insomnia: Difficulty initiating or maintaining sleep"
CBT_I = "Cognitive Behavioral Therapy for Insomnia (CBT-I)"
RLS = "Restless Leg Syndrome (RLS): Painful sensations and twitchy legs"


def post(url: str, body: bytes) -> tuple[int, Message, bytes]:
    """A raw POST to the REST channel: status, headers and body, errors included."""
    request = urllib.request.Request(url + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def say(url: str, sender: str, message: str) -> tuple[str, list[str]]:
    """One REST turn; returns which server answered (nginx's X-Served-By, if any) and the texts."""
    status, headers, body = post(url, json.dumps({"sender": sender, "message": message}).encode())
    assert status == 200, (status, body[:300])
    return headers.get("X-Served-By", ""), [m.get("text", "") for m in json.loads(body)]


def stored_turns(cluster, sender: str) -> list[tuple[str, list[str]]]:
    """The conversation as PostgreSQL holds it: each visitor message with the bot texts after it."""
    connection = psycopg2.connect(host="127.0.0.1", port=cluster.ports.postgres, user=DB_USER,
                                  password=cluster.db_password, dbname=DB_NAME)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT type_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
            rows = cursor.fetchall()
    finally:
        connection.close()
    turns: list[tuple[str, list[str]]] = []
    for type_name, data in rows:
        event = json.loads(data)
        if type_name == "user":
            turns.append((event["text"], []))
        elif type_name == "bot" and turns:
            turns[-1][1].append(event.get("text") or "")
    return turns


def new_sender() -> str:
    return f"cluster-{uuid.uuid4().hex[:12]}"


def test_a_conversation_alternating_between_replicas_keeps_every_turn_in_order(cluster):
    sender = new_sender()
    script = [(0, "hi"), (1, "what is insomnia?"), (0, "and how is it treated?"),
              (1, "what is restless leg syndrome?"), (0, "bye")]
    replies = [say(cluster.replica_url(replica), sender, text)[1] for replica, text in script]

    assert replies[1][0].startswith(INSOMNIA)
    # The follow-up reached the other replica, which knew the topic from the shared store.
    assert replies[2][0].startswith(CBT_I)
    assert replies[3][0].startswith(RLS)
    assert replies[4] == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]
    stored = stored_turns(cluster, sender)
    assert [text for text, _ in stored] == [text for _, text in script]
    assert [bot for _, bot in stored] == replies


def test_two_messages_at_once_on_two_replicas_are_handled_one_after_the_other(cluster):
    sender = new_sender()
    say(cluster.replica_url(0), sender, "hi")
    questions = {0: "what is insomnia?", 1: "what is restless leg syndrome?"}
    replies: dict[int, list[str]] = {}
    start = threading.Barrier(2)

    def visitor_tab(replica: int) -> None:
        start.wait()
        replies[replica] = say(cluster.replica_url(replica), sender, questions[replica])[1]

    tabs = [threading.Thread(target=visitor_tab, args=(replica,)) for replica in questions]
    for tab in tabs:
        tab.start()
    for tab in tabs:
        tab.join(timeout=120)

    assert replies[0][0].startswith(INSOMNIA) and replies[1][0].startswith(RLS)
    # The Redis lock store made one wait for the other: the stored turns do not interleave.
    stored = stored_turns(cluster, sender)
    assert sorted(text for text, _ in stored[1:]) == sorted(questions.values())
    for text, bot in stored[1:]:
        assert bot == replies[0 if text == questions[0] else 1]


def test_nginx_spreads_rest_turns_over_both_replicas(cluster):
    sender = new_sender()
    questions = ["what is insomnia?", "and how is it treated?", "what is sleep apnea?", "bye"]
    served, replies = zip(*(say(cluster.url, sender, text) for text in questions), strict=True)
    assert {address.rsplit(":", 1)[-1] for address in served} == {str(port) for port in cluster.ports.rasa}
    assert replies[1][0].startswith(CBT_I)
    assert list(replies[3]) == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]


async def _socketio_visit(url: str, session_id: str) -> list[dict]:
    client = socketio.AsyncClient(reconnection=False)
    received: list[dict] = []
    confirmed = asyncio.Event()
    client.on("session_confirm", lambda _data: confirmed.set())
    client.on("bot_uttered", received.append)
    # Polling first, then the upgrade to a WebSocket: both must reach the same replica.
    await client.connect(f"{url}?visitor={session_id}", socketio_path="/socket.io")
    try:
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.wait_for(confirmed.wait(), 20)
        await client.emit("user_uttered", {"message": "what is restless leg syndrome?", "session_id": session_id})
        # The answer, then, after the visitor's silence, the closing pushed by the replica.
        for _ in range(int((IDLE_CLOSING_SECONDS + 60) * 10)):
            if any(m.get("text") == CLINIC.say("booking_prompt") for m in received):
                break
            await asyncio.sleep(0.1)
        return received
    finally:
        await client.disconnect()


def test_socketio_through_nginx_sticks_to_one_replica_and_gets_the_pushed_closing(cluster):
    session_id = uuid.uuid4().hex
    log_before = len(cluster.log("nginx-access").splitlines())
    received = asyncio.run(_socketio_visit(cluster.url, session_id))

    texts = [m.get("text") for m in received]
    assert texts[0].startswith(RLS)
    assert texts[-2:] == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]
    socket_lines = [line for line in cluster.log("nginx-access").splitlines()[log_before:] if "/socket.io/" in line]
    upstreams = {line.split()[-2] for line in socket_lines}
    assert len(socket_lines) >= 2 and len(upstreams) == 1, socket_lines
    assert session_id not in cluster.log("nginx-access"), "the visitor id must not be logged"


def test_a_database_outage_gets_a_clear_apology_and_loses_no_turn_once_it_is_back(cluster):
    sender = new_sender()
    private = "my neighbour Gwendolyn says insomnia runs in families, what is insomnia?"
    assert say(cluster.replica_url(0), sender, "what is insomnia?")[1][0].startswith(INSOMNIA)

    cluster.stop_postgres()
    try:
        _, during = say(cluster.replica_url(1), sender, private)
    finally:
        cluster.start_postgres()
    assert during == [CLINIC.say("action_failed")]
    logs = cluster.log("rasa-1") + cluster.log("rasa-2")
    assert "TrackerStoreUnavailable (OperationalError: connection to server" in logs
    assert "Gwendolyn" not in logs

    # Back: the conversation goes on where it was, on either replica, and is stored whole.
    _, follow_up = say(cluster.replica_url(1), sender, "and how is it treated?")
    assert follow_up[0].startswith(CBT_I)
    _, closing = say(cluster.replica_url(0), sender, "bye")
    assert closing == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]
    # The outage outlasted the tests' 6 s inactivity time: the reminder's end_session is a
    # turn too. The visitor's own messages are all there, in order, without the refused one.
    visitor_messages = [text for text, _ in stored_turns(cluster, sender) if not text.startswith("EXTERNAL:")]
    assert visitor_messages == ["what is insomnia?", "and how is it treated?", "bye"]


def test_an_action_server_that_stops_is_skipped(cluster):
    sender = new_sender()
    cluster.stop_action_server(0)
    try:
        # Each turn runs custom actions; nginx sends every call to the action server left.
        replies = [say(cluster.replica_url(turn % 2), sender, text)[1]
                   for turn, text in enumerate(["what is insomnia?", "and how is it treated?", "bye"])]
    finally:
        cluster.start_action_server(0)
        cluster.wait_action_server(0)
    assert replies[0][0].startswith(INSOMNIA) and replies[1][0].startswith(CBT_I)
    assert replies[2] == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]


def test_a_replica_that_dies_is_skipped_and_the_conversation_goes_on(cluster):
    sender = new_sender()
    assert say(cluster.url, sender, "what is insomnia?")[1][0].startswith(INSOMNIA)
    cluster.kill_replica(1)
    try:
        answers = [say(cluster.url, sender, text) for text in ["and how is it treated?", "what is sleep apnea?", "bye"]]
        alive = str(cluster.ports.rasa[0])
        assert all(served.rsplit(":", 1)[-1] == alive for served, _ in answers)
        assert answers[0][1][0].startswith(CBT_I)
        assert answers[2][1] == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]
    finally:
        cluster.start_replica(1)
        cluster.wait_replica(1)
    try:
        say(cluster.replica_url(1), new_sender(), "hi")
    except urllib.error.URLError as error:  # pragma: no cover - the message says what broke
        raise AssertionError(f"replica 2 did not come back: {error}") from error


def test_a_body_over_nginx_limit_gets_a_short_json_413(cluster):
    status, headers, body = post(cluster.url, b'{"sender": "x", "message": "' + b"a" * 2_000_000 + b'"}')
    assert (status, headers.get("Content-Type")) == (413, "application/json")
    assert json.loads(body)["status"] == 413


def test_with_every_replica_down_rest_visitors_get_the_apology_not_an_error_page(cluster):
    for index in range(len(cluster.ports.rasa)):
        cluster.kill_replica(index)
    try:
        status, headers, body = post(cluster.url, json.dumps({"sender": new_sender(), "message": "hi"}).encode())
    finally:
        for index in range(len(cluster.ports.rasa)):
            cluster.start_replica(index)
        for index in range(len(cluster.ports.rasa)):
            cluster.wait_replica(index)
    assert (status, headers.get("Content-Type")) == (503, "application/json")
    assert [m["text"] for m in json.loads(body)] == [CLINIC.say("action_failed")]
    # Back: answered again.
    assert say(cluster.url, new_sender(), "what is insomnia?")[1][0].startswith(INSOMNIA)


def _senders(cluster) -> set[str]:
    connection = psycopg2.connect(host="127.0.0.1", port=cluster.ports.postgres, user=DB_USER,
                                  password=cluster.db_password, dbname=DB_NAME)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT sender_id FROM events")
            return {row[0] for row in cursor.fetchall()}
    finally:
        connection.close()


def test_an_expired_conversation_disappears_from_postgresql_while_a_recent_one_stays(cluster):
    recent, old_sender = new_sender(), new_sender()
    say(cluster.url, recent, "what is insomnia?")
    old = time.time() - (retention_days() + 1) * 86400
    connection = psycopg2.connect(host="127.0.0.1", port=cluster.ports.postgres, user=DB_USER,
                                  password=cluster.db_password, dbname=DB_NAME)
    try:
        with connection, connection.cursor() as cursor:
            cursor.execute("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (%s, 'user', %s, %s)",
                           (old_sender, old, json.dumps({"event": "user", "text": "hello", "timestamp": old})))
    finally:
        connection.close()
    assert old_sender in _senders(cluster)
    deadline = time.monotonic() + 10 * RETENTION_CHECK_SECONDS
    while old_sender in _senders(cluster) and time.monotonic() < deadline:
        time.sleep(0.5)
    remaining = _senders(cluster)
    assert old_sender not in remaining and recent in remaining


def test_delete_my_conversation_removes_it_from_postgresql_for_every_replica(cluster):
    sender, other = new_sender(), new_sender()
    for who in (sender, other):
        say(cluster.url, who, "what is insomnia?")
    request = urllib.request.Request(cluster.url + "/webhooks/rest/forget",
                                     data=json.dumps({"sender": sender}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
    remaining = _senders(cluster)
    assert sender not in remaining and other in remaining
    # Both replicas then start it afresh: only the new turns are stored.
    for _ in range(2):
        say(cluster.url, sender, "hello")
    assert [text for text, _ in stored_turns(cluster, sender)] == ["hello", "hello"]


def test_a_flooding_conversation_is_slowed_down_across_replicas_and_no_one_else(cluster):
    # Each replica counts the conversation's messages (nginx cannot see conversations): of 20 sent
    # at once, each replica handles at most its 6.
    flooder = new_sender()
    statuses = [post_from(cluster.url, "127.0.0.41", flooder, "hi", timeout=90)[0] for _ in range(20)]
    assert 6 <= statuses.count(200) <= 12 and statuses[-1] == 429, statuses
    status, headers, replies = post_from(cluster.url, "127.0.0.41", flooder, "what is insomnia?", timeout=90)
    assert status == 429 and "Retry-After" in headers
    assert [reply.get("text") for reply in replies] == [CLINIC.say("slow_down")]
    # Another client meanwhile is answered as usual, by whichever replica; so is another
    # conversation on the same address.
    for address in ("127.0.0.42", "127.0.0.41"):
        status, _, replies = post_from(cluster.url, address, new_sender(), "what is insomnia?", timeout=90)
        assert status == 200 and any(INSOMNIA in reply.get("text", "") for reply in replies)


def test_nginx_slows_down_an_address_over_its_ceiling_across_replicas(cluster):
    # 90 messages at once from one address, each of a conversation of its own: nginx lets a burst
    # of 60 through for the address (cluster/nginx.conf), then 5 a second; the rest get 429.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(90) as pool:  # all at once: none waits for another's turn
        statuses = list(pool.map(lambda _: post_from(cluster.url, "127.0.0.43", new_sender(), "hi", timeout=90)[0],
                                 range(90)))
    assert statuses.count(200) >= 60 and statuses.count(429) >= 10, statuses


def test_postgresql_keeps_no_phone_number_or_name_a_visitor_gave(cluster):
    sender = new_sender()
    say(cluster.url, sender, "Hi, I'm Rosalind Okafor, call me on (555) 201-3344 about insomnia")
    say(cluster.url, sender, "what is insomnia?")
    stored = [text for text, _ in stored_turns(cluster, sender)]
    assert stored[0] == "Hi, I'm <NAME>, call me on <PHONE> about insomnia"
    assert stored[1] == "what is insomnia?"
