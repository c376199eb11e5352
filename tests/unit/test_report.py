"""`make report` lists what went unanswered, by frequency, without visitor identifiers."""

from __future__ import annotations

import json
import sqlite3

from assistant.report import main


def test_report_counts_unanswered_messages_by_frequency(tmp_path, clinic, capsys):
    db = tmp_path / "tracker.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, data TEXT)")
        rows = []
        # As Rasa stores bot messages: the text, and what the message is under data.custom.
        for sender in ("visitor-one", "visitor-two"):
            rows += [(sender, "user", {"text": "what is sleep paralysis"}),
                     (sender, "bot", {"text": "Reworded by staff: no answer on sleep paralysis.", "data": {"custom": {
                         "kind": "no_answer", "reason": "not_covered", "condition": "sleep paralysis"}}})]
        rows += [("visitor-three", "user", {"text": "asdf qwer"}),
                 ("visitor-three", "bot", {"text": clinic.say("fallback"), "data": {"custom": {
                     "kind": "info", "unanswered": "not_understood"}}}),
                 ("visitor-three", "user", {"text": "what is insomnia"}),
                 ("visitor-three", "bot", {"text": "Insomnia: ...", "data": {"custom": {
                     "kind": "answer", "passages": ["a/insomnia"]}}}),
                 # Wording alone says nothing: a bot text equal to the old reply, without its kind.
                 ("visitor-three", "user", {"text": "hello"}),
                 ("visitor-three", "bot", {"text": clinic.say("no_vetted_answer")})]
        connection.executemany("INSERT INTO events (sender_id, type_name, data) VALUES (?, ?, ?)",
                               [(s, t, json.dumps(d)) for s, t, d in rows])
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n")
    assert main(["--endpoints", str(endpoints)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "2  no vetted answer (sleep paralysis)" in lines[1] and lines[1].endswith("what is sleep paralysis")
    assert "1  not understood" in lines[2] and lines[2].endswith("asdf qwer")
    assert "what is insomnia" not in out and "hello" not in out
    assert "visitor-" not in out


def test_a_visitor_who_said_the_assistant_did_not_help_is_listed_for_staff():
    from assistant.report import why_unanswered

    event = {"text": "I'm sorry this hasn't helped.", "data": {"custom": {"kind": "info", "unanswered": "complaint"}}}
    assert why_unanswered(event) == "said it did not help"
