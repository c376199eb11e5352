"""Emergency and crisis guidance, and the refusal to advise on medicines."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.replies import booking_messages, emergency_messages, topic_buttons
from assistant.session import current_session, red_flag_raised


class ActionSendEmergencyGuidance(Action):
    def name(self) -> Text:
        return "action_send_emergency_guidance"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent in ("report_emergency", "report_crisis"):
            for reply in emergency_messages(intent.removeprefix("report_"), clinic()):
                dispatcher.utter_message(**reply)
        elif red_flag_raised(current_session(tracker.events)):
            # "You misunderstood": show where help is once more, then carry on.
            dispatcher.utter_message(text=clinic().say("safety_repeat"))
        else:
            dispatcher.utter_message(text=clinic().say("misunderstood"), buttons=topic_buttons(knowledge_index().menu))
        return []


class ActionRefuseDosing(Action):
    def name(self) -> Text:
        return "action_refuse_dosing"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=clinic().say("no_dosing"))
        for reply in booking_messages(clinic()):
            dispatcher.utter_message(**reply)
        return []
