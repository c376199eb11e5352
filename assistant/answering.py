"""What the assistant says to a question: a vetted passage, or an honest "no vetted answer"."""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from assistant.after_alert import gets_worse, where_help_is
from assistant.asked_for import (
    speaks_of_medicine,
    speaks_of_surgery,
    tells_of_drowsy_driving,
    without_declined_medicine,
)
from assistant.asking import asks_something
from assistant.clinic import Clinic
from assistant.logistics import questions_of
from assistant.names import READ_AS_CHAT, READ_AS_CHAT_WHEN_NAMED, Entity, Intent
from assistant.replies import (
    ALERT,
    ANSWER,
    CITATION,
    INFO,
    NO_ANSWER,
    REFUSAL,
    SCREENING,
    SUGGESTION,
    Message,
    answer_messages,
    booking_messages,
    complaint_messages,
    emergency_numbers_messages,
    kind_of,
    no_answer_messages,
    privacy_messages,
    question_button,
    safety_repeat,
    said,
    sources_messages,
    topic_buttons,
)
from assistant.retrieval import PRACTICAL, Answer, KnowledgeIndex
from assistant.set_aside import set_aside

# Intents that say the NLU found no health question: retrieval still gets the first word (a
# new article's condition is unknown to the NLU), but its "no" is the intent's own reply.
NOT_A_QUESTION_INTENTS = (Intent.OUT_OF_SCOPE, Intent.NLU_FALLBACK)


def respond_to_question(
    index: KnowledgeIndex, clinic: Clinic, text: str, intent: str | None,
    entities: Iterable[tuple[str, str]] = (), context: Iterable[str] = (), ranking: Sequence[str] = (),
    previous: str = "",
) -> list[Message]:
    """The reply to one message (see reply_to_question); when it asks several questions and the
    reply answers only some, the others follow as buttons that ask each ("You also asked:")."""
    text, entities, context = without_set_aside(index, text, entities, context)
    replies = reply_to_question(index, clinic, text, intent, entities, context, ranking, previous)
    if text.startswith("/"):
        return replies
    if tells_of_drowsy_driving(text):
        replies = [said(clinic.say("drowsy_driving"), INFO)] + replies
    if whom := index.about_whom(text):
        replies = with_own_clinician(replies, said(clinic.say(f"own_clinician_{whom}"), INFO, reason=f"about_{whom}"))
    others = questions_left(index, text, replies)
    if others and front_desk_only(replies):
        # "does poor sleep make pain worse? also do you take medicare?": the health question is
        # answered first, then the front desk's reply (session 25's tester: the health part went
        # to a button behind the front desk's reply).
        for question in others:
            sub = reply_to_question(index, clinic, question, Intent.NLU_FALLBACK, context=context)
            if any(kind_of(m) == ANSWER for m in sub):
                replies = [m for m in sub if kind_of(m) in (REFUSAL, ANSWER, CITATION)] + replies
                others = questions_left(index, text, replies)
                break
    if others:
        replies.append(said(clinic.say("also_asked"), SUGGESTION, [question_button(q) for q in others]))
    return replies


def without_set_aside(
    index: KnowledgeIndex, text: str, entities: Iterable[tuple[str, str]], context: Iterable[str | None] = (),
) -> tuple[str, list[tuple[str, str]], list[str | None]]:
    """The message, its entities and the conversation's context without the conditions or
    treatments the visitor set aside ("not restless legs, I mean the limb movement one" right
    after restless legs: assistant.set_aside). A message that is only what it sets aside ("not
    RLS") is kept whole."""
    entities, context = list(entities), list(context)
    if text.startswith("/"):
        return text, entities, context
    aside = set_aside(text, index.terms_in)
    if aside.text == text or not aside.text.strip():
        return text, entities, context

    def kept(value: str | None, entity: str = "") -> bool:
        return value is None or not set(index.terms_in("", [(entity, str(value))])) & aside.terms

    return (aside.text, [(entity, value) for entity, value in entities if kept(value, entity)],
            [value for value in context if kept(value)])


