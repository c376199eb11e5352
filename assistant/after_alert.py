"""The visitor's message right after emergency, poisoning or crisis guidance.

A visitor told to call for help often writes again at once: "is that bad?", "should I wait for
an appointment?", "she's asleep now". Answered as any other message, that got an article
passage or the booking prompt, as if the emergency were over. So the next reply starts with
where help is, once more; it goes on to a vetted answer only when the message is a question of
its own that a passage answers, never to a refusal, the booking prompt or the topics.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from assistant.clinic import Clinic
from assistant.logistics import asking_sentences
from assistant.names import ActionName, Intent
from assistant.red_flags import KINDS
from assistant.replies import ALERT, ANSWER, CITATION, SCREENING, SUGGESTION, Message, kind_of, safety_repeat, said
from assistant.retrieval import refers_back

Event = dict[str, Any]
# Who the guidance was about, named again ("is he going to be ok?", "she's asleep now").
_PERSON = frozenset({"he", "she", "him", "her", "his", "hers", "he's", "she's", "hes", "shes", "he'll", "she'll"})


def alert_just_sent(events: Sequence[Event]) -> str | None:
    """The kind of guidance ("emergency", "poisoning" or "crisis") sent in reply to the
    visitor's message before the latest one, else None. The resources repeated after "you
    misunderstood" do not count: that visitor said it was no emergency."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if len(users) < 2:
        return None
    between = events[users[-2] + 1: users[-1]]
    if not any(e.get("event") == "action" and e.get("name") == ActionName.SEND_EMERGENCY_GUIDANCE for e in between):
        return None
    for event in between:
        custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
        if isinstance(custom, dict) and custom.get("kind") == ALERT and custom.get("alert") in KINDS:
            return custom["alert"]
    return "emergency"


