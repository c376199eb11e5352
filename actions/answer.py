"""Answer a question with a vetted passage (thin adapter over assistant.answering)."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from actions.conversation import ConversationalAction, latest_intent
from assistant.answering import (
    answer_in_booking,
    answer_in_greeting,
    answer_read_as_chat,
    more_than_just_sent,
    read_as_chat,
    respond_to_question,
    said_again,
)
from assistant.clinic import Clinic, clinic
from assistant.knowledge import knowledge_index
from assistant.names import CONVERSATIONAL_INTENTS, RED_FLAG_INTENTS, ActionName, Intent, Slot
from assistant.replies import Message
from assistant.retrieval import KnowledgeIndex
from assistant.session import current_session, is_idle_trigger, passages_just_sent, passages_sent_in_session, slot_value


def previous_message(tracker: Tracker) -> str:
    """The visitor's typed message before the latest one: "" when it was a button (its topic is
    in the slots); the inactivity reminder's trigger is not the visitor's and is skipped."""
    return _typed(_previous_user_event(tracker))


def previous_question(tracker: Tracker, names_nothing: Callable[[str], bool] = lambda text: False) -> str:
    """The previous message as the question a follow-up continues: "" when it asked nothing
    ("no", "thanks") or raised a red flag ("whatever" after "no" got the passage on approaches,
    read in the light of "no"). A message that ``names_nothing`` ("why?") is passed over for the
    one before it: "what is sleep apnea?", "why?", "why is that?" still asks about sleep apnea."""
    for event in _earlier_user_events(tracker):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        text = "" if intent in NOT_A_PREVIOUS_QUESTION else _typed(event)
        if not (text and names_nothing(text)):
            return text
    return ""


def _typed(event: dict | None) -> str:
    text = (event or {}).get("text") or ""
    return "" if text.startswith("/") else text


def _previous_user_event(tracker: Tracker) -> dict | None:
    return next(_earlier_user_events(tracker), None)


def _earlier_user_events(tracker: Tracker) -> Iterator[dict]:
    """The visitor's messages before the latest one, the newest first (the inactivity reminder's
    trigger is not the visitor's and is skipped)."""
    users = (event for event in reversed(tracker.events)
             if event.get("event") == "user" and not is_idle_trigger(event.get("text") or ""))
    next(users, None)  # the latest message itself
    yield from users


# Messages that ask nothing a follow-up could continue.
NOT_A_PREVIOUS_QUESTION = CONVERSATIONAL_INTENTS | RED_FLAG_INTENTS | {Intent.REPORT_POSSIBLE_CRISIS}


def entities_of(tracker: Tracker) -> list[tuple[str, str]]:
    return [(e.get("entity"), e.get("value")) for e in (tracker.latest_message or {}).get("entities") or []]


def conversation_context(tracker: Tracker) -> list[str | None]:
    """The disorder and treatment of earlier turns, for follow-ups that do not name them again:
    the slots now, then as they were before the latest message (whose own entities have already
    replaced them: "what's the difference between that and RLS" right after PLMD)."""
    return [tracker.get_slot(Slot.DISORDER), tracker.get_slot(Slot.TREATMENT), *slots_before_latest_message(tracker)]


def slots_before_latest_message(tracker: Tracker) -> list[str | None]:
    """The disorder and treatment slots as they were, in this session, when the latest message came in."""
    events = tracker.events
    latest = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    session = current_session(events[:latest])
    return [slot_value(session, Slot.DISORDER), slot_value(session, Slot.TREATMENT)]


def answer_instead_of_chat(tracker: Tracker) -> list[Message]:
    """The vetted answer when the latest message, read by the NLU as chat ("no", "bye", another
    language), asks a health question a passage answers with confidence; else [] (see
    assistant.answering.answer_read_as_chat)."""
    text = (tracker.latest_message or {}).get("text") or ""
    if not read_as_chat(knowledge_index(), latest_intent(tracker), text):
        return []
    return _reply_read_with_conversation(tracker, answer_read_as_chat)


def answer_instead_of_booking(tracker: Tracker) -> list[Message]:
    """The vetted answer when the latest message, read by the NLU as a request to book, asks a
    health question and nothing of a visit (see assistant.answering.answer_in_booking); else []."""
    return _reply_read_with_conversation(tracker, answer_in_booking)


def answer_to_greeting(tracker: Tracker) -> list[Message]:
    """The reply to a health question the NLU read as a greeting or an opening ("hello, what is
    plantar fasciitis?"; see assistant.answering.answer_in_greeting); [] for a greeting."""
    return _reply_read_with_conversation(tracker, answer_in_greeting)


def _reply_read_with_conversation(
    tracker: Tracker, respond: Callable[[KnowledgeIndex, Clinic, str, list[str], str], list[Message]],
) -> list[Message]:
    """``respond``'s replies to the latest message, read with the conversation's context and the
    question before; [] when it has none. "ok and?" read as a yes asks for more, as "what else?"
    does; a passage just sent is said to be again (not_the_same_again)."""
    index = knowledge_index()
    text, context = (tracker.latest_message or {}).get("text") or "", conversation_context(tracker)
    previous = previous_question(tracker, index.names_nothing)
    replies = respond(index, clinic(), text, context, previous)
    return not_the_same_again(tracker, replies, text, context=context, previous=previous) if replies else []


def not_the_same_again(tracker: Tracker, replies: list[Message], text: str, intent: str | None = None,
                       entities: Iterable[tuple[str, str]] = (), context: Iterable[str] = (),
                       previous: str = "") -> list[Message]:
    """The replies to a question, unless it asks for more than the passages just sent (then others,
    see more_than_just_sent); a passage just sent again is said to be again (see said_again)."""
    just_sent = passages_just_sent(tracker.events)
    replies = more_than_just_sent(knowledge_index(), clinic(), text, replies, just_sent, intent, entities, context,
                                  previous, passages_sent_in_session(tracker.events))
    return said_again(replies, just_sent, clinic())


class ActionAnswerQuestion(ConversationalAction):
    def name(self) -> str:
        return ActionName.ANSWER_QUESTION

    def replies(self, tracker: Tracker) -> list[Message]:
        message = tracker.latest_message or {}
        ranking = [r.get("name") for r in message.get("intent_ranking") or []]
        index = knowledge_index()
        text, intent, entities = message.get("text") or "", latest_intent(tracker), entities_of(tracker)
        context, previous = conversation_context(tracker), previous_question(tracker, index.names_nothing)
        replies = respond_to_question(index, clinic(), text, intent, entities, context, ranking, previous)
        return not_the_same_again(tracker, replies, text, intent, entities, context, previous)

    def events(self, tracker: Tracker) -> list[dict[str, Any]]:
        # A new answer opens a new cycle: the next end of the conversation sends the closing again.
        return [SlotSet(Slot.CLOSING_SENT, False)]
