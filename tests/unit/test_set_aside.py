"""What a visitor sets aside ("not restless legs, I mean the limb movement one") is not what they
are answered about."""

from __future__ import annotations

import pytest

from assistant.answering import respond_to_question
from assistant.replies import ANSWER, kind_of
from assistant.set_aside import set_aside

TERMS = {"restless legs": "rls", "rls": "rls", "injections": "injections", "insomnia": "insomnia",
         "sleeping tablets": "sleeping_pills", "plmd": "plmd"}


def terms_in(text: str) -> list[str]:
    return [term for words, term in TERMS.items() if words in text.lower()]


@pytest.mark.parametrize(("text", "rest", "aside"), [
    ("not restless legs, I mean the limb movement one", ", I mean the limb movement one", {"rls"}),
    ("No, not insomnia. What about waking at 4am?", "No, . What about waking at 4am?", {"insomnia"}),
    ("I don't want injections. What else is there?", ". What else is there?", {"injections"}),
    ("i dont want to take sleeping tablets, what helps", ", what helps", {"sleeping_pills"}),
    ("I don't mean RLS, I mean PLMD", ", I mean PLMD", {"rls"}),
    ("rather than injections what can I try", "what can I try", {"injections"}),
])
def test_a_mention_set_aside_leaves_the_rest(text, rest, aside):
    found = set_aside(text, terms_in)
    assert (found.text, found.terms) == (rest, frozenset(aside))


@pytest.mark.parametrize("text", [
    "is PLMD not the same as restless legs?",  # "not" inside a question negates something else
    "not sleeping well because of restless legs and back pain, what can I do?",  # a long clause
    "I don't mean to be rude but does insomnia get worse with age?",  # names no term
    "I'm healthy apart from insomnia, what helps?",  # descriptive, not set aside
    "besides restless legs, my back hurts at night",
])
def test_other_negations_and_descriptions_set_nothing_aside(text):
    assert set_aside(text, terms_in).text == text


def test_a_term_set_aside_and_named_again_still_counts():
    found = set_aside("not RLS, I mean the RLS passage on treatment", terms_in)
    assert found.terms == frozenset()


def _passages(messages) -> list[str]:
    return [p for m in messages if kind_of(m) == ANSWER for p in (m.get("custom") or {}).get("passages") or []]


def test_the_condition_set_aside_is_not_the_answer(index, clinic):
    # Right after a question on restless legs: the visitor meant the other one.
    messages = respond_to_question(index, clinic, "not restless legs, I mean the limb movement one", "ask_disorder",
                                   [("disorder", "restless leg syndrome")], ["restless leg syndrome"],
                                   previous="what is restless legs syndrome?")
    passages = _passages(messages)
    assert passages and all("periodic-limb-movement" in p for p in passages)