def screening_just_asked(events: Sequence[Event]) -> bool:
    """Whether the screening question was the reply to the visitor's message before the latest one."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    return len(users) >= 2 and any(e.get("event") == "action" and e.get("name") == ActionName.ASK_CRISIS_SCREENING
                                   for e in events[users[-2] + 1: users[-1]])


def stay_with_screening(text: str, replies: Iterable[Message], clinic: Clinic, asks: bool,
                        names_a_subject: bool) -> list[Message]:
    """The replies to a message after the screening question that neither says yes nor no (the
    rules handle those): a question of its own that a passage answers is answered (the crisis
    line was in the question); anything else gets the crisis line again, with the question
    whether the visitor is safe, not the honest no or the topics (session 45's tester: "what
    should i do" got "I don't have a medically reviewed answer on that" and the booking prompt).
    A red flag or the screening question in ``replies`` stands as it is."""
    replies = list(replies)
    kinds = {kind_of(reply) for reply in replies}
    if kinds & {ALERT, SCREENING}:
        return replies
    if ANSWER in kinds and asks and (names_a_subject or another_matter(text) or not points_back(text)):
        return replies
    return [said(clinic.say("screening_unanswered"), ALERT, alert="crisis")]


# A typed "no" to the screening question that says what was meant instead ("No, I just mean tired
# of being in pain", "no, not like that, I meant the nights"): an answer, not a new message to
# screen. A "no, but ..." is not (it is how a disclosure often begins), nor "no one cares".
_TYPED_NO = re.compile(r"^(?:no|nope|nah|god no|no no)\b(?!\s+(?:one|body|point|way|reason|hope|future|life))")
# "I mean", "I meant", "I just mean(t)", "I only mean(t)", "I was just mean(t)".
_I_MEANT = r"i (?:just |only |was just |was only )?meant?"
_MEANT_INSTEAD = re.compile(rf"\b{_I_MEANT}\b|\bwhat i meant\b|"
                            r"\bnot (?:like that|that|suicidal|in that way|what i meant)\b")


def answers_no(text: str) -> bool:
    lowered = text.lower().replace("’", "'").strip()
    return (bool(_TYPED_NO.search(lowered)) and bool(_MEANT_INSTEAD.search(lowered))
            and re.search(r"\bbut\b", lowered) is None)


def escalated(kind: str, just_sent: str | None) -> str:
    """The guidance for a red flag raised right after guidance (``just_sent``, see
    alert_just_sent): a poisoning told again right after the poisoning guidance ("i feel really
    drowsy now") gets the emergency guidance, 911 first: the visitor has the poison line already,
    and a change told now (drowsiness, slow breathing) is what 911 is for; it got the same
    poisoning text again (session 23, an exploratory tester)."""
    return "emergency" if kind == "poisoning" and just_sent == "poisoning" else kind


def alert_of_session(events: Sequence[Event]) -> tuple[str, bool] | None:
    """The kind of the latest guidance sent in these events (a session's), and whether it was
    sent in reply to the latest message; None when there was none, or when the visitor said
    after it that they were misunderstood (no emergency, then: the resources repeated with that
    reply do not count)."""
    latest_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    found: tuple[str, bool] | None = None
    action = None
    for position, event in enumerate(events):
        if event.get("event") == "action":
            action = event.get("name")
        elif event.get("event") == "user":
            if ((event.get("parse_data") or {}).get("intent") or {}).get("name") == Intent.SAY_MISUNDERSTOOD:
                found = None
        elif event.get("event") == "bot" and action == ActionName.SEND_EMERGENCY_GUIDANCE:
            custom = (event.get("data") or {}).get("custom")
            if isinstance(custom, dict) and custom.get("kind") == ALERT and custom.get("alert") in KINDS:
                found = (custom["alert"], position > latest_user)
    return found


def farewell_after_alert(events: Sequence[Event], clinic: Clinic, text: str = "") -> list[Message] | None:
    """What an end signal gets ("no", "ok", "no one cares") once the closing was sent, in a
    session with guidance: nothing more in the turn that raised it, where help is once more in
    any later one; never "Take care" to a visitor in crisis. None when there was no guidance.
    A visitor who says help is reached ("I called 988, I'm talking to them now. thank you") is
    not urged to call again."""
    alert = alert_of_session(events)
    if alert is None:
        return None
    kind, this_turn = alert
    if this_turn:
        return []
    if help_reached(text):
        return [said(clinic.say("help_reached"), ALERT, alert=kind)]
    return [where_help_is(kind, text, clinic)]


# "I don't want to call anyone", "I can't talk on the phone": the crisis line takes texts too.
_WILL_NOT_CALL = re.compile(
    r"\b(?:don'?t|do not|won'?t|will not|can'?t|cannot|not going to|not gonna|never)\s+(?:\w+\s+){0,2}?"
    r"(?:call|ring|phone|talk to|speak to|talk on the phone)\b")


def where_help_is(kind: str, text: str, clinic: Clinic) -> Message:
    """Where help is, once more; to someone in crisis who will not call, that the line takes texts
    (the same words again read as not heard: session 36's visitor tester)."""
    key = "after_crisis_no_call" if kind == "crisis" and _WILL_NOT_CALL.search(text.lower().replace("’", "'")) \
        else f"after_{kind}"
    return said(clinic.say(key), ALERT, alert=kind)


# "I called 988", "I'm talking to them now", "the ambulance is on its way" (not "I can't call").
_HELP_REACHED = re.compile(
    r"\b(?:called|rang|phoned|texted|dialled|dialed|messaged)\s+(?:\w+\s+){0,2}?"
    r"(?:988|911|999|112|them|ambulance|an ambulance|the ambulance|poison|lifeline|crisis line|hotline|helpline|"
    r"paramedics)\b"
    r"|\b(?:talking|speaking|chatting|on the phone)\s+(?:to|with)\s+"
    r"(?:them|988|911|someone|a counsell?or|the (?:line|lifeline))\b"
    r"|\b(?:ambulance|paramedics|help|they)(?:'s|'re|\s+is|\s+are)\s+(?:on\s+(?:the|its|their)\s+way|coming|here)\b"
    # On the way to help, or someone calling it now ("my wife is driving me to the ER now", "my son
    # is calling 911 now": session 32's tester was urged to call again).
    r"|\b(?:driving|taking|rushing|bringing)\s+(?:me|him|her|them|us)\s+(?:to\s+)?(?:the\s+|a\s+)?"
    r"(?:er|a&e|emergency|hospital|emergency room|urgent care)\b"
    r"|\b(?:on\s+(?:my|our|his|her|the)\s+way|heading|going)\s+(?:to\s+)(?:the\s+|a\s+)?"
    r"(?:er|a&e|emergency room|hospital|urgent care)\b"
    r"|\b(?:is|are|am|'s|'re|'m)\s+(?:calling|ringing|phoning|on the phone to)\s+"
    r"(?:988|911|999|112|an ambulance|the ambulance|them)\b"
    # Help has come and gone with them ("ok the ambulance took her", "she's in hospital now": session
    # 36's tester was told to call 911 again, and the question that followed went unanswered).
    r"|\b(?:ambulance|paramedics|ems|they)\s+(?:\w+\s+)?(?:took|has taken|have taken|came for|picked up|collected)\s+"
    r"(?:her|him|them|me|us)\b"
    r"|\b(?:she|he|they|we|i)(?:'s|'re|'m|\s+is|\s+are|\s+am)\s+(?:now\s+)?(?:at|in)\s+(?:the\s+)?"
    r"(?:hospital|er|a&e|emergency room|emergency department|urgent care)\b")
# Denied, asked, or put off ("I'm going to the hospital tomorrow" is not help reached now).
_NOT_REACHED = re.compile(
    r"\b(?:not|n't|nt|never|cannot|cant|can't|won't|wont|haven't|havent|didn't|didnt|should i|shall i|"
    r"tomorrow|later|next (?:week|month)|in the morning|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")


# Worse, still going, or help asked for again: "its getting worse" right after emergency guidance
# (the NLU read it as "you misunderstood": session 48's visitor tester was thanked and asked what
# they would like to know).
_WORSENING = re.compile(
    r"\b(?:worse|worsening|spreading|more and more|getting bad|"
    r"(?:still|keeps?|keeping)\s+(?:hurting|getting|going|bleeding|happening|spreading)|"
    r"not\s+(?:stopping|easing|going away|getting better|improving|passing)|"
    r"(?:can't|cant|cannot|can not)\s+(?:breathe|breath|stand|move|talk|speak|see|wake)|"
    r"help me|please help|what do i do now)\b")


def gets_worse(text: str) -> bool:
    """Whether the message says it is getting worse, goes on, or asks for help again."""
    return bool(_WORSENING.search(text.lower().replace("’", "'")))


def help_reached(text: str) -> bool:
    """Whether the visitor says they have reached help, in a clause that does not deny it."""
    lowered = text.lower().replace("’", "'")
    for clause in re.split(r"[.!?;,]+|\bbut\b", lowered):
        if _HELP_REACHED.search(clause) and not _NOT_REACHED.search(clause):
            return True
    return False


# "that" after these begins a clause about them ("is there anything that actually works?"), it
# does not point back at what was said.
_RELATIVE_THAT = re.compile(r"\b(anything|something|everything|nothing|one|ones|thing|things|way|ways)\s+that\b")


# A visitor who says the next question is another matter ("separate thing, my own knee pain ...").
_ANOTHER_MATTER = re.compile(
    r"\b(?:separate|different|another|other|unrelated|new) (?:thing|question|matter|topic|issue|subject|note)\b"
    r"|\b(?:on|as) (?:a|an) (?:different|separate|unrelated|other) (?:note|matter)\b|\bunrelated(?:ly)?\b"
    r"|\bby the way\b|\bbtw\b|\bmy own\b")


def another_matter(text: str) -> bool:
    return bool(_ANOTHER_MATTER.search(text.lower().replace("’", "'")))


def points_back(text: str) -> bool:
    """Whether the message's question speaks of what was just said, or of the person it was
    about ("what is insomnia?" does not, short as it is; nor does "sorry, I meant we sleep in
    another room because I snore. what is sleep apnea?", whose story says "another", nor "is
    there anything that actually works?")."""
    text = _RELATIVE_THAT.sub(r"\1", asking_sentences(text).lower())
    words = set(re.findall(r"[a-z']+", text.lower().replace("’", "'")))
    return refers_back(text, short=0) or bool(words & _PERSON)


# A visitor saying what they meant instead ("no, I just mean I'm fed up with the insomnia",
# "what I meant was ...", "sorry for ranting"): the guidance misread them.
_MEANT_ELSE = re.compile(
    rf"^(?:(?:no|nope|nah|sorry|oh|oops|haha|lol|what|huh|wait|i'?m fine|i'?m ok|i'?m okay)\W+)*(?:{_I_MEANT}|"
    r"what i (?:meant|mean) (?:was|is)|(?:that'?s |thats )?not what i meant|i didn'?t mean|"
    r"(?:sorry|apologies) (?:for|about) (?:the |my |that )?(?:rant|ranting|venting|vent|moaning|outburst)|"
    # What the guidance answered is long past ("no no, that was 30 years ago, I'm fine now";
    # session 26's tester got "Please reach out now" again).
    r"(?:that|it) was (?:\w+ ){0,2}(?:years|months|decades|ages|a long time|long) ago|"
    r"(?:that|it) (?:was|is|'s|s) (?:all |long )?(?:in the past|behind me)|"
    # A figure of speech read as a crisis ("what? no I'm fine, it's just an expression").
    r"(?:it'?s|that'?s|it was|that was|its|thats) (?:just |only )?(?:an expression|a figure of speech|a saying|a joke)|"
    r"i was (?:just |only )?(?:joking|kidding)|"
    r"i'?m (?:fine|ok|okay|alright|all right|well) now)\b")


# The alarm denied: "what?? I'm not suicidal, I just have shoulder pain", "no no, I'm not in danger,
# I'm just frustrated" (session 31's tester got "I'm still here" again, twice). Not "I'm not
# suicidal but ...": that is how a disclosure often begins.
_DENIED = re.compile(
    r"^(?:(?:no|nope|nah|what|huh|wait|hey|um|erm|whoa|woah|oh|sorry|lol|haha|hold on)\W+)*"
    r"(?:i'?m|i am|im) (?:really |honestly |definitely )?not (?:suicidal|in (?:any )?danger|in crisis|"
    r"going to (?:hurt|harm|kill) myself|thinking (?:of|about) (?:suicide|killing myself|ending (?:it|my life)|"
    r"hurting myself))\b")


def says_what_was_meant(text: str) -> bool:
    lowered = text.lower().replace("’", "'").strip()
    denied = bool(_DENIED.search(lowered)) and re.search(r"\bbut\b", lowered) is None
    return denied or bool(_MEANT_ELSE.search(lowered))


def stay_with_alert(kind: str, text: str, replies: Iterable[Message], clinic: Clinic,
                    asks: bool, names_a_subject: bool) -> list[Message]:
    """The replies to the message after guidance of this ``kind``: where help is first; then the
    vetted answer, only for a question of its own that a passage answers. A red flag or the
    screening question in ``replies`` stands as it is. A visitor saying what they meant instead
    is thanked, with where help is "just in case" (as "you misunderstood" gets), not urged again
    to call now; what they meant is answered where a passage does. ``asks``: whether the message
    asks something (KnowledgeIndex.asks_something reads it in plain words too).
    ``names_a_subject``: it names a condition or treatment, so its
    question is its own however it begins ("ok thnx. wat abt restles legs")."""
    replies = list(replies)
    kinds = {kind_of(reply) for reply in replies}
    if kinds & {ALERT, SCREENING}:
        return replies
    answer = [r for r in replies if kind_of(r) in (ANSWER, CITATION, SUGGESTION)]
    # A question of its own: not "I'm just so tired" after crisis guidance, which got a passage
    # after where help is (session 32's tester: cold, off-task).
    own_question = ANSWER in kinds and asks and (names_a_subject or another_matter(text) or not points_back(text))
    if help_reached(text):
        # "thanks, i called them, it's ok now. by the way what is CBT-I?" lost its question
        # (session 26's tester): a question of its own is answered after the glad word.
        return [said(clinic.say("help_reached"), ALERT, alert=kind), *(answer if own_question else ())]
    if says_what_was_meant(text):
        # Told it was misread, the assistant answers as it would have (the front desk's number too).
        return [safety_repeat(clinic, kind), *replies]
    reminder = where_help_is(kind, text, clinic)
    return [reminder, *(answer if own_question else ())]
