"""Visitors type health details: no server logs message text at the default log level, and
the store keeps no phone number, email or name a visitor gives (connectors/personal_details.py)."""

from __future__ import annotations

import sqlite3

from assistant.clinic import load_clinic

CLINIC = load_clinic()


def test_no_message_text_in_the_server_logs(servers):
    secret = "quillfeather my left hip has hurt since my fall in march"
    servers.say("privacy-visitor", secret)
    servers.say("privacy-visitor", "bye")
    servers.post_raw(b'{"sender": "privacy-visitor", "message": ["quillfeather"]}')
    for name in ("rasa", "actions"):
        log = servers.log(name)
        assert log, f"the {name} server wrote no log at all"
        assert "quillfeather" not in log, f"message text found in the {name} server's log"


def stored_text(db, sender: str) -> str:
    with sqlite3.connect(db) as connection:
        return "\n".join(row[0] for row in connection.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)))


def test_a_phone_number_and_a_name_are_not_stored_but_the_turn_is_understood(servers):
    replies = servers.say("pii-visitor", "Hi, I'm Rosalind Okafor, please call me on (555) 201-3344 "
                                         "about my restless legs")
    # Understood from the original words: a request to be called gets the front desk's number
    # (the assistant cannot call; session 25), and a question asked the same way its passage.
    assert any(reply.get("text") == CLINIC.say("practical_question") for reply in replies), replies
    replies = servers.say("pii-visitor", "I'm Rosalind Okafor, 55, what helps restless legs at night?")
    assert any("restless" in reply.get("text", "").lower() for reply in replies), replies
    servers.say("pii-visitor", "my email is rosalind.okafor@example.com")
    stored = stored_text(servers.tracker_db, "pii-visitor")
    assert "restless legs" in stored  # the health question itself is kept
    for detail in ("Rosalind", "Okafor", "201-3344", "rosalind.okafor@example.com"):
        assert detail not in stored, f"{detail!r} was stored"
    assert "<NAME>" in stored and "<PHONE>" in stored and "<EMAIL>" in stored
    # The next turn, read back from the store, still works.
    assert servers.say("pii-visitor", "what is sleep apnea?")
