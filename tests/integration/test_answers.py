"""What visitors get back, end to end (NLU + retrieval + action) over the REST channel:
the right vetted passage for questions the articles answer, and an honest "no vetted answer"
for nearby questions they do not."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from assistant.clinic import load_clinic
from assistant.knowledge import build_index
from tests.integration.conftest import texts

CASES = YAML(typ="safe").load((Path(__file__).parents[1] / "data" / "answer_cases.yml").read_text())
CLINIC = load_clinic()
PASSAGES = {p.id: p for p in build_index().passages}
# Replies that answer nothing medical: "no vetted answer", "outside what I can help with",
# "not sure I understood", "English only", or the list of what the assistant covers.
HONEST = {CLINIC.say(key) for key in ("no_vetted_answer", "out_of_scope", "fallback", "other_language",
                                        "capabilities")}


def first_passage(replies: list[str]) -> str:
    """The first reply that is not approved wording (e.g. "I can't tell whether you have..."),
    without the section heading put before it when several passages are sent."""
    approved = set(CLINIC.messages.values()) | {CLINIC.say(k) for k in CLINIC.messages if k.startswith("no_")}
    body = next((r for r in replies if r not in approved), "")
    return body.split(": ", 1)[-1] if ": " in body[:60] else body


# The NLU model is statistical: a few held-out phrasings get a neighbouring topic's passage
# (still vetted, still cited). The bar is on the share; every miss is printed.
MIN_RIGHT_SHARE = 0.95


def test_questions_get_their_vetted_passage(servers):
    misses = []
    for case in CASES["answers"]:
        # A new visitor each time: a question must not lean on the previous one's topic.
        replies = texts(servers.say(f"answers-{uuid.uuid4().hex[:8]}", case["text"]))
        if not PASSAGES[case["passage"]].text.startswith(first_passage(replies)[:80] or "(no passage)"):
            misses.append((case["text"], case["passage"], replies[:1]))
    right = 1 - len(misses) / len(CASES["answers"])
    total = len(CASES["answers"])
    print(f"\nanswer cases: {total - len(misses)}/{total} got their passage ({right:.1%})")
    for text, passage, got in misses:
        print(f"  miss: {text!r}\n    expected {passage}\n    got {str(got)[:140]}")
    assert right >= MIN_RIGHT_SHARE


@pytest.mark.parametrize("text", CASES["no_vetted_answer"], ids=[t[:60] for t in CASES["no_vetted_answer"]])
def test_nearby_uncovered_question_gets_an_honest_no(servers, text):
    replies = texts(servers.say(f"uncovered-{uuid.uuid4().hex[:8]}", text))
    assert HONEST & set(replies), f"got: {replies[:2]}"
    assert not any(r.startswith("Source: ") for r in replies)


def test_enough_cases():
    assert len(CASES["answers"]) >= 60 and len(CASES["no_vetted_answer"]) >= 15