def said_again(replies: list[Message], just_sent: frozenset[str], clinic: Clinic) -> list[Message]:
    """``replies`` with a word before a passage the visitor has just read: when every passage
    they quote was quoted in the reply before (``just_sent``), "What I just shared is the best
    answer ..." (``same_passage_again``) comes before the first of them, and each is marked ``repeated`` for the
    widget. A follow-up ("does pain make it worse?") is often best answered by the passage just
    sent (105 of the 137 answerable follow-ups of the development sets expect it), and the same
    text again with no word looked like a visitor not heard (session 35's visitor tester)."""
    quoted = {p for m in replies if kind_of(m) == ANSWER for p in (m.get("custom") or {}).get("passages") or []}
    if not quoted or not quoted <= just_sent:
        return replies
    first = next(i for i, m in enumerate(replies) if kind_of(m) == ANSWER)
    marked = [{**m, "custom": {**m["custom"], "repeated": True}} if kind_of(m) == ANSWER else m for m in replies]
    return [*marked[:first], said(clinic.say("same_passage_again"), INFO, reason="same_passage"), *marked[first:]]


def more_than_just_sent(
    index: KnowledgeIndex, clinic: Clinic, text: str, replies: list[Message], just_sent: frozenset[str],
    intent: str | None = None, entities: Iterable[tuple[str, str]] = (), context: Iterable[str] = (),
    previous: str = "", sent_before: frozenset[str] = frozenset(),
) -> list[Message]:
    """``replies``, unless the visitor asked for more than the passages just sent ("what else?",
    "tell me more": KnowledgeIndex.asks_for_more) and the replies would quote nothing new: then the
    best passage not yet quoted in the session (``sent_before``) that answers the question (read
    with the one before), or, when none does, that this is all the articles say, with the topics
    (session 37's visitor tester got the same passage again for "what else?", "more" and "ok and?")."""
    quoted = {p for m in replies if kind_of(m) == ANSWER for p in (m.get("custom") or {}).get("passages") or []}
    read = just_sent | sent_before
    if not just_sent or (quoted and not quoted <= read) or not index.asks_for_more(text):
        return replies
    hint = None if intent in NOT_A_QUESTION_INTENTS else intent
    answer = index.answer(text, hint, entities, context, previous=previous, exclude=read)
    if answer.found and not {p.id for p in answer.passages} & read:
        return answer_messages(answer, clinic)
    return [said(clinic.say("nothing_more"), INFO, topic_buttons(index.menu), reason="nothing_more")]


MAX_QUESTIONS_LEFT = 3


def with_own_clinician(replies: list[Message], pointer: Message) -> list[Message]:
    """``replies`` with the pointer to the visitor's own clinician (a midwife, a child's doctor)
    after the answer or the honest no, before the suggestions and the booking prompt; none when
    the reply answered nothing (a greeting, guidance) or is the front desk's ("do you see kids?")."""
    answered = [i for i, m in enumerate(replies) if kind_of(m) in (ANSWER, CITATION, NO_ANSWER)]
    if not answered or front_desk_only(replies):
        return replies
    at = answered[-1] + 1
    return [*replies[:at], pointer, *replies[at:]]


# A visitor putting right what they wrote, in the same message ("... Sorry, I meant ...").
_SELF_CORRECTION = re.compile(
    r"[.,!?;]\s*(?:(?:sorry|no|oops|wait|actually|or rather)[\s,]+)*(?:i meant(?: to say)?|what i meant (?:was|is)|"
    r"i mean to say)\b[\s,:]*", re.IGNORECASE)


def corrected(text: str) -> str:
    """What follows the visitor's last correction of what they wrote ("I think I have restless
    legs. Sorry, I meant my legs jerk while I'm asleep" -> "my legs jerk while I'm asleep"); the
    text as it is when there is none, or nothing follows it."""
    found = list(_SELF_CORRECTION.finditer(text))
    rest = text[found[-1].end():] if found else ""
    return rest if rest.strip(" .!?") else text


def front_desk_only(replies: Sequence[Message]) -> bool:
    """Whether the reply is the front desk's (a practical question no passage answers) and no passage."""
    return (bool(replies) and (replies[0].get("custom") or {}).get("reason") == PRACTICAL
            and not any(kind_of(m) == ANSWER for m in replies))


