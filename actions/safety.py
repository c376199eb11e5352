"""Emergency, poisoning and crisis guidance, the crisis screening question, and the refusal
to advise on medicines."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.conversation import ConversationalAction, latest_intent
from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.replies import (
    Message,
    booking_messages,
    crisis_screening_messages,
    emergency_messages,
    topic_buttons,
)
from assistant.session import RED_FLAG_INTENTS, current_session, guidance_kind, red_flag_raised


class ActionSendEmergencyGuidance(Action):
    """The first reply to a red flag, or to "yes" after the screening question (the closing
    follows by rule); also "you misunderstood"."""

    def name(self) -> str:
        return "action_send_emergency_guidance"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        intent = latest_intent(tracker)
        if intent in RED_FLAG_INTENTS or intent == "affirm":
            replies = emergency_messages(guidance_kind(tracker.latest_message), clinic())
        elif red_flag_raised(current_session(tracker.events)):
            # "You misunderstood": show where help is once more, then carry on.
            replies = [{"text": clinic().say("safety_repeat")}]
        else:
            replies = [{"text": clinic().say("misunderstood"), "buttons": topic_buttons(knowledge_index().menu)}]
        for reply in replies:
            dispatcher.utter_message(**reply)
        return []


class ActionAskCrisisScreening(ConversationalAction):
    """A message that may be about suicide or self-harm: ask directly, with the line shown."""

    def name(self) -> str:
        return "action_ask_crisis_screening"

    def replies(self, tracker: Tracker) -> list[Message]:
        return crisis_screening_messages(clinic())


class ActionContinueAfterScreening(ConversationalAction):
    """"No" to the screening question: thank the visitor and carry on with the topics."""

    def name(self) -> str:
        return "action_continue_after_screening"

    def replies(self, tracker: Tracker) -> list[Message]:
        return [{"text": clinic().say("screening_cleared"), "buttons": topic_buttons(knowledge_index().menu)}]


class ActionRefuseDosing(ConversationalAction):
    def name(self) -> str:
        return "action_refuse_dosing"

    def replies(self, tracker: Tracker) -> list[Message]:
        return [{"text": clinic().say("no_dosing")}] + booking_messages(clinic())
