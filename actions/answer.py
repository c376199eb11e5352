"""Answer a question with a vetted passage (thin adapter over assistant.answering)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.conversation import ConversationalAction, latest_intent
from assistant.answering import respond_to_question
from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.names import ActionName, Slot
from assistant.replies import Message
from assistant.session import is_idle_trigger


def previous_question(tracker: Tracker) -> str:
    """The visitor's typed message before the latest one: "" when it was a button (its topic is
    in the slots); the inactivity reminder's trigger is not the visitor's and is skipped."""
    seen_latest = False
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        if is_idle_trigger(text):
            continue
        if not seen_latest:
            seen_latest = True
            continue
        return "" if text.startswith("/") else text
    return ""


def entities_of(tracker: Tracker) -> list[tuple[str, str]]:
    return [(e.get("entity"), e.get("value")) for e in (tracker.latest_message or {}).get("entities") or []]


def conversation_context(tracker: Tracker) -> list[str | None]:
    """The disorder and treatment of earlier turns, for follow-ups that do not name them again."""
    return [tracker.get_slot(Slot.DISORDER), tracker.get_slot(Slot.TREATMENT)]


class ActionAnswerQuestion(ConversationalAction):
    def name(self) -> str:
        return ActionName.ANSWER_QUESTION

    def replies(self, tracker: Tracker) -> list[Message]:
        message = tracker.latest_message or {}
        ranking = [r.get("name") for r in message.get("intent_ranking") or []]
        return respond_to_question(
            knowledge_index(), clinic(), message.get("text") or "", latest_intent(tracker), entities_of(tracker),
            conversation_context(tracker), ranking, previous_question(tracker),
        )

    def events(self, tracker: Tracker) -> list[dict[str, Any]]:
        # A new answer opens a new cycle: the next end of the conversation sends the closing again.
        return [SlotSet(Slot.CLOSING_SENT, False)]
