"""The intent, action, slot and entity names the code relies on, in one place.

The names themselves are defined by domain.yml (and Rasa's defaults); `make validate`
(assistant/validate.py) fails when one named here is missing from it, so a renamed intent
breaks the check, not a conversation.
"""

from __future__ import annotations


class Intent:
    GREET = "greet"
    # rasa-webchat's and other Rasa clients' usual opening payload: answered as a greeting.
    GET_STARTED = "get_started"
    GOODBYE = "goodbye"
    THANK = "thank"
    AFFIRM = "affirm"
    DENY = "deny"
    BOT_CHALLENGE = "bot_challenge"
    ASK_CAPABILITIES = "ask_capabilities"
    BOOK_CONSULTATION = "book_consultation"
    END_SESSION = "end_session"
    OUT_OF_SCOPE = "out_of_scope"
    OTHER_LANGUAGE = "other_language"
    ASK_DISORDER = "ask_disorder"
    ASK_DIAGNOSIS = "ask_diagnosis"
    ASK_MEDICATION = "ask_medication"
    REPORT_EMERGENCY = "report_emergency"
    REPORT_CRISIS = "report_crisis"
    REPORT_POSSIBLE_CRISIS = "report_possible_crisis"
    SAY_MISUNDERSTOOD = "say_misunderstood"
    NLU_FALLBACK = "nlu_fallback"  # Rasa's own (FallbackClassifier)


class ActionName:
    SESSION_START = "action_session_start"
    OFFER_TOPICS = "action_offer_topics"
    ANSWER_QUESTION = "action_answer_question"
    CLOSE_SESSION = "action_close_session"
    OFFER_BOOKING = "action_offer_booking"
    SEND_EMERGENCY_GUIDANCE = "action_send_emergency_guidance"
    RESPOND_TO_MISUNDERSTANDING = "action_respond_to_misunderstanding"
    ASK_CRISIS_SCREENING = "action_ask_crisis_screening"
    CONTINUE_AFTER_SCREENING = "action_continue_after_screening"
    REFUSE_DOSING = "action_refuse_dosing"
    ASK_WHAT_ELSE = "action_ask_what_else"


class Slot:
    DISORDER = "disorder"
    TREATMENT = "treatment"
    CLOSING_SENT = "closing_sent"


class Entity:
    DISORDER = "disorder"
    TREATMENT = "treatment"
    BODY_PART = "body_part"
    OTHER_CONDITION = "other_condition"
    PASSAGE = "passage"


# What the red-flag NLU component (components/red_flags.py) adds to a message's parse data, for
# the actions to read: the kind of guidance and the net that raised it; the rule that read a
# message with no alarm as a question asked ahead of an emergency.
RED_FLAG = "red_flag"
ASKED_AHEAD = "asked_ahead"
# The language code of a message not in English, when it can be told (components/language_guard.py).
LANGUAGE = "language"

# Groups the code treats alike.
RED_FLAG_INTENTS = frozenset({Intent.REPORT_EMERGENCY, Intent.REPORT_CRISIS})
CONVERSATIONAL_INTENTS = frozenset({
    Intent.GREET, Intent.GET_STARTED, Intent.GOODBYE, Intent.THANK, Intent.AFFIRM, Intent.DENY,
    Intent.END_SESSION, Intent.BOT_CHALLENGE, Intent.SAY_MISUNDERSTOOD,
})
OPENING_INTENTS = frozenset({Intent.GREET, Intent.GET_STARTED})
# Chat intents whose actions answer a health question the NLU read as chat
# (assistant.answering.answer_read_as_chat). Not "are you a bot?": its own words ("is a doctor
# reading this?", "is this dr kohler?") fit the passages on seeing a provider and on the clinic.
# Thanks with a question after it ("ok thnx. wat abt restles legs": session 32's tester).
READ_AS_CHAT = frozenset({Intent.AFFIRM, Intent.DENY, Intent.GOODBYE, Intent.THANK, Intent.ASK_CAPABILITIES,
                          Intent.OTHER_LANGUAGE})
# ... and "are you a bot?" too, when the message names a condition or treatment the library covers:
# "is it true typing on a computer all day gives you carpal tunnel??" asks about carpal tunnel
# (it got "I'm a virtual assistant": session 43, a development article's questions).
READ_AS_CHAT_WHEN_NAMED = frozenset({Intent.BOT_CHALLENGE})


def payload(intent: str) -> str:
    """The message that triggers an intent directly, as a button or a widget sends it."""
    return f"/{intent}"


def names_of(group: type) -> set[str]:
    return {value for key, value in vars(group).items() if key.isupper()}


def missing_from_domain(domain: dict) -> list[str]:
    """Names the code relies on that domain.yml (with Rasa's defaults) does not define."""
    from rasa.shared.core.constants import DEFAULT_ACTION_NAMES, DEFAULT_INTENTS

    defined = {
        "intent": {i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents") or []}
        | set(DEFAULT_INTENTS) | {Intent.NLU_FALLBACK},
        "action": set(domain.get("actions") or []) | set(DEFAULT_ACTION_NAMES),
        "slot": set(domain.get("slots") or {}),
        "entity": {e if isinstance(e, str) else next(iter(e)) for e in domain.get("entities") or []},
    }
    groups = {"intent": Intent, "action": ActionName, "slot": Slot, "entity": Entity}
    return [f"{kind} '{name}' (assistant/names.py) is not in domain.yml"
            for kind, group in groups.items() for name in sorted(names_of(group) - defined[kind])]
