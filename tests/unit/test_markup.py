"""A visitor's message read without the tags typed or pasted into it."""

from __future__ import annotations

import pytest

from assistant.markup import unshouted, without_markup


@pytest.mark.parametrize(("text", "read"), [
    ("<b>what is insomnia</b>", "what is insomnia"),
    # A script's code is not words either (session 46's tester: no answer for the question after it).
    ("<script>alert('x')</script> what is insomnia", "what is insomnia"),
    ("<SCRIPT type='text/javascript'>var a = 1;\n</SCRIPT><style>p {}</style>does pain cause insomnia?",
     "does pain cause insomnia?"),
    ('<img src=x onerror="alert(1)">why do my legs twitch', "why do my legs twitch"),
    ("hello<br/>there <!-- a comment --> friend", "hello there friend"),
    # Not tags: left as typed.
    ("pain 3 < 5 at night", "pain 3 < 5 at night"),
    ("thanks <3", "thanks <3"),
    ("what is insomnia", "what is insomnia"),
])
def test_tags_are_not_read_as_words(text, read):
    assert without_markup(text) == read


def test_a_question_wrapped_in_markup_gets_its_passage(index):
    plain = index.answer("what is insomnia", "ask_disorder")
    wrapped = index.answer("<script>alert('x')</script><p>what is insomnia</p>", "ask_disorder")
    assert wrapped.found and [p.id for p in wrapped.passages] == [p.id for p in plain.passages]
    # The tester's message, as the action reads it.
    plain = index.answer("does pain cause insomnia?", "ask_disorder")
    wrapped = index.answer(without_markup("<script>alert('x')</script> <b>does pain cause insomnia?</b>"),
                           "ask_disorder")
    assert wrapped.found and [p.id for p in wrapped.passages] == [p.id for p in plain.passages]


@pytest.mark.parametrize(("text", "read"), [
    ("MY HIPS HURT SO BAD AT NIGHT I CANT SLEEP", "my hips hurt so bad at night i cant sleep"),
    ("WHAT IS SLEEP APNEA?", "what is sleep apnea?"),
    # Names in capitals and short messages stay as typed.
    ("is RLS the same as PLMD?", "is RLS the same as PLMD?"),
    ("CBT-I?", "CBT-I?"),
])
def test_a_message_in_capitals_is_read_in_lower_case(text, read):
    assert unshouted(text) == read


def test_a_question_in_capitals_gets_the_passage_it_gets_in_lower_case(index):
    # Session 26's tester: capitals got "no medically reviewed answer".
    lower = index.answer("my hips hurt so bad at night i cant sleep", "ask_pain_disrupts_sleep")
    shouted = index.answer("MY HIPS HURT SO BAD AT NIGHT I CANT SLEEP", "ask_pain_disrupts_sleep")
    assert lower.found and [p.id for p in shouted.passages] == [p.id for p in lower.passages]
