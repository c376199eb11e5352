"""Kinds of section that patient articles share (``knowledge/section_kinds.yml``).

Most articles a clinic adds have the same kinds of section: when to see a clinician, how the
condition is diagnosed, its causes, its treatment. Visitors ask for them in words the section's
own text does not use (session 47's tester: "when should I go see someone about my knee" never
reached the osteoarthritis article's "When to See a Clinician"). A passage nobody has taught
yet (no example questions, no topic) whose heading names a kind is therefore also compared with
that kind's generic questions, as a taught passage is with its examples; the article's subject,
the words of the question and the last topic still tell one article's section from another's.
Staff need not do anything for a new article; they may add kinds, heading phrases or questions
here (read again within seconds of a save, like the other files of ``knowledge/``).

The file:

    kinds:
      <name>:
        headings: ["when to see", ...]   # a heading holding one of these (from the start of a word)
        questions: ["when should I get it checked?", ...]   # generic: no condition named
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from assistant import paths
from assistant.articles import Passage
from assistant.datafiles import ContentError, line_of, load_yaml

SECTION_KINDS_FILE = paths.KNOWLEDGE_DIR / "section_kinds.yml"


@dataclass(frozen=True)
class SectionKind:
    name: str
    headings: tuple[str, ...]  # lower-case phrases
    questions: tuple[str, ...]

    def names(self, heading: str) -> bool:
        """Whether ``heading`` holds one of the kind's phrases, each from the start of a word
        ("diagnos" holds for "How It Is Diagnosed" and "Diagnosis")."""
        lowered = " ".join(heading.lower().split())
        return any(re.search(r"\b" + re.escape(phrase), lowered) for phrase in self.headings)


def load_section_kinds(path: Path | None = None) -> tuple[SectionKind, ...]:
    """The file's kinds (none when there is no file); ContentError with the file and line of a bad entry."""
    path = path or SECTION_KINDS_FILE
    if not path.exists():
        return ()
    data = load_yaml(path)
    kinds = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(kinds, dict):
        raise ContentError(path, 1, "expected 'kinds:' mapping each kind's name to its 'headings:' and 'questions:'")
    loaded = []
    for name, entry in kinds.items():
        line = line_of(kinds, name)
        if not isinstance(entry, dict) or set(entry) != {"headings", "questions"}:
            raise ContentError(path, line, f"kind '{name}' must have 'headings:' and 'questions:' (and nothing else)")
        lists = {}
        for key, each in (("headings", "a heading phrase"), ("questions", "a question")):
            items = entry[key]
            if not isinstance(items, list) or not items:
                raise ContentError(path, line_of(entry, key) or line, f"kind '{name}': '{key}:' must list at least one "
                                   f"{each}, one '- \"...\"' line each")
            for i, item in enumerate(items):
                if not isinstance(item, str) or not item.strip():
                    raise ContentError(path, line_of(items, i) or line, f"kind '{name}': each of '{key}:' must be "
                                       f"{each} in quotes")
            lists[key] = tuple(" ".join(item.split()) for item in items)
        loaded.append(SectionKind(str(name), tuple(h.lower() for h in lists["headings"]), lists["questions"]))
    return tuple(loaded)


def kind_of(passage: Passage, kinds: Iterable[SectionKind]) -> SectionKind | None:
    """The first kind its own heading (the sub-section's, else the section's) names, if any."""
    if not passage.headings:
        return None
    return next((kind for kind in kinds if kind.names(passage.headings[-1])), None)


def section_questions(passages: Iterable[Passage], kinds: Iterable[SectionKind],
                      taught: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Passage id -> its kind's generic questions, for each passage not in ``taught`` (the ids of
    passages with example questions or a topic: what staff taught them says more)."""
    kinds, taught = tuple(kinds), set(taught)
    found = {}
    for passage in passages:
        kind = None if passage.id in taught else kind_of(passage, kinds)
        if kind:
            found[passage.id] = kind.questions
    return found