def questions_left(index: KnowledgeIndex, text: str, replies: Sequence[Message]) -> list[str]:
    """The questions of a message of several ("Does poor sleep make pain worse? And what is
    CBT-I? Also do you take insurance?") that the replies did not answer: each asked alone
    would get a passage or the front desk that the replies did not give."""
    questions = questions_of(text)
    if len(questions) < 2:
        return []
    sent = {p for reply in replies for p in (reply.get("custom") or {}).get("passages") or []}
    practical_sent = any((reply.get("custom") or {}).get("reason") == PRACTICAL for reply in replies)
    left = []
    for question in questions:
        alone = index.answer(question)
        if alone.found and not {p.id for p in alone.passages} & sent:
            left.append(question)
        elif alone.reason == PRACTICAL and not practical_sent:
            left.append(question)
    return left[:MAX_QUESTIONS_LEFT]


def reply_to_question(
    index: KnowledgeIndex,
    clinic: Clinic,
    text: str,
    intent: str | None,
    entities: Iterable[tuple[str, str]] = (),
    context: Iterable[str] = (),
    ranking: Sequence[str] = (),
    previous: str = "",
) -> list[Message]:
    """``ranking`` is the NLU's intents, best first; it matters when ``intent`` is the fallback.
    ``previous`` is the visitor's question before this one (for a follow-up)."""
    entities = list(entities)
    chosen_passage = next((str(v) for e, v in entities if e == Entity.PASSAGE), None)
    if chosen_passage and index.passage(chosen_passage):
        return answer_messages(index.chosen(chosen_passage), clinic)
    # A button sends "/intent{...}": its words are not the visitor's, only its entities count.
    chosen = text.startswith("/")
    words = "" if chosen else text
    meant = corrected(words)
    if meant != words:
        # "I think I have restless legs. Sorry, I meant my legs jerk while I'm asleep": what was
        # meant is the question; the NLU read the whole, so its guess and what it found in the
        # words taken back say nothing (session 25's tester: the diagnosis refusal, then RLS).
        words = meant
        entities = [(e, v) for e, v in entities if str(v).lower() in words.lower()]
        intent, ranking = Intent.NLU_FALLBACK, ()
    if not chosen and index.says_nothing(words):
        # "...", "😴😩", "hmm": nothing asked; the model's guess for it means nothing either.
        return not_a_question_messages(clinic, index, Intent.NLU_FALLBACK, Answer((), None, 0.0, "no_words"))
    if not chosen and index.asks_about_privacy(words):
        # "what do you keep about me?", "please delete my chat": how the chat treats their data.
        return privacy_messages(clinic)
    if not chosen and index.asks_about_sources(words):
        # "who wrote this info, is it reviewed by a doctor": the articles and their reviewers
        # (session 32's tester got "I'm a computer program").
        return sources_messages(clinic, index.articles)
    if not chosen and index.asks_for_emergency_numbers(words):
        # "what number do I call in an emergency?": asked ahead (a red flag was checked first).
        return emergency_numbers_messages(clinic)
    if not chosen and index.complains(words) and not asks_something(words):
        # "stop sending me the same links": not another passage.
        return complaint_messages(clinic)
    if not chosen and index.asks_about_a_dose(words):
        # "ok but is 10mg too much", "how much should I take?" after a question on a medicine:
        # the refusal, though the NLU found no medicine named.
        return respond_to_medicine_question(index, clinic, words, entities, context, previous)
    asked = intent
    unsure = intent in NOT_A_QUESTION_INTENTS
    if unsure:
        # The NLU was not confident, or found no health question: its best other guess may
        # still be answered, but only when the words or a named term point to a passage.
        intent = next((name for name in ranking if name not in NOT_A_QUESTION_INTENTS), None)
    if intent == Intent.ASK_DIAGNOSIS and not unsure and index.tells_a_diagnosis(words, context):
        # "I have fibromyalgia, does it affect sleep?" asks about a diagnosis the visitor has, not
        # for one: answered as a question with no intent to hint at a passage (session 37's visitor
        # tester got only the refusal).
        intent = None
    if intent == Intent.ASK_DIAGNOSIS and not unsure:
        # Never "you have ...": general information about the condition, then a referral.
        answer = index.answer(words, Intent.ASK_DISORDER, entities, context, previous=previous)
        opening = [said(clinic.say("no_diagnosis"), REFUSAL)]
        if not answer.found:
            return opening + no_answer_messages(clinic, index.menu, answer)
        return opening + answer_messages(answer, clinic)[:-1] + booking_messages(clinic)
    answer = index.answer(words, intent, entities, context, unsure=unsure, chosen=chosen, previous=previous,
                          out_of_scope=asked == Intent.OUT_OF_SCOPE)
    # "Is this PLMD?", "will CBT-I cure my insomnia?": the passage sent alone reads as a yes, so the
    # refusal to diagnose, or to promise results, comes first; "should I stop my CPAP?" first gets
    # that a treatment is changed with whoever prescribed it.
    refusal = None if chosen else ("no_diagnosis" if index.asks_whether_has(words, context)
                                   else "no_promise" if index.asks_for_a_promise(words)
                                   else "no_change" if index.asks_to_change_treatment(words) else None)
    if refusal:
        opening = [said(clinic.say(refusal), REFUSAL)]
        if answer.found:
            return opening + answer_messages(answer, clinic)
        return opening + no_answer_messages(clinic, index.menu, answer)
    if answer.found:
        return answer_messages(answer, clinic)
    practical = answer.reason == PRACTICAL  # about health care, if not answered by a passage
    # "can you at least tell me the success rate" asks for a figure about results: the honest no
    # with the referral, not "not sure I understood" (session 36's visitor tester).
    related = practical or answer.condition or index.number_questions.asks(words)
    if unsure and not related and answer.score < index.weights.related_threshold:
        return not_a_question_messages(clinic, index, asked, answer)
    return no_answer_messages(clinic, index.menu, answer)


