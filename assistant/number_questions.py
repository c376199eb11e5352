"""Questions that ask for a number: how many people have it, what percentage, the success rate,
how long until a treatment works, how much something is.

A passage answers such a question only if it gives a number. One that explains the subject
without any ("PRP uses the body's own platelets ...") does not say how long PRP takes to work,
so the visitor gets the honest "no medically reviewed answer" with the referral instead of a
passage that merely shares the question's words. Staff keep the question phrases in
knowledge/number_questions.yml (optional; read again within seconds of a save):

    phrases:
      - success rate
      - how long ... take

A phrase matches whole words, in any letter case, in the question part of the message
(assistant.logistics.question_part); "..." stands for up to four words in between.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from assistant import paths
from assistant.logistics import listed_entries, lowered

NUMBER_QUESTIONS_FILE = paths.KNOWLEDGE_DIR / "number_questions.yml"
GAP = "..."
# A number in a passage: digits, or a number, fraction or frequency written in words.
NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|half|third|"
    r"thirds|quarter|quarters|percent|per cent|dozen|once|twice)\b|%"
    # A span of time said in words as how long ("within several months", "for a few nights"), not
    # as a condition ("after a few months of self-care" says no time).
    r"|\b(?:within|for|up to|about|around|roughly|takes?|lasts?) (?:several|a few|a couple of) "
    r"(?:minutes|hours|days|nights|weeks|months|years)\b"
    r"|\b(?:within|for|up to|to|about|around|than|over) (?:a|an) (?:hour|day|week|month|year)\b",
    re.IGNORECASE)


def load_number_questions(path: Path | None = None) -> tuple[str, ...]:
    return load_question_phrases(path or NUMBER_QUESTIONS_FILE)


def load_question_phrases(path: Path) -> tuple[str, ...]:
    """A question-phrase file's phrases, in lower case (none when there is no file); also for
    assistant/asked_for.py's files, written alike."""
    phrases = listed_entries(path, "phrases",
                       "expected 'phrases:' with one '- phrase' line each",
                       "each phrase must be a few words (\"...\" for words in between)")
    return lowered(phrases)


class QuestionPhrases:
    """A question-phrase file's phrases as one pattern: this file's, and assistant/asked_for.py's."""

    def __init__(self, phrases: Iterable[str] = ()) -> None:
        alternatives = [_pattern(phrase) for phrase in sorted(set(phrases), key=len, reverse=True) if phrase]
        self._pattern = (re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", re.IGNORECASE)
                         if alternatives else None)

    def asks(self, question: str) -> bool:
        """True when the question uses one of the phrases (for this file's: asks for a number)."""
        return bool(self._pattern and question and self._pattern.search(question))

    def ends(self, question: str) -> list[int]:
        """Where in the question each use of a phrase ends."""
        return [m.end() for m in self._pattern.finditer(question)] if self._pattern and question else []


def _pattern(phrase: str) -> str:
    parts = [r"\s+".join(map(re.escape, part.split())) for part in phrase.split(GAP)]
    return r"(?:\s+[\w'’-]+){0,4}\s+".join(part for part in parts if part)


def gives_a_number(text: str) -> bool:
    return NUMBER.search(text) is not None
