"""Greeting, "what can you do", off-topic and unsure turns: say what the assistant covers."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.replies import topic_buttons

# Which approved opening line goes with which intent.
OPENINGS = {"greet": "greeting", "ask_capabilities": "capabilities", "out_of_scope": "out_of_scope"}


class ActionOfferTopics(Action):
    def name(self) -> Text:
        return "action_offer_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        dispatcher.utter_message(text=clinic().say(OPENINGS.get(intent, "fallback")))
        if intent == "greet":
            dispatcher.utter_message(text=clinic().say("disclaimer_short"))
        dispatcher.utter_message(text=clinic().say("topics_prompt"), buttons=topic_buttons(knowledge_index().menu))
        return []
