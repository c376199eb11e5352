"""Visitors type health details: at the default log level no server logs message text."""

from __future__ import annotations


def test_no_message_text_in_the_server_logs(servers):
    secret = "quillfeather my left hip has hurt since my fall in march"
    servers.say("privacy-visitor", secret)
    servers.say("privacy-visitor", "bye")
    servers.post_raw(b'{"sender": "privacy-visitor", "message": ["quillfeather"]}')
    for name in ("rasa", "actions"):
        log = servers.log(name)
        assert log, f"the {name} server wrote no log at all"
        assert "quillfeather" not in log, f"message text found in the {name} server's log"