def booking_replies(index: KnowledgeIndex, clinic: Clinic, text: str) -> list[Message]:
    """The offer to book; for a request that also asks a practical detail the offer does not
    answer (a cost, the wait, a video visit), the front desk's reply with the booking links; for
    one that asks for a promise of results, the line that none can be given first."""
    if index.asks_booking_details(text):
        return no_answer_messages(clinic, index.menu, Answer((), None, 0.0, PRACTICAL))
    if index.asks_for_a_promise(text):
        # "Will Dr Kohler be able to cure my sciatica?" read as a request to book: the offer alone
        # reads as a yes (session 34's exploratory tester).
        return [said(clinic.say("no_promise"), REFUSAL)] + booking_messages(clinic)
    return booking_messages(clinic)


# What a request to book says: a visit, an appointment, seeing the doctor or someone, coming in.
# "book" as a thing read ("when i read a book in bed") is not one (session 48's visitor tester got
# the offer to book alone, for a question on numb fingers the carpal tunnel article answers).
_ASKS_TO_BOOK = re.compile(
    r"\b(?:book(?:s|ing|ed)?|appointments?|consult(?:ation|ations)?s?|schedul\w*|arrange|visit|"
    r"sign (?:me|us|him|her) up|come in\w*|become a patient|see (?:dr|doctor|the doctor|someone|somebody|a "
    r"specialist|him|kohler)|meet|slot|available|referral|in person|(?:speak|talk) (?:with|to))\b",
    re.IGNORECASE)
_A_BOOK_READ = re.compile(r"\b(?:a|the|my|his|her|their|this|that|your|good)\s+book\b", re.IGNORECASE)


def asks_to_book(text: str) -> bool:
    """Whether the message says it wants a visit (a request to book's words), not only a book read."""
    return bool(_ASKS_TO_BOOK.search(_A_BOOK_READ.sub(" ", text)))


def answer_in_booking(
    index: KnowledgeIndex, clinic: Clinic, text: str, context: Iterable[str] = (), previous: str = "",
) -> list[Message]:
    """The vetted answer to a health question the NLU read as a request to book ("if I ignore my
    numb fingers can the damage become permanent?"): only one that says nothing of a visit, and
    with the confidence asked of a question the NLU put out of scope; [] otherwise (the offer to
    book, as before)."""
    words = "" if text.startswith("/") else text
    if not words.strip() or asks_to_book(words) or index.asks_practical(words) or index.says_nothing(words):
        return []
    # A story without a question mark answers too ("my fingers go numb when i read a book in bed").
    answer = index.answer(words, None, (), context, unsure=True, previous=previous, out_of_scope=True)
    if answer.found:
        return answer_messages(answer, clinic)
    if index.names_what_it_covers(words) and index.asks_something(words):
        # A question on a covered subject that no passage answers well enough gets the honest no,
        # with the booking links, not the offer to book alone (session 48's second tester: "i read a
        # book in bed every night and lately my heel throbs, whats causing it").
        return respond_to_question(index, clinic, words, None, (), context, (), previous)
    return []


