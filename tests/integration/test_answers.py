"""What visitors get back, end to end (NLU + retrieval + action) over the REST channel:
the right vetted passage for questions the articles answer, and an honest "no vetted answer"
for nearby questions they do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from assistant.clinic import load_clinic
from assistant.knowledge import build_index
from tests.integration.conftest import texts

CASES = YAML(typ="safe").load((Path(__file__).parents[1] / "data" / "answer_cases.yml").read_text())
CLINIC = load_clinic()
PASSAGES = {p.id: p for p in build_index().passages}
HONEST = {CLINIC.say("no_vetted_answer"), CLINIC.say("out_of_scope"), CLINIC.say("fallback")}


@pytest.mark.parametrize("case", CASES["answers"], ids=[c["text"][:60] for c in CASES["answers"]])
def test_question_gets_its_vetted_passage(servers, case):
    replies = texts(servers.say("answers", case["text"]))
    expected = PASSAGES[case["passage"]].text
    assert replies, "no reply"
    first = replies[0].split(": ", 1)[-1] if ": " in replies[0][:60] else replies[0]
    assert expected.startswith(first[:80]), f"got: {replies[0][:120]}"


@pytest.mark.parametrize("text", CASES["no_vetted_answer"], ids=[t[:60] for t in CASES["no_vetted_answer"]])
def test_nearby_uncovered_question_gets_an_honest_no(servers, text):
    replies = texts(servers.say("uncovered", text))
    assert HONEST & set(replies), f"got: {replies[:2]}"
    assert not any(r.startswith("Source: ") for r in replies)


def test_enough_cases():
    assert len(CASES["answers"]) >= 60 and len(CASES["no_vetted_answer"]) >= 15
