"""A running assistant deletes conversations older than the retention window (clinic.yml)
from its SQLite store, and keeps the others (connectors/retention.py)."""

from __future__ import annotations

import json
import sqlite3
import time

from assistant.clinic import retention_days
from tests.integration.servers import RETENTION_CHECK_SECONDS


def senders(db) -> set[str]:
    with sqlite3.connect(db) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def test_an_expired_conversation_disappears_while_a_recent_one_stays(servers):
    servers.say("retention-recent", "what is insomnia?")
    old = time.time() - (retention_days() + 1) * 86400
    with sqlite3.connect(servers.tracker_db) as connection:
        connection.execute(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, ?)",
            ("retention-old", old, json.dumps({"event": "user", "text": "hello", "timestamp": old})))
    assert "retention-old" in senders(servers.tracker_db)
    deadline = time.monotonic() + 10 * RETENTION_CHECK_SECONDS
    while "retention-old" in senders(servers.tracker_db) and time.monotonic() < deadline:
        time.sleep(0.5)
    remaining = senders(servers.tracker_db)
    assert "retention-old" not in remaining
    assert "retention-recent" in remaining
