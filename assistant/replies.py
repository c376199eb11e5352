"""The messages the assistant sends, composed from vetted passages and approved wording.

Each message is a dict of ``CollectingDispatcher.utter_message`` arguments (text, buttons).
Nothing here writes medical content: passages are quoted, fixed wording comes from
knowledge/messages.yml and details from knowledge/clinic.yml.
"""

from __future__ import annotations

from typing import Any, Iterable

from assistant.articles import Passage, shorten
from assistant.clinic import Clinic
from assistant.red_flags import KINDS
from assistant.retrieval import Answer
from assistant.topics import Topic

Message = dict[str, Any]
MAX_PASSAGE_CHARS = 700  # longer passages are cut at a sentence boundary
MAX_BUTTONS = 4


def topic_buttons(topics: Iterable[Topic]) -> list[dict[str, str]]:
    return [{"title": t.title, "payload": t.payload} for t in list(topics)[:MAX_BUTTONS]]


def citation(passage: Passage, clinic: Clinic) -> str:
    article = passage.article
    reviewed = clinic.say("citation_reviewed_by", reviewer=article.medical_reviewer)
    if article.reviewed_on:
        reviewed += ", " + clinic.say("citation_last_reviewed", date=article.reviewed_on.isoformat())
    where = article.title if passage.section == "Introduction" else f"{article.title}, section “{passage.section}”"
    text = f"Source: {where}. {reviewed}."
    return f"{text} {article.source_url}" if article.source_url else text


def answer_messages(answer: Answer, clinic: Clinic) -> list[Message]:
    """The passages verbatim, one citation per article section set, then a next step."""
    messages: list[Message] = []
    several = len(answer.passages) > 1
    for passage in answer.passages:
        text = shorten(passage.text, MAX_PASSAGE_CHARS)
        # With several passages, the heading says which is which (it is the article's own).
        messages.append({"text": f"{passage.section}: {text}" if several and passage.headings else text})
        messages.append({"text": citation(passage, clinic)})
    messages.append({"text": clinic.say("anything_else"), "buttons": topic_buttons(answer.related)})
    return messages


def no_answer_messages(clinic: Clinic, suggestions: Iterable[Topic]) -> list[Message]:
    return [{"text": clinic.say("no_vetted_answer"), "buttons": topic_buttons(suggestions)}] + booking_messages(clinic)


def booking_messages(clinic: Clinic) -> list[Message]:
    return [
        {
            "text": clinic.say("booking_prompt"),
            "buttons": [
                {"title": clinic.say("book_online_button"), "payload": clinic.booking_url,
                 "type": "web_url", "url": clinic.booking_url},
                {"title": clinic.say("call_button"), "payload": clinic.phone_link,
                 "type": "web_url", "url": clinic.phone_link},
            ],
        }
    ]


def closing_messages(clinic: Clinic) -> list[Message]:
    """The end of every conversation: the disclaimer, then the booking prompt."""
    return [{"text": clinic.say("disclaimer")}] + booking_messages(clinic)


def emergency_messages(kind: str, clinic: Clinic) -> list[Message]:
    """The guidance for a red flag of this kind (its approved message has the kind's name, see
    assistant.red_flags.KINDS); an unknown kind gets the emergency message."""
    return [{"text": clinic.say(kind if kind in KINDS else "emergency")}]


def crisis_screening_messages(clinic: Clinic) -> list[Message]:
    """The direct, kind question when a message may be about suicide or self-harm; the crisis
    line is in the question itself, so it is shown whatever the visitor answers."""
    return [{
        "text": clinic.say("crisis_screening"),
        "buttons": [
            {"title": clinic.say("screening_yes_button"), "payload": "/affirm"},
            {"title": clinic.say("screening_no_button"), "payload": "/deny"},
        ],
    }]
