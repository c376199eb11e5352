"""Emergency, poisoning and crisis guidance, the crisis screening question, and the refusal
to advise on medicines."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import (
    ActionAnswerQuestion,
    conversation_context,
    entities_of,
    previous_message,
    previous_question,
)
from actions.conversation import ConversationalAction, idle_reminder
from assistant.after_alert import alert_just_sent, answers_no, escalated, screening_just_asked
from assistant.answering import (
    asks_something,
    respond_after_screening,
    respond_to_medicine_question,
    respond_to_misunderstanding,
)
from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.languages import said_in
from assistant.names import LANGUAGE, RED_FLAG, ActionName
from assistant.replies import (
    ANSWER,
    Message,
    crisis_screening_messages,
    emergency_messages,
    kind_of,
)
from assistant.session import current_session, guidance_kind, red_flag_message, red_flag_raised


class ActionSendEmergencyGuidance(Action):
    """The first reply to a red flag, or to "yes" after the screening question (the closing
    follows by rule): the guidance for the red flag's kind (a poisoning told again right after
    the poisoning guidance: the emergency guidance, see assistant.after_alert.escalated)."""

    def name(self) -> str:
        return ActionName.SEND_EMERGENCY_GUIDANCE

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        kind = escalated(guidance_kind(tracker.latest_message), alert_just_sent(current_session(tracker.events)))
        red_flag = (tracker.latest_message or {}).get(RED_FLAG) or {}
        replies = emergency_messages(kind, clinic(), with_signs=bool(red_flag.get("signs")),
                                     with_crisis=bool(red_flag.get("with_crisis")))
        if theirs := said_in((tracker.latest_message or {}).get(LANGUAGE), clinic().details):
            # A red flag told in another language ("mein Vater ist gestürzt und kann nicht mehr
            # aufstehen"): where help is, in that language too (session 49's tester).
            replies[0] = {**replies[0], "text": f"{replies[0]['text']}\n\n{theirs}"}
        for reply in replies:
            dispatcher.utter_message(**reply)
        return []


class ActionRespondToMisunderstanding(Action):
    """"You misunderstood": after a red flag in this session, where help is, once more, then the
    answer to what the red-flag message asked; otherwise an apology and the topics."""

    def name(self) -> str:
        return ActionName.RESPOND_TO_MISUNDERSTANDING

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        session = current_session(tracker.events)
        replies = respond_to_misunderstanding(knowledge_index(), clinic(), red_flag_raised(session),
                                              red_flag_message(session), conversation_context(tracker),
                                              (tracker.latest_message or {}).get("text") or "")
        for reply in replies:
            dispatcher.utter_message(**reply)
        if any(kind_of(reply) == ANSWER for reply in replies):
            # An answer opens a new cycle, as ActionAnswerQuestion's: the closing comes again.
            return ActionAnswerQuestion().events(tracker) + [idle_reminder()]
        return []


class ActionAskCrisisScreening(ConversationalAction):
    """A message that may be about suicide or self-harm: ask directly, with the line shown. A
    typed "no" to the question just asked, with what was meant ("No, I just mean tired of being
    in pain"), is the answer no (the question is not asked again; session 24's tester): thanks,
    then the answer to what it, or the screened message, asked."""

    def name(self) -> str:
        return ActionName.ASK_CRISIS_SCREENING

    def replies(self, tracker: Tracker) -> list[Message]:
        if self._typed_no(tracker):
            text = (tracker.latest_message or {}).get("text") or ""
            screened = previous_message(tracker)
            return respond_after_screening(knowledge_index(), clinic(), text if asks_something(text) else screened,
                                           conversation_context(tracker))
        return crisis_screening_messages(clinic())

    def events(self, tracker: Tracker) -> list[dict[str, Any]]:
        return ActionAnswerQuestion().events(tracker) if self._typed_no(tracker) else []

    @staticmethod
    def _typed_no(tracker: Tracker) -> bool:
        return (screening_just_asked(current_session(tracker.events))
                and answers_no((tracker.latest_message or {}).get("text") or ""))


class ActionContinueAfterScreening(ConversationalAction):
    """"No" to the screening question: thank the visitor, then answer what the screened message
    asked (or offer the topics)."""

    def name(self) -> str:
        return ActionName.CONTINUE_AFTER_SCREENING

    def replies(self, tracker: Tracker) -> list[Message]:
        return respond_after_screening(knowledge_index(), clinic(), previous_message(tracker),
                                       conversation_context(tracker))

    def events(self, tracker: Tracker) -> list[dict[str, Any]]:
        return ActionAnswerQuestion().events(tracker)


class ActionRefuseDosing(ConversationalAction):
    def name(self) -> str:
        return ActionName.REFUSE_DOSING

    def replies(self, tracker: Tracker) -> list[Message]:
        message = tracker.latest_message or {}
        confidence = float((message.get("intent") or {}).get("confidence") or 1.0)
        return respond_to_medicine_question(
            knowledge_index(), clinic(), message.get("text") or "", entities_of(tracker),
            conversation_context(tracker), previous_question(tracker), confidence)
