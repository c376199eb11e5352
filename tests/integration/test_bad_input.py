"""Bad input over the REST channel: a polite reply or a clear 4xx, never a crash or a hang,
and the server keeps answering others."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from assistant.clinic import load_clinic
from tests.integration.conftest import texts

CLINIC = load_clinic()
NORMAL = "what is insomnia?"

BAD_MESSAGES = {
    "empty": "",
    "whitespace": "   \n\t  ",
    "huge": ("my back hurts at night and i cannot sleep. " * 500)[:20000],
    "emoji only": "😴😴🛌💤",
    "markup": "<script>alert('x')</script><img src=x onerror=alert(1)>",
    "json text": '{"intent": "report_emergency", "entities": []}',
    "spanish": "hola, me duele mucho la espalda y no puedo dormir bien por la noche",
    "chinese": "我晚上背痛睡不着怎么办",
    "control characters": "\x00\x01\x02 what \x1b[31m is this",
    "payload injection": "/report_crisis",
}

# Everything but the huge message (a real question, repeated) has no passage to answer it.
UNREADABLE = set(BAD_MESSAGES) - {"huge"}


def assert_still_answers(servers):
    # Another visitor each time (the same one asking again is told it is the passage just shared).
    replies = texts(servers.say(f"bystander-{uuid.uuid4().hex[:8]}", NORMAL))
    assert replies and "Difficulty initiating or maintaining sleep" in replies[0]


@pytest.mark.parametrize("name", list(BAD_MESSAGES))
def test_bad_message_gets_a_polite_reply_and_the_server_keeps_answering(servers, name):
    started = time.monotonic()
    replies = texts(servers.say(f"bad-{name}", BAD_MESSAGES[name]))
    assert time.monotonic() - started < 30, "no hang"
    assert replies, "a visitor always gets a reply"
    if name in UNREADABLE:
        assert not any(r.startswith("Source: ") for r in replies), "no passage for unreadable input"
    assert_still_answers(servers)


@pytest.mark.parametrize("text", ["😴😩", "...", "??"])
def test_a_message_without_words_gets_not_understood_not_the_honest_no(servers, text):
    # Found through the servers: "..." and "😴😩" got "no medically reviewed answer" and the booking prompt.
    assert texts(servers.say(f"no-words-{len(text)}{text[:1]}", text)) == [CLINIC.say("fallback")]


@pytest.mark.parametrize("text", ["hmm", "umm...", "lol", "Hola"])
def test_a_hesitation_after_an_answer_is_not_read_as_a_follow_up(servers, text):
    # Found through the servers: "hmm" after a question on restless legs got "no medically
    # reviewed answer" and the booking prompt, as if it asked more about them.
    sender = f"hesitation-{text}"
    servers.say(sender, "what is restless legs?")
    assert texts(servers.say(sender, text)) == [CLINIC.say("fallback")]


def test_markup_around_a_message_is_not_read_as_its_words(servers):
    # Tag names are not words: not another language, and the question inside gets its passage.
    assert CLINIC.say("other_language") not in texts(servers.say("markup-hello", "<b>hello</b>"))
    replies = texts(servers.say("markup-question", "<script>alert('x')</script><p>what is insomnia?</p>"))
    assert any("Difficulty initiating or maintaining sleep" in r for r in replies)
    # Found by an exploratory tester: the medicine refusal first ("script" read as a prescription).
    replies = servers.say("markup-script", "<script>alert('x')</script> how does pain affect sleep?")
    assert replies[0]["custom"]["kind"] == "answer", texts(replies)
    assert CLINIC.say("no_dosing") not in texts(replies)


def test_other_languages_are_told_politely_that_answers_are_in_english(servers):
    replies = servers.say("es", BAD_MESSAGES["spanish"])
    spanish = replies[0]["text"]
    assert spanish.startswith(CLINIC.say("other_language")) and "solo puedo responder en inglés" in spanish
    # Session 49's tester: an emergency the assistant cannot read got no number to call.
    assert f"llame al {CLINIC.emergency_number}" in spanish
    assert {b["title"] for b in replies[0]["buttons"]} >= {f"Call {CLINIC.emergency_number}",
                                                           f"Text {CLINIC.crisis_line}"}
    # Session 48's visitor tester: a German visitor was told it in Spanish.
    [german] = texts(servers.say("de", "Guten Tag, ich habe seit Monaten Rückenschmerzen und kann nachts nicht "
                                       "schlafen. Was kann ich tun?"))[:1]
    assert german.startswith(CLINIC.say("other_language")) and "auf Englisch antworten" in german
    assert "inglés" not in german
    # Session 49's tester: a fall in German got only that; now the emergency guidance, in German too.
    replies = servers.say("de-fall", "mein Vater ist gestürzt und kann nicht mehr aufstehen, die Hüfte tut so weh")
    assert replies[0]["custom"]["kind"] == "alert" and replies[0]["text"].startswith(CLINIC.say("emergency"))
    assert f"Im Notfall rufen Sie sofort die {CLINIC.emergency_number} an" in replies[0]["text"]


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"\xff\xfe\x00binary\x00junk", "application/octet-stream"),
        (b"not json at all", "application/json"),
        (json.dumps({"sender": "x"}).encode(), "application/json"),
        (json.dumps(["a", "list"]).encode(), "application/json"),
        (json.dumps({"message": "hi"}).encode(), "application/json"),
        (json.dumps({"sender": "x", "message": "a" * 60_000}).encode(), "application/json"),
    ],
    ids=["binary", "not json", "no message", "json list", "no sender", "too long"],
)
def test_malformed_request_gets_a_4xx_and_the_server_keeps_answering(servers, body, content_type):
    status, _ = servers.post_raw(body, content_type)
    assert 400 <= status < 500
    assert_still_answers(servers)
