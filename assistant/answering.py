"""What the assistant says to a question: a vetted passage, or an honest "no vetted answer"."""

from __future__ import annotations

from typing import Iterable, Sequence

from assistant.clinic import Clinic
from assistant.replies import Message, answer_messages, booking_messages, no_answer_messages, topic_buttons
from assistant.retrieval import KnowledgeIndex

DIAGNOSIS_INTENT = "ask_diagnosis"
FALLBACK_INTENT = "nlu_fallback"


def respond_to_question(
    index: KnowledgeIndex,
    clinic: Clinic,
    text: str,
    intent: str | None,
    entities: Iterable[tuple[str, str]] = (),
    context: Iterable[str] = (),
    ranking: Sequence[str] = (),
) -> list[Message]:
    """``ranking`` is the NLU's intents, best first; it matters when ``intent`` is the fallback."""
    # A button sends "/intent{...}": its words are not the visitor's, only its entities count.
    chosen = text.startswith("/")
    words = "" if chosen else text
    unsure = intent == FALLBACK_INTENT
    if unsure:
        # The NLU was not confident: its best guess may still be answered, but only when a
        # named condition or treatment or the words themselves point to a passage.
        intent = next((name for name in ranking if name != FALLBACK_INTENT), None)
    if intent == DIAGNOSIS_INTENT:
        # Never "you have ...": general information about the condition, then a referral.
        answer = index.answer(words, "ask_disorder", entities, context, unsure=unsure)
        opening = [{"text": clinic.say("no_diagnosis")}]
        if not answer.found:
            return opening + no_answer_messages(clinic, index.menu)
        return opening + answer_messages(answer, clinic)[:-1] + booking_messages(clinic)
    answer = index.answer(words, intent, entities, context, unsure=unsure, chosen=chosen)
    if answer.found:
        return answer_messages(answer, clinic)
    if unsure:
        return [{"text": clinic.say("fallback"), "buttons": topic_buttons(index.menu)}]
    return no_answer_messages(clinic, index.menu)
