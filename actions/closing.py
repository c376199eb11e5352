"""The end of a conversation (disclaimer + booking prompt) and booking on request."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant.clinic import clinic
from assistant.replies import booking_messages, closing_messages


class ActionCloseSession(Action):
    def name(self) -> Text:
        return "action_close_session"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        # Once per cycle: two end signals in a row (goodbye, then End chat) close once.
        if tracker.get_slot("closing_sent"):
            dispatcher.utter_message(text=clinic().say("goodbye_again"))
            return []
        for reply in closing_messages(clinic()):
            dispatcher.utter_message(**reply)
        return [SlotSet("closing_sent", True)]


class ActionOfferBooking(Action):
    def name(self) -> Text:
        return "action_offer_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        for reply in booking_messages(clinic()):
            dispatcher.utter_message(**reply)
        return []
