"""What the assistant says to a question: a vetted passage, or an honest "no vetted answer"."""

from __future__ import annotations

from typing import Iterable

from assistant.clinic import Clinic
from assistant.replies import Message, answer_messages, booking_messages, no_answer_messages
from assistant.retrieval import KnowledgeIndex

DIAGNOSIS_INTENT = "ask_diagnosis"


def respond_to_question(
    index: KnowledgeIndex,
    clinic: Clinic,
    text: str,
    intent: str | None,
    entities: Iterable[tuple[str, str]] = (),
    context: Iterable[str] = (),
) -> list[Message]:
    # A button sends "/intent{...}": its words are not the visitor's, only its entities count.
    words = "" if text.startswith("/") else text
    if intent == DIAGNOSIS_INTENT:
        # Never "you have ...": general information about the condition, then a referral.
        answer = index.answer(words, "ask_disorder", entities, context)
        opening = [{"text": clinic.say("no_diagnosis")}]
        if not answer.found:
            return opening + booking_messages(clinic)
        return opening + answer_messages(answer, clinic)[:-1] + booking_messages(clinic)
    answer = index.answer(words, intent, entities, context)
    if not answer.found:
        return no_answer_messages(clinic, index.menu)
    return answer_messages(answer, clinic)
