"""Visitors' conversations as the desk shows them, read from the tracker store (SQLite or PostgreSQL).

Rows of Rasa's ``events`` table become turns: a visitor's message and the bot messages that
answered it, each with what it is (``custom``: kind, passages, retrieval's reason and score).
Visitors' texts are as stored: personal details already replaced (<NAME>, <PHONE> ...).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, TypeVar

import sqlalchemy as sa

from assistant.report import why_unanswered

# An answer this close to the threshold is shown in the inbox as unsure.
LOW_CONFIDENCE_MARGIN = 0.15
T = TypeVar("T")


@dataclass(slots=True)
class Reply:
    text: str
    kind: str
    custom: dict[str, Any]
    at: float = 0.0


@dataclass(slots=True)
class Turn:
    sender: str
    at: float
    text: str
    replies: list[Reply] = field(default_factory=list)
    # What the pages worked out from this turn, with the number of replies it had then: the
    # desk keeps its turns between page views (ConversationCache), and a turn only ever gains
    # replies, at the end of its conversation.
    worked_out: dict[Any, tuple[int, Any]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def remembered(self, name: Any, work: Callable[[], T]) -> T:
        """``work()``, done again only once a reply has been added since it was last done."""
        size = len(self.replies)
        found = self.worked_out.get(name)
        if found is None or found[0] != size:
            found = self.worked_out[name] = (size, work())
        return found[1]

    def unanswered(self, threshold: float) -> str | None:
        """Why this turn counts as not answered: no vetted answer, not understood, an unsure answer."""
        return self.remembered(("unanswered", threshold), lambda: self.why_unanswered(threshold))

    def why_unanswered(self, threshold: float) -> str | None:
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
    found: dict[str, list[Turn]] = {}
    for sender, type_name, timestamp, data in rows:
        turns = found.get(sender)
        if turns is not None:
            add_row(turns, sender, type_name, timestamp, data)
        elif add_row(turns := [], sender, type_name, timestamp, data):
            found[sender] = turns
    return found


def add_row(turns: list[Turn], sender: str, type_name: str, timestamp: float | None, data: str,
            texts: Texts | None = None) -> bool:
    """One row of Rasa's events table (``user`` or ``bot``), read into a conversation's turns: a
    visitor's message begins a turn, a bot message is a reply to the turn before it. True when
    the row makes the conversation one of ``turns_by_sender``'s (its first visitor message or bot
    message does, even a bot message before any visitor message; an inactivity reminder does not).
    ``texts``: where the bot's texts are kept once."""
    event = json.loads(data)
    if type_name == "user":
        text = str(event.get("text") or "")
        if text.startswith("EXTERNAL: "):  # the inactivity reminder, not the visitor
            return False
        turns.append(Turn(sender, float(timestamp or 0), text))
    elif turns:
        custom = (event.get("data") or {}).get("custom")
        custom = custom if isinstance(custom, dict) else {}
        reply = Reply(str(event.get("text") or ""), str(custom.get("kind") or ""), custom, float(timestamp or 0))
        if texts is not None:
            texts.share(reply)
        turns[-1].replies.append(reply)
    return True


@dataclass
class Known:
    """What the desk has read of one conversation: how many of its rows (of any type), its
    smallest and largest row id, its turns, and the id of the row that put it into
    ``turns_by_sender``'s result (which orders the conversations), if one has."""

    rows: int = 0
    min_id: int = 0
    max_id: int = 0
    turns: list[Turn] = field(default_factory=list)
    appeared: int | None = None

    def add(self, row_id: int, sender: str, type_name: str, timestamp: float | None, data: str | None,
            texts: Texts | None = None) -> None:
        self.rows += 1
        self.min_id = row_id if self.rows == 1 else min(self.min_id, row_id)
        self.max_id = max(self.max_id, row_id)
        if data is None:  # not a visitor's or the bot's message
            return
        if self.turns:
            sender = self.turns[0].sender  # one string per conversation, not one per row
        if add_row(self.turns, sender, type_name, timestamp, data, texts) and self.appeared is None:
            self.appeared = row_id


class Texts(dict):
    """The bot's texts are the library's passages, citations and the clinic's lines, sent to
    visitor after visitor: kept once (with the strings of its ``custom``) however many
    conversations hold them. Emptied when it grows past ``size`` (a library much edited)."""

    def __init__(self, size: int = 50_000) -> None:
        super().__init__()
        self.size = size

    def trim(self) -> None:
        if len(self) >= self.size:
            self.clear()

    def share(self, reply: Reply) -> None:
        one = self.setdefault
        reply.text = one(reply.text, reply.text)
        reply.kind = one(reply.kind, reply.kind)
        custom = reply.custom
        for name, value in custom.items():
            if type(value) is str:
                custom[name] = one(value, value)
            elif type(value) is list and value and type(value[0]) is str:
                custom[name] = [one(item, item) if type(item) is str else item for item in value]


