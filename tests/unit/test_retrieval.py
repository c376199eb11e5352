"""Retrieval: the right vetted passage for a question, and none where no passage answers it."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

CASES = YAML(typ="safe").load((Path(__file__).parents[1] / "data" / "retrieval_cases.yml").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_labelled_question_gets_its_passage_or_none(index, case):
    answer = index.answer(case["text"], case["intent"])
    got = answer.passages[0].id if answer.found else "none"
    assert got == case["passage"], f"score {answer.score:.2f} ({answer.reason})"


def test_synonyms_and_misspellings_reach_the_same_passage(index):
    ids = {index.answer(text, "ask_disorder").passages[0].id for text in
           ("what is OSA", "sleep apnoea?", "obstructive sleep apnea", "sleep apnia")}
    assert len(ids) == 1 and ids.pop().endswith("obstructive-sleep-apnea-osa")


def test_entities_from_a_button_payload_choose_the_topic(index):
    answer = index.answer("", "ask_disorder", [("disorder", "periodic_limb_movement_disorder")])
    assert answer.topic.id == "limb_movements"


def test_an_uncovered_condition_gets_no_passage_even_if_words_overlap(index):
    # "sleep", "legs" and "pain" all appear in the RLS passage; sciatica is not covered.
    for text in ("sciatica and leg pain at night", "is sleep paralysis why my legs feel weird"):
        assert not index.answer(text, "ask_disorder").found


def test_answer_offers_related_topics(index):
    answer = index.answer("what is insomnia", "ask_disorder")
    assert [t.id for t in answer.related] == ["cbt_i", "sleep_hygiene", "see_provider"]


def test_topics_with_several_passages_send_them_in_staff_order(index):
    answer = index.answer("which sleep disorders are linked to pain", "ask_linked_disorders")
    assert [p.section for p in answer.passages] == [
        "Insomnia", "Obstructive Sleep Apnea (OSA)", "Restless Leg Syndrome (RLS)",
        "Periodic Limb Movement Disorder (PLMD)",
    ]


def test_a_follow_up_uses_the_disorder_named_earlier(index):
    answer = index.answer("and how is it treated?", "ask_treatment_options", context=["insomnia"])
    assert answer.topic.id == "insomnia_treatment"
    assert answer.passages[0].section == "Cognitive Behavioral Therapy for Insomnia (CBT-I)"
    # Without that context the same words get the general treatment options.
    assert index.answer("and how is it treated?", "ask_treatment_options").topic.id == "treatment_options"
    # A disorder named in the message wins over the one in context.
    named = index.answer("what about restless legs?", "ask_disorder", context=["insomnia"])
    assert named.topic.id == "restless_legs"