# Below this confidence the NLU's "a medicine question" counts only for a message that speaks of a
# medicine (its words, a remedy no article names, a dose).
MEDICINE_INTENT_SURE = 0.6


def respond_to_medicine_question(
    index: KnowledgeIndex, clinic: Clinic, text: str, entities: Iterable[tuple[str, str]] = (),
    context: Iterable[str] = (), previous: str = "", confidence: float = 1.0,
) -> list[Message]:
    """Never a dose or a prescription: the refusal first; then, when the words clearly point to
    one, the vetted passage on the subject (general information, e.g. therapy without pills),
    else the honest "no vetted answer" (as for a diagnosis question: the visitor asked
    something, and the report and the desk's inbox must see it went unanswered); then the
    booking prompt."""
    opening = [said(clinic.say("no_dosing"), REFUSAL)]
    text, entities, context = without_set_aside(index, text, entities, context)
    words = "" if text.startswith("/") else text
    # The NLU never learnt the words of an article staff added: "whats plantar fasciitis exactly"
    # was a medicine question to it, sure (session 48's second visitor tester got the refusal first).
    unsure = confidence < MEDICINE_INTENT_SURE or speaks_of_surgery(words) or index.names_a_title_subject(words)
    if words and unsure \
            and not speaks_of_medicine(index.in_plain_words(words)) \
            and not index.asks_about_a_dose(words) and not _names_a_remedy(index, words, entities):
        # "ok, different thing — what's sleep hygiene?" (a medicine question at 0.42) got the refusal
        # to advise on medicines before its answer (session 31's second exploratory tester); so did
        # a question on recovery after surgery, the NLU sure (session 44's visitor tester).
        return respond_to_question(index, clinic, text, Intent.NLU_FALLBACK, entities, context, (), previous)
    rest = without_declined_medicine(words)
    if words and rest != words and not speaks_of_medicine(index.in_plain_words(rest)) \
            and not index.asks_about_a_dose(words) and not _names_a_remedy(index, rest, ()):
        # "is there therapy for sleep instead of pills?" asks what else helps: no refusal first.
        kept = [(entity, value) for entity, value in entities if str(value).lower() in rest.lower()]
        return respond_to_question(index, clinic, text, Intent.NLU_FALLBACK, kept, context, (), previous)
    # The intent says nothing about which passage: only the words and the named terms count.
    answer = index.answer(words, None, entities, context, unsure=True, previous=previous)
    if answer.reason == PRACTICAL and "treatment" not in index.terms_in(words, entities).values():
        # A practical question that names no medicine ("do you take Medicare?") is not about one.
        return no_answer_messages(clinic, index.menu, answer)
    if not answer.found:
        return opening + no_answer_messages(clinic, index.menu, answer)
    return opening + answer_messages(answer, clinic)[:-1] + booking_messages(clinic)


def _names_a_remedy(index: KnowledgeIndex, words: str, entities: Iterable[tuple[str, str]]) -> bool:
    """Whether the words name a treatment no article covers (melatonin, sleeping pills: terms.yml),
    other than an operation (knee surgery)."""
    return any(kind == Entity.TREATMENT and term not in index.covered_terms
               and not speaks_of_surgery(index.vocabulary.get(term).name)
               for term, kind in index.terms_in(words, entities).items())


def respond_after_screening(
    index: KnowledgeIndex, clinic: Clinic, asked: str, context: Iterable[str] = (),
) -> list[Message]:
    """"No" to the screening question: thanks, then the reply to the question the visitor asked
    in the message that raised it (``asked``), as to any question whose intent is unsure: a
    passage, the honest no or the front desk's reply. An alarming-sounding question still gets
    its answer, and one no passage answers is not dropped (session 32's tester: "do you take
    medicare", asked about suicide, got "What would you like to know?" after "No"). A message
    that asked nothing ("I feel so low tonight") gets the topics."""
    words = "" if asked.startswith("/") else asked
    asks = index.asks_something(words)
    replies = respond_to_question(index, clinic, words, Intent.NLU_FALLBACK, (), context) if asks else []
    if not any(kind_of(m) in (ANSWER, NO_ANSWER) for m in replies):
        return [said(clinic.say("screening_cleared"), INFO, topic_buttons(index.menu))]
    return [said(clinic.say("screening_cleared_then_answer"), INFO)] + replies