class ConversationCache:
    """Every conversation as ``turns_by_sender(read_rows(engine))`` gives it, kept in this
    process and brought up to date on each read by reading only what changed.

    A read asks the database for each conversation's row count and smallest and largest row id
    (one pass over the ``sender_id`` index) and for the rows after the largest id read so far.
    A conversation whose figures are not those of the rows the desk has, with the new ones, is
    read again whole: it was deleted and begun again (a visitor's "delete my conversation"),
    or a row was committed after one with a larger id (PostgreSQL gives ids before the commit).
    A conversation no longer in the table was deleted (by its visitor or by retention) and is
    dropped. Rows are never changed in place (Rasa appends; deletions take whole conversations).
    The one change this cannot see: a conversation deleted and stored again under exactly the
    same row ids, which only Rasa's own SQLite store could do (it gives the ids of rows deleted
    at the end of the table again); this project's store never gives an id twice
    (connectors/tracker_store.py, NEVER_GIVEN_SQLITE_ID), nor does PostgreSQL.
    """

    REREAD_CHUNK = 500

    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        self.known: dict[str, Known] = {}
        self.texts = Texts()
        self.last_id = 0
        self.shown: dict[str, list[Turn]] = {}

    def conversations(self) -> dict[str, list[Turn]]:
        if not sa.inspect(self.engine).has_table("events"):
            self.known, self.last_id, self.shown = {}, 0, {}
            return {}
        with self.engine.connect() as connection:
            figures = {sender: (rows, low, high) for sender, rows, low, high in connection.execute(sa.text(
                "SELECT sender_id, count(*), min(id), max(id) FROM events GROUP BY sender_id"))}
            new_rows = connection.execute(sa.text(
                "SELECT id, sender_id, type_name, timestamp, "
                "CASE WHEN type_name IN ('user', 'bot') THEN data END FROM events WHERE id > :last ORDER BY id"),
                {"last": self.last_id})
            changed = False
            self.texts.trim()
            while batch := new_rows.fetchmany(10_000):  # not every row at once: the first read has them all
                for row_id, sender, type_name, timestamp, data in batch:
                    known = self.known.get(sender)
                    if known is None:
                        known = self.known[sender] = Known()
                    if row_id > known.max_id:  # not already read with its conversation, below
                        known.add(row_id, sender, type_name, timestamp, data, self.texts)
                        changed = True
                self.last_id = max(self.last_id, batch[-1][0])
        stale = [sender for sender, known in self.known.items()
                 if (known.rows, known.min_id, known.max_id) != figures.get(sender)]
        stale += [sender for sender in figures if sender not in self.known]
        if stale:
            changed = True
            for sender in stale:
                self.known.pop(sender, None)
            self.reread(stale)
        if changed:
            appeared = sorted((known.appeared, sender) for sender, known in self.known.items()
                              if known.appeared is not None)
            self.shown = {sender: self.known[sender].turns for _, sender in appeared}
        return self.shown

    def reread(self, senders: list[str]) -> None:
        query = sa.text("SELECT id, sender_id, type_name, timestamp, "
                        "CASE WHEN type_name IN ('user', 'bot') THEN data END FROM events "
                        "WHERE sender_id IN :senders ORDER BY id").bindparams(sa.bindparam("senders", expanding=True))
        with self.engine.connect() as connection:
            for start in range(0, len(senders), self.REREAD_CHUNK):
                chunk = senders[start:start + self.REREAD_CHUNK]
                for row_id, sender, type_name, timestamp, data in connection.execute(query, {"senders": chunk}):
                    known = self.known.get(sender)
                    if known is None:
                        known = self.known[sender] = Known()
                    known.add(row_id, sender, type_name, timestamp, data, self.texts)


def group_key(text: str) -> str:
    """The same question asked alike: case, punctuation and spacing aside."""
    return " ".join(re.sub(r"[^\w<>]+", " ", text.lower()).split())


def question_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def question_of(text: str) -> tuple[str, str]:
    key = group_key(text)
    return key, question_id(key)


def unanswered_groups(conversations: dict[str, list[Turn]], threshold: float,
                      dismissed: Iterable[str] = ()) -> list[Group]:
    """Questions not answered, grouped, the most frequent then the newest first."""
    hidden = set(dismissed)
    groups: dict[str, Group] = {}
    for turns in conversations.values():
        for turn in turns:
            why = turn.unanswered(threshold) if not turn.text.startswith("/") else None
            if not why:
                continue
            key, asked = turn.remembered("question", lambda text=turn.text: question_of(text))
            if not key or asked in hidden:
                continue
            group = groups.setdefault(key, Group(key, turn.text, asked, why, 0, 0.0, []))
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
        if not turns:  # only bot messages so far (e.g. a reminder's): nothing the visitor said
            continue
        visitor_turns = [t for t in turns if not t.text.startswith("/")]
        if needle and not any(needle in t.text.lower() for t in turns):
            continue
        kinds = [r.kind for t in turns for r in t.replies]
        found.append(Summary(
            sender, turns[0].at, turns[-1].at, len(visitor_turns),
            sum(1 for t in turns if any(r.kind == "answer" for r in t.replies)),
            any(k in ("alert", "screening") for k in kinds), "closing" in kinds))
    return sorted(found, key=lambda s: -s.last)
