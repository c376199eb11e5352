"""Questions on how a condition is treated (assistant/treatment_questions.py,
knowledge/treatment_questions.yml) are answered only by a passage that speaks of treatment;
otherwise the honest no, not the passage that describes the condition."""

from __future__ import annotations

import pytest

from assistant.datafiles import ContentError
from assistant.treatment_questions import load_treatment_questions, speaks_of_treatment

ARTICLE = "sleep-disorders-and-msk-pain"


@pytest.mark.parametrize("question", [
    # Found through the servers: each got the condition's description, which says nothing of treatment.
    "how is sleep apnea treated?",
    "how is restless leg syndrome treated?",
    "What helps with restless legs?",
    "how do you treat PLMD?",
])
def test_a_treatment_question_on_a_condition_the_library_only_describes_gets_the_honest_no(index, question):
    answer = index.answer(question)
    assert (answer.found, answer.reason) == (False, "asks_for_treatment")


@pytest.mark.parametrize("question", ["what is the treatment for insomnia?", "how can I treat my insomnia?"])
def test_a_treatment_question_gets_the_passage_on_a_treatment_that_names_the_condition(index, question):
    answer = index.answer(question)
    assert [p.id for p in answer.passages] == [
        f"{ARTICLE}/approaches-to-breaking-the-cycle/cognitive-behavioral-therapy-for-insomnia-cbt-i"]


def test_other_questions_on_the_condition_still_get_its_description(index):
    answer = index.answer("what is sleep apnea?")
    assert [p.id for p in answer.passages] == [
        f"{ARTICLE}/types-of-sleep-disorders-commonly-linked-to-msk-pain/obstructive-sleep-apnea-osa"]


def test_which_passages_speak_of_treatment(index):
    by_id = {p.id: p for p in index.passages}
    assert speaks_of_treatment(by_id[f"{ARTICLE}/approaches-to-breaking-the-cycle/proper-sleep-hygiene"].text)
    assert not speaks_of_treatment(
        by_id[f"{ARTICLE}/types-of-sleep-disorders-commonly-linked-to-msk-pain/obstructive-sleep-apnea-osa"].text)


def test_a_bad_file_names_its_line(tmp_path):
    path = tmp_path / "treatment_questions.yml"
    path.write_text("phrases:\n  - how is ... treated\n  - {a: b}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_treatment_questions(path)
    assert error.value.line == 3