_OWN_CONFUSION = re.compile(
    r"\bi (?:still )?(?:didn'?t|did not|don'?t|do not|couldn'?t|could not) (?:really |quite |fully )?"
    r"(?:understand|get it|follow)\b|\bi(?:'m| am| was) (?:so |a bit |really )?confused\b", re.I)
_TO_THE_ASSISTANT = re.compile(r"\b(?:you|your|u|ur|you'?re|you'?ve)\b", re.I)


def tells_own_confusion(text: str) -> bool:
    """The visitor says they did not understand something, and says nothing to the assistant."""
    return bool(_OWN_CONFUSION.search(text)) and not _TO_THE_ASSISTANT.search(text)


def respond_to_misunderstanding(
    index: KnowledgeIndex, clinic: Clinic, red_flag_raised: str | None, asked: str = "", context: Iterable[str] = (),
    text: str = "",
) -> list[Message]:
    """"You misunderstood". After a red flag: where help is, once more (the visitor may still
    need it), then the vetted answer to what the red-flag message (``asked``) asked, if a
    passage answers it: otherwise a visitor misread as an emergency would get the alarm again
    for the same question. Without a red flag: an apology and the topics. Either way, a question
    of the message itself (``text``: "I'm not suicidal, I just meant the pillows. can you tell me
    about sleep hygiene?") is answered where the red-flag message's is not, after the apology."""
    if red_flag_raised and gets_worse(text):
        # "its getting worse" is no misreading: where help is, urgently, as after any message.
        return [where_help_is(red_flag_raised, text, clinic)]
    asked_again = restated(text)
    answered_here = answer_to_what_was_asked(index, clinic, asked_again, context)
    if not red_flag_raised:
        if answered_here and tells_own_confusion(text):
            # "what is the plantar fascia? my podiatrist said it but i didnt understand": the
            # visitor did not understand someone else; no apology for misreading (session 46's tester).
            return answered_here
        if answered_here:
            return [said(clinic.say("misunderstood_then_answer"), INFO)] + answered_here
        if asked_again != text and asks_something(asked_again):
            # "thats not what i asked. i asked why 3am specifically": the question told again has no
            # vetted answer; saying so beats "could you tell me again?" (session 31's tester).
            words = "" if asked_again.startswith("/") else asked_again
            return no_answer_messages(clinic, index.menu, index.answer(words, None, (), context, unsure=True))
        return [said(clinic.say("misunderstood"), INFO, topic_buttons(index.menu))]
    replies = [safety_repeat(clinic, red_flag_raised)]
    answered = answer_to_what_was_asked(index, clinic, asked, context) or answered_here
    if answered:
        replies += [said(clinic.say("misunderstood_then_answer"), INFO)] + answered
    elif red_flag_raised == "emergency":
        # No passage answers what was asked: the visitor is asked again, with the topics, not left
        # with the emergency line alone (session 37's visitor tester retyped the question unasked).
        # After crisis guidance the line stays alone: "you misunderstood" may not be the whole story.
        replies.append(said(clinic.say("misunderstood"), INFO, topic_buttons(index.menu)))
    return replies


def with_numbers_when_asked_ahead(
    asked_ahead: bool, clinic: Clinic, text: str, replies: Sequence[Message],
) -> list[Message]:
    """The replies, after the emergency numbers (as information, not an alert) when the message
    asks ahead what to do in an emergency or when to call (``asked_ahead``: the red-flag
    component read it so, RedFlagRules.asked_ahead: "what should I do if I ever get chest pain at
    night?", "if someone stops breathing, what should you do?"); they got "no medically reviewed
    answer" and the booking prompt alone (session 31's exploratory tester). Never before guidance
    or the screening question, which come first."""
    replies = list(replies)
    if (text.startswith("/") or any(kind_of(r) in (ALERT, SCREENING) for r in replies)
            or any((r.get("custom") or {}).get("reason") == "emergency_numbers" for r in replies)):
        return replies
    return emergency_numbers_messages(clinic) + replies if asked_ahead else replies


def read_as_chat(index: KnowledgeIndex, intent: str | None, text: str) -> bool:
    """Whether a message of this intent may be a health question the NLU read as chat (see
    answer_read_as_chat): names.READ_AS_CHAT, or names.READ_AS_CHAT_WHEN_NAMED when it names
    something the library covers."""
    return intent in READ_AS_CHAT or (intent in READ_AS_CHAT_WHEN_NAMED and not text.startswith("/")
                                      and index.names_what_it_covers(text))


