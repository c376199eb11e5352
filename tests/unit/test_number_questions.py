"""Questions that ask for a number (assistant/number_questions.py, knowledge/number_questions.yml)
are answered only by a passage that gives one; otherwise the honest no."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.datafiles import ContentError
from assistant.number_questions import QuestionPhrases, gives_a_number, load_number_questions

DEV_ARTICLES = Path(__file__).parents[1] / "fixtures" / "library_dev"


@pytest.fixture(scope="module")
def phrases() -> QuestionPhrases:
    return QuestionPhrases(load_number_questions())


@pytest.mark.parametrize("question", [
    "How long does physio usually take to help?",
    "what's the success rate of surgery for this",
    "how many people get restless legs?",
    "What percentage of people with arthritis sleep badly?",
    "how long until melatonin works",
    "how much is an MRI",
    # Session 35's tester (in my words): the stretching passage was sent again, with no time in it.
    "how long should I hold each stretch?",
    "how often should I do the stretches",
    "how soon will I sleep better?",
])
def test_questions_that_ask_for_a_number(phrases, question):
    assert phrases.asks(question)


@pytest.mark.parametrize("question", [
    "does poor sleep change how much pain I feel?",  # "how much" as in "how strongly"
    "how long should my dad put up with the pain before he sees someone?",
    "what is restless legs syndrome?",
    "I lie awake no matter how long I stay in bed, why?",
    "how long-term pain wrecks sleep",
])
def test_questions_that_do_not(phrases, question):
    assert not phrases.asks(question)


def test_a_number_in_a_passage_is_digits_or_words():
    assert gives_a_number("for about 15 to 20 minutes at a time")
    assert gives_a_number("about half of them") and gives_a_number("three nights a week")
    assert not gives_a_number("Poor sleep can heighten pain sensitivity.")
    # A span of time in words (session 46's tester: "how long does plantar fasciitis usually last?").
    assert gives_a_number("many cases settle within several months to a year with simple measures")
    assert gives_a_number("it usually eases within a week") and gives_a_number("for a few nights")
    assert not gives_a_number("If heel pain has not improved after a few months of self-care, see a clinician.")
    assert not gives_a_number("Most people recover, but it takes patience.")
    assert not gives_a_number("a day of rest and a good night's sleep")


def test_the_current_article_does_not_say_how_long_a_treatment_takes_to_work(index):
    answer = index.answer("how long does cbt-i take to work?", "ask_treatment")
    assert (answer.found, answer.reason) == (False, "asks_for_a_number")
    # The same subject without a number asked is answered.
    assert index.answer("what is cbt-i?", "ask_treatment").found


def test_a_passage_that_gives_the_number_answers(tmp_path):
    from assistant.knowledge import build_index
    from tests.integration.servers import library_copy

    grown = build_index(library_copy(tmp_path, DEV_ARTICLES) / "articles")
    # The osteoarthritis article: heat or cold "for about 15 to 20 minutes at a time".
    answer = grown.answer("how many minutes should I keep a heat pack on my sore knee before bed?", None, unsure=True)
    assert [p.id for p in answer.passages] and any(gives_a_number(p.text) for p in answer.passages), answer


def test_staff_keep_the_phrases_in_a_file_and_a_bad_entry_is_refused_with_its_line(tmp_path):
    good = tmp_path / "number_questions.yml"
    good.write_text("phrases:\n  - how long ... heal\n", encoding="utf-8")
    assert QuestionPhrases(load_number_questions(good)).asks("how long do sprains take to heal")
    bad = tmp_path / "bad.yml"
    bad.write_text("phrases:\n  - how many people\n  - 42\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_number_questions(bad)
    assert "bad.yml:3:" in str(raised.value)
    assert load_number_questions(tmp_path / "missing.yml") == ()


def test_a_follow_up_asking_how_long_gets_the_honest_no_not_the_passage_again(index):
    answer = index.answer("how long should I hold each one?", previous="is stretching before bed good for a sore back?")
    assert (answer.found, answer.reason) == (False, "asks_for_a_number")
