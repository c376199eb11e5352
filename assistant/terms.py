"""The domain vocabulary (``knowledge/terms.yml``): conditions, treatments, body parts."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant.datafiles import ContentError, line_of, load_yaml
from assistant.paths import TERMS_FILE

ENTITY_TYPES = ("disorder", "treatment", "body_part", "other_condition")


@dataclass(frozen=True)
class Term:
    entity: str  # one of ENTITY_TYPES; also the Rasa entity name
    id: str
    name: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    terms: tuple[Term, ...]

    @cached_property
    def by_synonym(self) -> dict[str, Term]:
        return {synonym: term for term in self.terms for synonym in term.synonyms}

    @cached_property
    def by_id(self) -> dict[str, Term]:
        return {term.id: term for term in self.terms}

    def canonical(self, text: str) -> Term | None:
        """The term a visitor's words name, e.g. "sleep apnoea" -> obstructive_sleep_apnea."""
        return self.by_synonym.get(normalise(text))

    def get(self, term_id: str) -> Term | None:
        return self.by_id.get(term_id)


def normalise(text: str) -> str:
    return " ".join(text.lower().split())


def load_vocabulary(path: Path = TERMS_FILE) -> Vocabulary:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, 1, "expected the groups " + ", ".join(ENTITY_TYPES))
    terms: list[Term] = []
    seen_ids: dict[str, int | None] = {}
    seen_synonyms: dict[str, str] = {}
    for group, entries in data.items():
        if group not in ENTITY_TYPES:
            raise ContentError(
                path, line_of(data, group),
                f"unknown group '{group}'; use one of: {', '.join(ENTITY_TYPES)}",
            )
        for index, entry in enumerate(entries or []):
            line = line_of(entries, index)
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("synonyms"):
                raise ContentError(path, line, "each term needs an 'id', a 'name' and a list of 'synonyms'")
            term_id = str(entry["id"])
            if term_id in seen_ids:
                raise ContentError(path, line, f"the id '{term_id}' is used twice (also on line {seen_ids[term_id]})")
            seen_ids[term_id] = line
            synonyms = tuple(dict.fromkeys(normalise(str(s)) for s in entry["synonyms"]))
            for synonym in synonyms:
                if synonym in seen_synonyms:
                    raise ContentError(
                        path, line,
                        f"the synonym '{synonym}' of '{term_id}' already belongs to "
                        f"'{seen_synonyms[synonym]}'; a synonym may name one term only",
                    )
                seen_synonyms[synonym] = term_id
            terms.append(Term(group, term_id, str(entry.get("name") or term_id), synonyms))
    return Vocabulary(tuple(terms))
