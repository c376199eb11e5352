"""The first vertical slice, over the REST channel of a running Rasa server."""

from __future__ import annotations

import uuid

from assistant.clinic import load_clinic
from tests.integration.conftest import texts

CLINIC = load_clinic()


def new_visitor() -> str:
    return f"visitor-{uuid.uuid4().hex[:8]}"


def test_pain_question_gets_the_vetted_passage_verbatim_with_its_citation(servers):
    replies = texts(servers.say(new_visitor(), "how does pain affect sleep?"))
    assert replies[0] == (
        "When pain lingers without resolution, it can interfere significantly with normal sleep patterns. "
        "The discomfort makes it hard to relax and find a comfortable position in bed, causing individuals to "
        "toss and turn for extended periods. Over time, this difficulty in falling or staying asleep may lead to "
        "secondary sleep disorders such as insomnia or restless leg syndrome."
    )
    assert replies[1].startswith("Source: Sleep Disorders and Musculoskeletal Pain")
    assert "Medically reviewed by Matthew Kohler, MD" in replies[1]


def test_bye_gets_the_disclaimer_and_the_booking_prompt_with_buttons(servers):
    visitor = new_visitor()
    servers.say(visitor, "what is restless leg syndrome?")
    replies = servers.say(visitor, "bye")
    assert [r["text"] for r in replies] == [CLINIC.say("disclaimer"), CLINIC.say("booking_prompt")]
    assert [b["title"] for b in replies[1]["buttons"]] == ["Book online", f"Call {CLINIC.phone}"]


def test_greeting_offers_topics_and_the_short_disclaimer(servers):
    replies = servers.say(new_visitor(), "hello")
    assert CLINIC.say("disclaimer_short") in texts(replies)
    assert any(r.get("buttons") for r in replies)


def test_a_greeting_as_a_phone_capitalises_it_is_a_greeting(servers):
    # Found by two exploratory testers: "Hi", "HI" and "Hi there" got "not sure I understood"
    # (lemma "Hi"), while "hi" (lemma "hello") was greeted; "Ok" was not understood either.
    for text in ["Hi", "HI", "Hi there"]:
        replies = texts(servers.say(new_visitor(), text))
        assert replies[:2] == [CLINIC.say("greeting"), CLINIC.say("disclaimer_short")], text
    visitor = new_visitor()
    servers.say(visitor, "what is insomnia?")
    assert CLINIC.say("fallback") not in texts(servers.say(visitor, "Ok"))


def test_rasa_webchats_opening_payload_gets_the_greeting_not_a_misunderstanding(servers):
    """rasa-webchat (and other Rasa clients) open a chat with /get_started."""
    replies = texts(servers.say(new_visitor(), "/get_started"))
    assert replies[:2] == [CLINIC.say("greeting"), CLINIC.say("disclaimer_short")]
    assert CLINIC.say("fallback") not in replies
