"""Visitors' conversations as the desk shows them, read from the tracker store (SQLite or PostgreSQL).

Rows of Rasa's ``events`` table become turns: a visitor's message and the bot messages that
answered it, each with what it is (``custom``: kind, passages, retrieval's reason and score).
Visitors' texts are as stored: personal details already replaced (<NAME>, <PHONE> ...).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

import sqlalchemy as sa

from assistant.report import why_unanswered

# An answer this close to the threshold is shown in the inbox as unsure.
LOW_CONFIDENCE_MARGIN = 0.15


@dataclass
class Reply:
    text: str
    kind: str
    custom: dict[str, Any]
    at: float = 0.0


@dataclass
class Turn:
    sender: str
    at: float
    text: str
    replies: list[Reply] = field(default_factory=list)

    def unanswered(self, threshold: float) -> str | None:
        """Why this turn counts as not answered: no vetted answer, not understood, an unsure answer."""
        for reply in self.replies:
            why = why_unanswered({"data": {"custom": reply.custom}})
            if why:
                return why
            if reply.kind == "answer" and reply.custom.get("reason") == "retrieved" and \
                    float(reply.custom.get("score") or 0) < threshold + LOW_CONFIDENCE_MARGIN:
                return "unsure answer"
        return None


@dataclass
class Group:
    key: str
    text: str  # the newest wording
    id: str  # what URLs, the audit log and the dismissed list hold: never the visitor's words
    why: str
    count: int
    last_at: float
    turns: list[Turn]


@dataclass
class Summary:
    sender: str
    started: float
    last: float
    turns: int
    answered: int
    red_flag: bool
    closed: bool


def read_rows(engine: sa.engine.Engine, sender: str | None = None) -> list[tuple[str, str, float, str]]:
    query = "SELECT sender_id, type_name, timestamp, data FROM events WHERE type_name IN ('user', 'bot')"
    params: dict[str, str] = {}
    if sender is not None:
        query += " AND sender_id = :sender"
        params["sender"] = sender
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(query + " ORDER BY id"), params)]


def turns_by_sender(rows: Iterable[tuple[str, str, float, str]]) -> dict[str, list[Turn]]:
    found: dict[str, list[Turn]] = defaultdict(list)
    for sender, type_name, timestamp, data in rows:
        event = json.loads(data)
        if type_name == "user":
            text = str(event.get("text") or "")
            if text.startswith("EXTERNAL: "):  # the inactivity reminder, not the visitor
                continue
            found[sender].append(Turn(sender, float(timestamp or 0), text))
        elif found[sender]:
            custom = (event.get("data") or {}).get("custom")
            custom = custom if isinstance(custom, dict) else {}
            found[sender][-1].replies.append(Reply(str(event.get("text") or ""), str(custom.get("kind") or ""), custom,
                                                   float(timestamp or 0)))
    return dict(found)


def group_key(text: str) -> str:
    """The same question asked alike: case, punctuation and spacing aside."""
    return " ".join(re.sub(r"[^\w<>]+", " ", text.lower()).split())


def question_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def unanswered_groups(conversations: dict[str, list[Turn]], threshold: float,
                      dismissed: Iterable[str] = ()) -> list[Group]:
    """Questions not answered, grouped, the most frequent then the newest first."""
    hidden = set(dismissed)
    groups: dict[str, Group] = {}
    for turns in conversations.values():
        for turn in turns:
            why = turn.unanswered(threshold) if not turn.text.startswith("/") else None
            key = group_key(turn.text)
            if not why or not key or question_id(key) in hidden:
                continue
            group = groups.setdefault(key, Group(key, turn.text, question_id(key), why, 0, 0.0, []))
            group.count += 1
            group.turns.append(turn)
            if turn.at >= group.last_at:
                group.last_at, group.text, group.why = turn.at, turn.text, why
    return sorted(groups.values(), key=lambda g: (-g.count, -g.last_at))


def summaries(conversations: dict[str, list[Turn]], search: str = "") -> list[Summary]:
    """One line per conversation, the newest first; ``search`` keeps those whose visitor
    messages contain it."""
    needle = search.lower().strip()
    found = []
    for sender, turns in conversations.items():
        visitor_turns = [t for t in turns if not t.text.startswith("/")]
        if needle and not any(needle in t.text.lower() for t in turns):
            continue
        kinds = [r.kind for t in turns for r in t.replies]
        found.append(Summary(
            sender, turns[0].at, turns[-1].at, len(visitor_turns),
            sum(1 for t in turns if any(r.kind == "answer" for r in t.replies)),
            any(k in ("alert", "screening") for k in kinds), "closing" in kinds))
    return sorted(found, key=lambda s: -s.last)
