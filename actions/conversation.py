"""What every conversational action shares: the inactivity closing and the missed closing.

A visitor who goes quiet gets the closing pushed by a Rasa reminder (it triggers the
``end_session`` intent, like the widget's End chat control). Reminders live in the Rasa
server's memory, so a restart loses them: the next message after such a gap gets the closing
it missed before its answer.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ReminderScheduled, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant.after_alert import alert_just_sent, screening_just_asked, stay_with_alert, stay_with_screening
from assistant.answering import with_numbers_when_asked_ahead
from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.names import ASKED_AHEAD, ActionName, Intent, Slot
from assistant.replies import ANSWER, Message, closing_messages, kind_of
from assistant.session import closing_missed_after_gap, current_session, idle_seconds, is_idle_trigger

IDLE_REMINDER = "idle_closing"
# The screening question's own actions: a yes, a no, or another message that may be a crisis.
SCREENING_ACTIONS = frozenset({ActionName.ASK_CRISIS_SCREENING, ActionName.CONTINUE_AFTER_SCREENING})


def asks_about_privacy(text: str) -> bool:
    """Whether the visitor typed a question about their own data or a request to delete it
    (never a button's payload, nor the inactivity reminder's trigger): what any chat action
    answers with the privacy messages, whatever intent the NLU gave it."""
    return not text.startswith("/") and not is_idle_trigger(text) and knowledge_index().asks_about_privacy(text)


def reads(text: str) -> tuple[bool, bool]:
    """Whether the message asks something and whether it names a condition or treatment, as
    retrieval reads it (plain words, spelt right): for the reply right after guidance
    (assistant.after_alert.stay_with_alert)."""
    index = knowledge_index()
    return index.asks_something(text), index.names_a_subject(text)


def latest_intent(tracker: Tracker) -> str | None:
    return (((tracker.latest_message or {}).get("intent")) or {}).get("name")


def idle_reminder() -> ReminderScheduled:
    """(Re)schedule the inactivity closing; a reminder of the same name replaces the old one."""
    return ReminderScheduled(
        Intent.END_SESSION,
        trigger_date_time=dt.datetime.now() + dt.timedelta(seconds=idle_seconds()),
        name=IDLE_REMINDER,
        kill_on_user_message=True,
    )


class ConversationalAction(Action, ABC):
    """An action that answers the visitor: sends a missed closing first, then its replies (right
    after emergency or crisis guidance, where help is first: assistant.after_alert), then
    schedules the inactivity closing. Abstract, so the action server does not register it."""

    @abstractmethod
    def replies(self, tracker: Tracker) -> list[Message]: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if closing_missed_after_gap(tracker.events, idle_seconds()):
            for reply in closing_messages(clinic()):
                dispatcher.utter_message(**reply)
        latest = tracker.latest_message or {}
        text = latest.get("text") or ""
        replies = with_numbers_when_asked_ahead(bool(latest.get(ASKED_AHEAD)), clinic(), text, self.replies(tracker))
        session = current_session(tracker.events)
        alert = alert_just_sent(session)
        if alert:
            replies = stay_with_alert(alert, text, replies, clinic(), *reads(text))
        elif self.name() not in SCREENING_ACTIONS and screening_just_asked(session):
            replies = stay_with_screening(text, replies, clinic(), *reads(text))
        for reply in replies:
            dispatcher.utter_message(**reply)
        events = self.events(tracker)
        if any(kind_of(reply) == ANSWER for reply in replies) and SlotSet(Slot.CLOSING_SENT, False) not in events:
            # A new answer opens a new cycle: the next end of the conversation sends the closing again.
            events.append(SlotSet(Slot.CLOSING_SENT, False))
        return events + [idle_reminder()]

    def events(self, tracker: Tracker) -> list[dict[str, Any]]:
        return []
