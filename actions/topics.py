"""Greeting, "what can you do", "are you a bot?", off-topic and unsure turns: say what the
assistant covers; a "yes" to "anything else?": ask what."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.answer import answer_instead_of_chat, answer_to_greeting
from actions.conversation import ConversationalAction, asks_about_privacy, latest_intent
from assistant.answering import respond_to_question
from assistant.asking import asks_something
from assistant.clinic import clinic
from assistant.knowledge import knowledge_index
from assistant.languages import said_in
from assistant.names import LANGUAGE, OPENING_INTENTS, ActionName, Intent
from assistant.replies import (
    INFO,
    Message,
    booking_buttons,
    complaint_messages,
    emergency_number_buttons,
    emergency_numbers_messages,
    privacy_messages,
    said,
    sources_messages,
    topic_buttons,
)
from assistant.session import spoke_before

# Which approved opening line goes with which intent; anything else is the model being unsure.
OPENINGS = {
    Intent.GREET: "greeting", Intent.GET_STARTED: "greeting", Intent.ASK_CAPABILITIES: "capabilities",
    Intent.BOT_CHALLENGE: "who_i_am",
    Intent.OUT_OF_SCOPE: "out_of_scope", Intent.OTHER_LANGUAGE: "other_language",
}


class ActionOfferTopics(ConversationalAction):
    def name(self) -> str:
        return ActionName.OFFER_TOPICS

    def replies(self, tracker: Tracker) -> list[Message]:
        intent = latest_intent(tracker)
        text = (tracker.latest_message or {}).get("text") or ""
        index = knowledge_index()
        if asks_about_privacy(text):
            # "who can read this?", "is this chat HIPAA compliant?" (read as "are you a bot?").
            return privacy_messages(clinic())
        if not text.startswith("/") and index.asks_for_emergency_numbers(text):
            return emergency_numbers_messages(clinic())
        if not text.startswith("/") and index.asks_about_sources(text):
            # "who wrote this info, is it reviewed by a doctor" (read as "are you a bot?").
            return sources_messages(clinic(), index.articles)
        if not text.startswith("/") and index.complains(text) and not asks_something(text):
            # "you're useless, this is a waste of my time" (read as "are you a bot?").
            return complaint_messages(clinic())
        if answered := answer_instead_of_chat(tracker):
            # "does Dr Kholer do regenerativ medicin" (read as another language).
            return answered
        if intent in OPENING_INTENTS and (answered := answer_to_greeting(tracker)):
            # "hello, what is plantar fasciitis?": the question is answered; a first greeting
            # still introduces the assistant and its limits first.
            if spoke_before(tracker.events):
                return answered
            return [said(clinic().say("greeting"), INFO), said(clinic().say("disclaimer_short"), INFO), *answered]
        if intent == Intent.ASK_CAPABILITIES and index.asks_practical(text):
            # "where are you located?", "what insurance do you accept?": the front desk's number.
            return respond_to_question(index, clinic(), text, Intent.NLU_FALLBACK)
        if intent == Intent.GREET and not text.startswith("/") and spoke_before(tracker.events):
            # A typed "hello?" in the middle of a chat asks whether anyone is there: not the whole
            # introduction again (session 36's visitor tester). A widget's opening payload still is.
            return [said(clinic().say("still_here"), INFO, topic_buttons(index.menu))]
        opening = OPENINGS.get(intent, "fallback")
        # What the report lists as unanswered: another language, or the model being unsure.
        unanswered = {"other_language": "other_language", "fallback": "not_understood"}.get(opening)
        details = {"unanswered": unanswered} if unanswered else {}
        # "can I talk to a real person?": how to reach one, with the Call button.
        buttons = booking_buttons(clinic()) if intent == Intent.BOT_CHALLENGE else None
        first = clinic().say(opening)
        if opening == "other_language":
            # A message the assistant cannot read may tell an emergency: the numbers, with their buttons.
            buttons = emergency_number_buttons(clinic(), poison_control=False)
            if theirs := said_in((tracker.latest_message or {}).get(LANGUAGE), clinic().details):
                first = f"{first}\n\n{theirs}"  # the same, in the language the visitor wrote in
        replies: list[Message] = [said(first, INFO, buttons, **details)]
        if intent in OPENING_INTENTS:
            replies.append(said(clinic().say("disclaimer_short"), INFO))
        replies.append(said(clinic().say("topics_prompt"), INFO, topic_buttons(index.menu)))
        return replies


class ActionAskWhatElse(ConversationalAction):
    """"Yes" or "ok": ask what. Right after emergency or crisis guidance, ConversationalAction
    sends where help is instead: "ok" there is no request for a new topic."""

    def name(self) -> str:
        return ActionName.ASK_WHAT_ELSE

    def replies(self, tracker: Tracker) -> list[Message]:
        if asks_about_privacy((tracker.latest_message or {}).get("text") or ""):
            # "ok delete everything I wrote please", read as a "yes", got "Of course. What would you
            # like to know?" and nothing was deleted (session 31's second exploratory tester).
            return privacy_messages(clinic())
        # "how exactly?" after an answer (read as a "yes") asks on.
        return answer_instead_of_chat(tracker) or [said(clinic().say("ask_what_else"), INFO)]
