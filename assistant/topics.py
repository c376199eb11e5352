"""Topics (``knowledge/topics.yml``): which passages answer which kind of question."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.datafiles import ContentError, line_of, load_yaml
from assistant.paths import TOPICS_FILE
from assistant.terms import Vocabulary


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    intent: str
    term: str | None
    entity: str | None  # the term's entity type, e.g. "disorder"
    passages: tuple[str, ...]
    answer_with: int
    related: tuple[str, ...]
    line: int | None
    keywords: tuple[str, ...] = ()

    @property
    def payload(self) -> str:
        """What a button sends: the intent, with the term as an entity when there is one."""
        if self.term and self.entity:
            return f"/{self.intent}{json.dumps({self.entity: self.term})}"
        return f"/{self.intent}"


def load_topics(vocabulary: Vocabulary, path: Path = TOPICS_FILE) -> list[Topic]:
    data = load_yaml(path)
    entries = data.get("topics") if isinstance(data, dict) else None
    if not entries:
        raise ContentError(path, 1, "expected 'topics:' followed by a list of topics")
    topics: list[Topic] = []
    for index, entry in enumerate(entries):
        line = line_of(entries, index)
        for field in ("id", "title", "intent", "passages"):
            if not isinstance(entry, dict) or not entry.get(field):
                raise ContentError(path, line, f"each topic needs '{field}'")
        term_id = entry.get("term")
        term = vocabulary.get(str(term_id)) if term_id else None
        if term_id and term is None:
            raise ContentError(
                path, line_of(entry, "term"), f"unknown term '{term_id}'; terms are listed in knowledge/terms.yml"
            )
        topics.append(
            Topic(
                id=str(entry["id"]),
                title=str(entry["title"]),
                intent=str(entry["intent"]),
                term=term.id if term else None,
                entity=term.entity if term else None,
                passages=tuple(str(p) for p in entry["passages"]),
                answer_with=int(entry.get("answer_with", 1)),
                related=tuple(str(r) for r in entry.get("related") or ()),
                line=line,
                keywords=tuple(str(k) for k in entry.get("keywords") or ()),
            )
        )
    ids = [t.id for t in topics]
    for topic in topics:
        if ids.count(topic.id) > 1:
            raise ContentError(path, topic.line, f"topic id '{topic.id}' is used twice")
        for related in topic.related:
            if related not in ids:
                raise ContentError(path, topic.line, f"topic '{topic.id}' lists unknown related topic '{related}'")
    return topics


def load_menu(topics: list[Topic], path: Path = TOPICS_FILE) -> list[Topic]:
    data = load_yaml(path)
    by_id = {t.id: t for t in topics}
    menu = data.get("menu") or []
    for topic_id in menu:
        if topic_id not in by_id:
            raise ContentError(path, line_of(data, "menu"), f"the menu lists unknown topic '{topic_id}'")
    return [by_id[t] for t in menu]


def check_passages_exist(topics: list[Topic], passage_ids: set[str], path: Path = TOPICS_FILE) -> None:
    for topic in topics:
        for passage_id in topic.passages:
            if passage_id not in passage_ids:
                raise ContentError(
                    path, topic.line,
                    f"topic '{topic.id}' names passage '{passage_id}', which no article has; "
                    "run `make passages` to list the passage ids",
                )
