"""Answer a question with a vetted passage (thin adapter over assistant.answering)."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from assistant.answering import respond_to_question
from assistant.clinic import clinic
from assistant.knowledge import knowledge_index


class ActionAnswerQuestion(Action):
    def name(self) -> Text:
        return "action_answer_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        message = tracker.latest_message or {}
        entities = [(e.get("entity"), e.get("value")) for e in message.get("entities") or []]
        for reply in respond_to_question(
            knowledge_index(), clinic(), message.get("text") or "", (message.get("intent") or {}).get("name"), entities
        ):
            dispatcher.utter_message(**reply)
        # A new answer opens a new cycle: the next end of the conversation sends the closing again.
        return [SlotSet("closing_sent", False)]
