"""Measuring answers as a visitor gets them: a question set sent to the running assistant.

A question set (tests/data/library_*.yml, tests/fixtures/library/*-questions.yml) lists visitor
questions with the passage ids that answer each (empty: the library does not answer it; a
``context`` is the visitor's earlier message, for a follow-up). A question is right when the
first passage the assistant quotes is one of those, or, for a question the library does not
answer, when the assistant says honestly that it has no vetted answer and quotes nothing.
The assistant's replies say what they are (``custom.kind``, ``custom.passages``); for an
older assistant without them, ``legacy_passages`` recognises passages by their text.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ruamel.yaml import YAML

from assistant.articles import Passage, shorten

Say = Callable[[str, str], list[dict[str, Any]]]  # (sender, message) -> the bot's REST messages
NO_ANSWER_START = "I'm sorry, I don't have a medically reviewed answer"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[str, ...]
    kind: str = ""
    context: str = ""

    @property
    def answerable(self) -> bool:
        return bool(self.answers)


@dataclass
class Result:
    question: Question
    right: bool
    got: str  # the passage id sent, "no_answer", or what else was said (a message kind)


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def share(self, answerable: bool) -> tuple[int, int]:
        chosen = [r for r in self.results if r.question.answerable == answerable]
        return sum(r.right for r in chosen), len(chosen)

    def by_kind(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for r in self.results:
            counts[r.question.kind or "-"][0] += r.right
            counts[r.question.kind or "-"][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def summary(self) -> str:
        right, total = self.share(True)
        honest, unanswerable = self.share(False)
        lines = [f"answerable: right passage {right}/{total} ({percent(right, total)})",
                 f"not answerable: honest no, no passage {honest}/{unanswerable} ({percent(honest, unanswerable)})"]
        lines += [f"  {kind:<13} {r}/{n}" for kind, (r, n) in self.by_kind().items()]
        wrong = Counter(r.got.split("/")[0] if "/" in r.got else r.got for r in self.results if not r.right)
        if wrong:
            lines.append("misses got: " + ", ".join(f"{k} {v}" for k, v in wrong.most_common()))
        return "\n".join(lines)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def load_questions(path: Path) -> list[Question]:
    """A question set; also the older format of tests/data/answer_cases.yml (``answers`` with
    one ``passage`` each, and ``no_vetted_answer`` questions)."""
    data = YAML(typ="safe").load(Path(path).read_text(encoding="utf-8"))
    if "questions" not in data:
        stem = Path(path).stem
        return [Question(f"{stem}-{i}", c["text"], (c["passage"],)) for i, c in enumerate(data["answers"])] + [
            Question(f"{stem}-no-{i}", text, ()) for i, text in enumerate(data["no_vetted_answer"])]
    return [
        Question(str(q["id"]), str(q["text"]), tuple(q.get("answers") or ()), str(q.get("kind") or ""),
                 str(q.get("context") or ""))
        for q in data["questions"]
    ]


def custom_of(message: dict[str, Any]) -> dict[str, Any]:
    custom = message.get("custom")
    return custom if isinstance(custom, dict) else {}


def sent_passages(replies: Iterable[dict[str, Any]], legacy: dict[str, str] | None = None) -> list[str]:
    """The passage ids the assistant quoted, in order."""
    found: list[str] = []
    for message in replies:
        custom = custom_of(message)
        if custom.get("kind") == "answer":
            found += [p for p in custom.get("passages") or [] if p not in found]
        elif legacy and not custom:
            passage = legacy_passage(message.get("text") or "", legacy)
            if passage and passage not in found:
                found.append(passage)
    return found


def said_no_answer(replies: Iterable[dict[str, Any]]) -> bool:
    return any(custom_of(m).get("kind") == "no_answer" or (m.get("text") or "").startswith(NO_ANSWER_START)
               for m in replies)


def legacy_passages(passages: Iterable[Passage], max_chars: int = 700) -> dict[str, str]:
    """Text as sent -> passage id, for an assistant whose replies do not say what they quote."""
    return {shorten(p.text, max_chars)[:120]: p.id for p in passages}


def legacy_passage(text: str, legacy: dict[str, str]) -> str | None:
    body = text.split(": ", 1)[1] if ": " in text[:80] else text
    for candidate in (text, body):
        if candidate[:120] in legacy:
            return legacy[candidate[:120]]
    return None


def judge(question: Question, replies: list[dict[str, Any]], legacy: dict[str, str] | None = None) -> Result:
    passages = sent_passages(replies, legacy)
    if question.answerable:
        got = passages[0] if passages else ("no_answer" if said_no_answer(replies) else first_kind(replies))
        return Result(question, bool(passages) and passages[0] in question.answers, got)
    honest = said_no_answer(replies) and not passages
    return Result(question, honest, "no_answer" if honest else (passages[0] if passages else first_kind(replies)))


def first_kind(replies: list[dict[str, Any]]) -> str:
    for message in replies:
        kind = custom_of(message).get("kind")
        if kind:
            return kind
    return (replies[0].get("text") or "")[:40] if replies else "silence"


def evaluate(questions: Iterable[Question], say: Say, legacy: dict[str, str] | None = None) -> Report:
    """Each question in a conversation of its own (after its context, if any)."""
    report = Report()
    for question in questions:
        sender = f"eval-{question.id}-{uuid.uuid4().hex[:8]}"
        if question.context:
            say(sender, question.context)
        report.results.append(judge(question, say(sender, question.text), legacy))
    return report
