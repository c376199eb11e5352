"""A restart of the Rasa server loses no conversation (SQLite tracker store)."""

from __future__ import annotations

import sqlite3

from assistant.clinic import load_clinic
from tests.integration.conftest import texts

CLINIC = load_clinic()


def test_killing_and_restarting_the_rasa_server_keeps_the_conversation(servers):
    visitor = "restart-visitor"
    servers.say(visitor, "what is insomnia?")
    assert CLINIC.say("disclaimer") in texts(servers.say(visitor, "bye"))

    servers.kill_rasa()
    servers.start_rasa()

    # The server remembers the closing was already sent: a second goodbye does not repeat it.
    assert texts(servers.say(visitor, "bye")) == [CLINIC.say("goodbye_again")]
    with sqlite3.connect(servers.tracker_db) as db:
        said = [row[0] for row in db.execute(
            "select json_extract(data, '$.text') from events where sender_id = ? and type_name = 'user'", (visitor,))]
    assert said == ["what is insomnia?", "bye", "bye"]