def answer_read_as_chat(
    index: KnowledgeIndex, clinic: Clinic, text: str, context: Iterable[str] = (), previous: str = "",
) -> list[Message]:
    """The vetted answer to a message the NLU read as chat ("no", "bye", "yes", "what can you do?",
    another language; assistant.names.READ_AS_CHAT) though it asks a health question in words it
    never saw ("legs go all fidgety at bedtime, gotta move em. is that a thing" read as a "no" got
    the closing): the intent is a hint, not a gate. Only a message that asks something, and only
    with the confidence asked of a question the NLU put out of scope (Weights.out_of_scope_margin):
    a plain "no thanks" or "bye, thanks for the info on insomnia" still gets the chat reply. []
    when it does not."""
    words = "" if text.startswith("/") else text
    if not index.asks_something(words) or index.says_nothing(words):
        return []
    if index.asks_about_a_dose(words):
        return respond_to_medicine_question(index, clinic, words, (), context, previous)
    return _answer_if_asked(index, clinic, words, context, previous, out_of_scope=True)


def answer_in_greeting(
    index: KnowledgeIndex, clinic: Clinic, text: str, context: Iterable[str] = (), previous: str = "",
) -> list[Message]:
    """The reply to a health question or story the NLU read as a greeting or a chat client's
    opening ("hello, what is plantar fasciitis?", "can i wear the splint all night from the start",
    "my heel pain started after I started a new job": session 44's visitor tester got the greeting
    alone): as to any message whose intent is unsure, when it asks something or names a condition
    or treatment the library covers, and only when that reply answers or says honestly that no
    vetted answer exists. [] otherwise ("hi", "hello?", a widget's /get_started): the greeting."""
    words = "" if text.startswith("/") else text
    if not words or index.says_nothing(words) or not (index.asks_something(words) or index.names_what_it_covers(words)):
        return []
    replies = respond_to_question(index, clinic, words, Intent.NLU_FALLBACK, (), context, (), previous)
    return replies if any(kind_of(m) in (ANSWER, NO_ANSWER) for m in replies) else []


# "that's not what I asked. I asked why 3am specifically": the question told again follows.
_RESTATED = re.compile(r"\bi (?:just |only |simply |really )?(?:asked|meant|was asking|am asking|wanted to know|"
                       r"want to know)(?: about)?\s+", re.IGNORECASE)


def restated(text: str) -> str:
    """The question a visitor tells again after "that's not what I asked" (what follows their last
    "I asked ..."), else the text as it is."""
    found = list(_RESTATED.finditer(text))
    rest = text[found[-1].end():] if found else ""
    return rest if rest.strip(" .!?") else text


def answer_to_what_was_asked(
    index: KnowledgeIndex, clinic: Clinic, asked: str, context: Iterable[str],
) -> list[Message]:
    """The vetted answer to a message the NLU read as a red flag, [] when it asked nothing or no
    passage answers it. Its intent was the red flag's: only the words and the conversation count.
    "I feel so low tonight" asks nothing, and a passage after it would read as a comment on it."""
    return _answer_if_asked(index, clinic, asked, context)


def _answer_if_asked(
    index: KnowledgeIndex, clinic: Clinic, text: str, context: Iterable[str], previous: str = "",
    out_of_scope: bool = False,
) -> list[Message]:
    """The vetted answer to a message whose intent says nothing of what it asks (chat, a red
    flag): by its words and the conversation only; [] when it asks nothing (a button's payload
    asks nothing) or no passage answers it."""
    words = "" if text.startswith("/") else text
    if not index.asks_something(words):
        return []
    answer = index.answer(words, None, (), context, unsure=True, previous=previous, out_of_scope=out_of_scope)
    return answer_messages(answer, clinic) if answer.found else []


def not_a_question_messages(clinic: Clinic, index: KnowledgeIndex, intent: str | None, answer: Answer) -> list[Message]:
    """Out of scope or not understood: say so, with the topics (and what retrieval found)."""
    unanswered = "out_of_scope" if intent == Intent.OUT_OF_SCOPE else "not_understood"
    key = "out_of_scope" if intent == Intent.OUT_OF_SCOPE else "fallback"
    return [said(clinic.say(key), INFO, topic_buttons(index.menu), unanswered=unanswered, reason=answer.reason,
                 score=round(answer.score, 3))]
