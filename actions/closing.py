"""The end of a conversation (disclaimer + booking prompt), session start, and booking."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ReminderCancelled, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswerQuestion, answer_instead_of_booking, answer_instead_of_chat
from actions.conversation import (
    IDLE_REMINDER,
    ConversationalAction,
    asks_about_privacy,
    idle_reminder,
    latest_intent,
    reads,
)
from assistant.after_alert import alert_just_sent, alert_of_session, farewell_after_alert, stay_with_alert
from assistant.answering import booking_replies
from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.names import ActionName, Intent, Slot
from assistant.replies import INFO, Message, closing_messages, privacy_messages, said
from assistant.session import closing_owed, current_session, is_idle_trigger


class ActionCloseSession(Action):
    """Goodbye, "no" to "anything else?", thanks, End chat, inactivity, after an emergency."""

    def name(self) -> str:
        return ActionName.CLOSE_SESSION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = (tracker.latest_message or {}).get("text") or ""
        if asks_about_privacy(text):
            # "Do you store my conversation?", "please delete my conversation" (read as ending the
            # chat): the privacy answer, with how to delete it, not the closing (session 24).
            for reply in privacy_messages(clinic()):
                dispatcher.utter_message(**reply)
            return []
        session = current_session(tracker.events)
        alert = alert_of_session(session)
        # After emergency or crisis guidance, where help is stands alone (farewell_after_alert).
        thanked = latest_intent(tracker) == Intent.THANK and not text.startswith("/") and alert is None
        # Right after guidance, thanks or "ok" with a question of its own ("ok thnx. wat abt restles
        # legs" got where help is alone: session 32's tester); never a "no" ("no. does bad sleep
        # make pain worse?" after an emergency is not a question to answer), nor later.
        just_sent = alert_just_sent(session) if latest_intent(tracker) in (Intent.THANK, Intent.AFFIRM) else None
        if (alert is None or just_sent) and (answered := answer_instead_of_chat(tracker)):
            # "legs go all fidgety at bedtime, gotta move em. is that a thing" (read as a "no") asks:
            # its answer, not the closing. Right after guidance, where help is comes first.
            if just_sent:
                answered = stay_with_alert(just_sent, text, answered, clinic(), *reads(text))
            for reply in answered:
                dispatcher.utter_message(**reply)
            # An answer opens a new cycle, as ActionAnswerQuestion's: the closing comes again.
            return ActionAnswerQuestion().events(tracker) + [idle_reminder()]
        if tracker.get_slot(Slot.CLOSING_SENT):
            # Once per cycle: a second end signal does not repeat the closing, and the
            # inactivity reminder says nothing at all. After emergency or crisis guidance, "no"
            # or "no one cares" gets where help is again, not "Take care".
            if not is_idle_trigger((tracker.latest_message or {}).get("text")):
                after_alert = farewell_after_alert(current_session(tracker.events), clinic(), text)
                replies = [said(clinic().say("goodbye_again"), INFO)] if after_alert is None else after_alert
                for reply in [*welcome(thanked), *replies]:
                    dispatcher.utter_message(**reply)
            return []
        for reply in [*welcome(thanked), *closing_messages(clinic(), after_alert=alert is not None and alert[1])]:
            dispatcher.utter_message(**reply)
        return [SlotSet(Slot.CLOSING_SENT, True), ReminderCancelled(name=IDLE_REMINDER)]


def welcome(thanked: bool) -> list[Message]:
    """"You're welcome." for thanks, as a structured reply like every other (it was the domain's
    only response, sent with no kind: session 31's exploratory tester)."""
    return [said(clinic().say("you_are_welcome"), INFO)] if thanked else []


class ActionSessionStart(Action):
    """A new session after expiry: a previous session that never got its closing gets it now,
    before anything else, so a returning visitor still sees the disclaimer and booking."""

    def name(self) -> str:
        return ActionName.SESSION_START

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if closing_owed(tracker.events):
            for reply in closing_messages(clinic()):
                dispatcher.utter_message(**reply)
        return [SessionStarted(), ActionExecuted("action_listen")]


class ActionOfferBooking(ConversationalAction):
    """A request to book; one that also asks what the offer does not say ("how much is a visit?")
    gets the front desk's reply, which says so and how to reach the desk; a health question read as
    one, that says nothing of a visit, its vetted answer."""

    def name(self) -> str:
        return ActionName.OFFER_BOOKING

    def replies(self, tracker: Tracker) -> list[Message]:
        return answer_instead_of_booking(tracker) or booking_replies(
            knowledge_index(), clinic(), (tracker.latest_message or {}).get("text") or "")
