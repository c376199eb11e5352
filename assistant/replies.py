"""The messages the assistant sends, composed from vetted passages and approved wording.

Each message is a dict of ``CollectingDispatcher.utter_message`` arguments (text, buttons,
custom). ``custom`` says what the message is (its ``kind``, one of KINDS_OF_MESSAGE) and, for
an answer or citation, the ids of the passages it quotes: the widget and the report read that,
never the wording. Nothing here writes medical content: passages are quoted, fixed wording
comes from knowledge/messages.yml and details from knowledge/clinic.yml.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from assistant.articles import MAX_PASSAGE_CHARS, Article, Passage, shorten
from assistant.clinic import Clinic, retention_days, tel_link
from assistant.names import Entity, Intent, payload
from assistant.red_flags import KINDS
from assistant.retrieval import ASKS_FOR_TREATMENT, PRACTICAL, Answer
from assistant.topics import Topic

Message = dict[str, Any]
MAX_BUTTONS = 4
# A passage button sends an intent that the rules route to the answer action, with the passage
# id as its ``passage`` entity (domain.yml): the action sends that passage, whatever the intent.
PASSAGE_BUTTON_INTENT = Intent.ASK_DISORDER
# The guidance that offers "That's not what I meant" (see emergency_messages).
MISREAD_BUTTON_KINDS = ("emergency", "poisoning")

# What a message is, for the widget (a citation goes under its answer, an alert gets call
# links) and the report (which turns found no vetted answer).
ANSWER = "answer"  # a vetted passage, verbatim
CITATION = "citation"  # the source of the answer before it
SUGGESTION = "suggestion"  # "anything else?" with related topics, or the other close passage
NO_ANSWER = "no_answer"  # the honest "no medically reviewed answer", with the referral
ALERT = "alert"  # emergency, crisis or poisoning guidance
SCREENING = "screening"  # the direct question when a message may be about self-harm
REFUSAL = "refusal"  # no diagnosis, no dosing
CLOSING = "closing"  # the medical disclaimer that ends a conversation
BOOKING = "booking"  # the booking prompt with its links
INFO = "info"  # greeting, what the assistant covers, not understood, goodbye
KINDS_OF_MESSAGE = (ANSWER, CITATION, SUGGESTION, NO_ANSWER, ALERT, SCREENING, REFUSAL, CLOSING, BOOKING, INFO)


def said(text: str, kind: str, buttons: list[dict[str, str]] | None = None, **details: Any) -> Message:
    """One message: its text, its buttons, and what it is (``custom``: the kind and details such
    as ``passages``, retrieval's ``reason`` and ``score``, the ``condition`` not covered, or
    ``unanswered``: "out_of_scope", "not_understood" or "other_language", for the report)."""
    message: Message = {"text": text, "custom": {"kind": kind, **details}}
    if buttons is not None:
        message["buttons"] = buttons
    return message


def kind_of(message: Message) -> str | None:
    custom = message.get("custom")
    return custom.get("kind") if isinstance(custom, dict) else None


def topic_buttons(topics: Iterable[Topic]) -> list[dict[str, str]]:
    return [{"title": t.title, "payload": t.payload} for t in list(topics)[:MAX_BUTTONS]]


def with_review_date(line: str, article: Article, clinic: Clinic) -> str:
    """``line`` (which names the article's reviewer), then when it was last reviewed, if known."""
    if not article.reviewed_on:
        return line
    return line + ", " + clinic.say("citation_last_reviewed", date=article.reviewed_on.isoformat())


def citation(passage: Passage, clinic: Clinic, headings: tuple[str, ...] | None = None) -> str:
    """The passage's source; ``headings`` (its section's) for several passages of one section."""
    article = passage.article
    reviewed = with_review_date(clinic.say("citation_reviewed_by", reviewer=article.medical_reviewer), article, clinic)
    # A sub-section is cited with its section: the article has two "Restless Leg Syndrome (RLS)"
    # sub-sections, sent together, whose citations read the same (session 31's exploratory tester).
    headings = passage.headings if headings is None else headings
    where = article.title if not headings else f"{article.title}, section “{' › '.join(headings)}”"
    text = f"Source: {where}. {reviewed}."
    return f"{text} {article.source_url}" if article.source_url else text


MAX_BUTTON_TITLE = 60


def question_button(question: str) -> dict[str, str]:
    """A button that asks the visitor's own question again, alone (its words are the payload)."""
    title = question if len(question) <= MAX_BUTTON_TITLE else question[: MAX_BUTTON_TITLE - 1].rstrip() + "…"
    return {"title": title, "payload": question}


def passage_button(passage: Passage) -> dict[str, str]:
    """A button that sends this very passage (the answer action reads the ``passage`` entity)."""
    entities = json.dumps({Entity.PASSAGE: passage.id}, separators=(",", ":"))
    # An article's opening passage by the title's main part ("Sleep Disorders and Musculoskeletal
    # Pain", not its whole subtitle: session 34's tester), as a button's words are few.
    return {"title": passage.section if passage.headings else passage.article.title.split(":")[0].strip(),
            "payload": payload(PASSAGE_BUTTON_INTENT) + entities}


def answer_messages(answer: Answer, clinic: Clinic) -> list[Message]:
    """The passages verbatim, each with its citation, then a next step: the passage that fits
    almost as well (a button), or the related topics."""
    messages: list[Message] = []
    several = len(answer.passages) > 1
    outcome = retrieval_outcome(answer)
    # The passages of one section sent one after another are one message with one citation (a
    # widget shows a citation under the message it follows).
    run: list[Passage] = []
    shown: list[str] = []
    for position, passage in enumerate(answer.passages):
        # A long passage: the run of its sentences that answers the question (retrieval's choice).
        text = answer.excerpts[position] if answer.excerpts else shorten(passage.text, MAX_PASSAGE_CHARS)
        # With several passages, the heading says which is which (it is the article's own).
        shown.append(f"{passage.section}: {text}" if several and passage.headings else text)
        run.append(passage)
        following = answer.passages[position + 1] if position + 1 < len(answer.passages) else None
        if following is None or _section_of(following) != _section_of(passage) or not passage.headings:
            ids = [p.id for p in run]
            messages.append(said("\n\n".join(shown), ANSWER, passages=ids, **outcome))
            headings = run[0].headings[:1] if len(run) > 1 else None
            messages.append(said(citation(passage, clinic, headings), CITATION, passages=ids))
            run, shown = [], []
    if answer.alternative:
        messages.append(said(clinic.say("also_see"), SUGGESTION, [passage_button(answer.alternative)],
                             passages=[answer.alternative.id]))
    # A passage that ends by announcing a list ("Consider the following strategies:") is followed
    # by the list's topics as buttons, said as such, not by "anything else?".
    announces_list = bool(answer.related) and answer.passages[-1].text.rstrip().endswith(":")
    messages.append(said(clinic.say("list_follows" if announces_list else "anything_else"), SUGGESTION,
                         topic_buttons(answer.related)))
    return messages


def _section_of(passage: Passage) -> tuple[str, str | None]:
    return passage.article.slug, passage.headings[0] if passage.headings else None


def retrieval_outcome(answer: Answer) -> dict[str, Any]:
    """What the report reads about an answer turn: why, how sure, and what came next."""
    outcome: dict[str, Any] = {"reason": answer.reason, "score": round(answer.score, 3)}
    if answer.runner_up:
        outcome["runner_up"] = list(answer.runner_up)
    if answer.condition:
        outcome["condition"] = answer.condition
    return outcome


def no_answer_messages(clinic: Clinic, suggestions: Iterable[Topic], answer: Answer | None = None) -> list[Message]:
    """The honest no, naming the condition where one was named, with the referral and booking."""
    condition = answer.condition if answer else None
    outcome = retrieval_outcome(answer) if answer else {"reason": "not_asked"}
    if answer and answer.reason == PRACTICAL:
        # Costs, insurance, appointments: the front desk's to answer, not an article's; the
        # visitor gets how to reach it, not "no medically reviewed answer" and a booking pitch.
        return [said(clinic.say("practical_question"), NO_ANSWER, booking_buttons(clinic), **outcome)]
    key = "no_vetted_answer_on_treatment" if answer and answer.reason == ASKS_FOR_TREATMENT else "no_vetted_answer_on"
    text = clinic.say(key, condition=condition) if condition else clinic.say("no_vetted_answer")
    return [said(text, NO_ANSWER, topic_buttons(suggestions), **outcome)] + booking_messages(clinic)


def booking_buttons(clinic: Clinic) -> list[dict[str, str]]:
    return [
        {"title": clinic.say("book_online_button"), "payload": clinic.booking_url,
         "type": "web_url", "url": clinic.booking_url},
        {"title": clinic.say("call_button"), "payload": clinic.phone_link,
         "type": "web_url", "url": clinic.phone_link},
    ]


def sources_messages(clinic: Clinic, articles: Iterable[Article]) -> list[Message]:
    """"Who wrote this? Is it reviewed by a doctor?": the articles answered from, each with its
    medical reviewer and the date it was last reviewed."""
    lines = [with_review_date(clinic.say("sources_article", title=a.title, reviewer=a.medical_reviewer), a, clinic)
             for a in articles]
    return [said("\n".join([clinic.say("sources_answer"), *(f"- {line}." for line in lines)]), INFO, reason="sources")]


def privacy_messages(clinic: Clinic) -> list[Message]:
    """A question about the visitor's own data: what is kept, for how long, who reads it and how
    to delete it, with a link to the privacy notice."""
    button = {"title": clinic.say("privacy_button"), "payload": clinic.details["privacy_url"],
              "type": "web_url", "url": clinic.details["privacy_url"]}
    return [said(clinic.say("privacy_answer", retention_days=str(retention_days())), INFO, [button],
                 reason="privacy")]


def emergency_number_buttons(clinic: Clinic, poison_control: bool = True) -> list[dict[str, str]]:
    """A call link for each number to call in an emergency (Poison Help's too when asked), and a
    text link for the crisis line."""
    numbers = [(clinic.emergency_number, clinic.emergency_number),
               *([(clinic.poison_control_name, clinic.poison_control_line)] if poison_control else []),
               (clinic.crisis_line_name, clinic.crisis_line)]
    buttons = [{"title": f"Call {title}", "payload": tel_link(number), "type": "web_url", "url": tel_link(number)}
               for title, number in numbers]
    # The crisis line takes texts too ("can I text 988?", session 28's tester).
    text_link = "sms:" + tel_link(clinic.crisis_line).removeprefix("tel:")
    buttons.append({"title": f"Text {clinic.crisis_line}", "payload": text_link, "type": "web_url", "url": text_link})
    return buttons


def emergency_numbers_messages(clinic: Clinic) -> list[Message]:
    """"What number do I call in an emergency?": every number to call, each with a call link, and
    a text link for the crisis line."""
    return [said(clinic.say("emergency_numbers"), INFO, emergency_number_buttons(clinic), reason="emergency_numbers")]


def complaint_messages(clinic: Clinic) -> list[Message]:
    """"You're useless": an apology and how to reach a person (listed as unanswered for staff)."""
    return [said(clinic.say("not_helpful"), INFO, booking_buttons(clinic), unanswered="complaint")]


def booking_messages(clinic: Clinic, after_alert: bool = False) -> list[Message]:
    text = clinic.say("booking_prompt_after_alert" if after_alert else "booking_prompt")
    return [said(text, BOOKING, booking_buttons(clinic))]


def closing_messages(clinic: Clinic, after_alert: bool = False) -> list[Message]:
    """The end of every conversation: the disclaimer, then the booking prompt (``after_alert``:
    the closing of the turn that got emergency, poisoning or crisis guidance, whose booking
    prompt is no pitch)."""
    return [said(clinic.say("disclaimer"), CLOSING)] + booking_messages(clinic, after_alert)


def emergency_messages(kind: str, clinic: Clinic, with_signs: bool = False, with_crisis: bool = False) -> list[Message]:
    """The guidance for a red flag of this kind (its approved message has the kind's name, see
    assistant.red_flags.KINDS); an unknown kind gets the emergency message. Emergency and
    poisoning guidance carry "That's not what I meant", which answers what the message asked
    (after where help is, once more): most false alarms are general questions about an
    emergency. Crisis guidance has none: an unsure crisis gets the screening question instead."""
    kind = kind if kind in KINDS else "emergency"
    buttons = [{"title": clinic.say("misread_button"), "payload": payload(Intent.SAY_MISUNDERSTOOD)}]
    # An overdose told with an emergency's signs: the poisoning guidance with 911 first; an
    # emergency that is a crisis too: the emergency guidance that keeps the crisis line.
    if kind == "poisoning" and with_signs:
        text = clinic.say("poisoning_with_signs")
    else:
        text = clinic.say("emergency_with_crisis" if kind == "emergency" and with_crisis else kind)
    # A crisis has no "That's not what I meant" (see above), told with an emergency or not.
    misread = kind in MISREAD_BUTTON_KINDS and not (kind == "emergency" and with_crisis)
    return [said(text, ALERT, buttons if misread else None, alert=kind)]


def safety_repeat(clinic: Clinic, kind: str | None) -> Message:
    """Where help is, once more, for the kind of guidance the visitor says was a misreading: after
    emergency or poisoning guidance the emergency number first, else the crisis line."""
    if kind in ("emergency", "poisoning"):
        return said(clinic.say("safety_repeat_emergency"), ALERT, alert="emergency")
    return said(clinic.say("safety_repeat"), ALERT, alert="crisis")


def crisis_screening_messages(clinic: Clinic) -> list[Message]:
    """The direct, kind question when a message may be about suicide or self-harm; the crisis
    line is in the question itself, so it is shown whatever the visitor answers."""
    return [said(clinic.say("crisis_screening"), SCREENING, [
        {"title": clinic.say("screening_yes_button"), "payload": payload(Intent.AFFIRM)},
        {"title": clinic.say("screening_no_button"), "payload": payload(Intent.DENY)},
    ], alert="crisis")]
