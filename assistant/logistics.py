"""Questions about the practical side of care: what it costs, insurance, appointments, tests.

The articles explain conditions and treatments; they never say what a procedure costs,
whether insurance pays, how to get an appointment or how a sleep study is done. A question
about that, even one naming a condition or treatment a passage covers ("how much is a PRP
injection?"), is not answered by that passage: it gets the honest "no medically reviewed
answer" with the pointer to the doctor and the booking links. Staff keep the words that mark
such a question in knowledge/logistics.yml (optional; read again within seconds of a save):

    phrases:
      - cost
      - out of pocket
    booking_details:
      - how much
      - video

A request to book a consultation that also asks one of ``booking_details`` ("how much is a
visit?", "do you do video appointments?") gets the front desk's reply, which says the assistant
cannot answer that and how to reach the desk, not only the offer to book.

A phrase matches whole words, in any letter case, after the question's misspellings are put
right. Keep phrases specific: a word the articles use for a medical subject ("schedule" in
sleep hygiene's "a consistent schedule") would take those questions away from their passages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from assistant import paths
from assistant.datafiles import ContentError, line_of, load_yaml

LOGISTICS_FILE = paths.KNOWLEDGE_DIR / "logistics.yml"
LONG_MESSAGE_WORDS = 25
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
# Questions no article answers (see the file's header and assistant.retrieval).
NOT_ANSWERED_FILE = paths.KNOWLEDGE_DIR / "not_answered.yml"
# Chat shorthand and slang in plain words (assistant.spelling.PlainWords).
CHAT_WORDS_FILE = paths.KNOWLEDGE_DIR / "chat_words.yml"


def listed_entries(path: Path, key: str, expected: str, each: str, optional: bool = False) -> list[str]:
    """The file's list under ``key`` (none when there is no file, or ``optional`` and no such
    key); ContentError with the file and the line of a bad entry."""
    if not path.exists():
        return []
    data = load_yaml(path)
    if optional and isinstance(data, dict) and key not in data:
        return []
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ContentError(path, 1, expected)
    for i, entry in enumerate(entries):
        if not isinstance(entry, str) or not entry.strip():
            raise ContentError(path, line_of(entries, i), each)
    return entries


def lowered(phrases: Iterable[str]) -> tuple[str, ...]:
    """Phrases as they are matched: in lower case, their spaces folded."""
    return tuple(" ".join(phrase.lower().split()) for phrase in phrases)


def load_logistics(path: Path | None = None) -> tuple[str, ...]:
    """The file's phrases, in lower case (none when there is no file)."""
    phrases = listed_entries(path or LOGISTICS_FILE, "phrases",
                             "expected 'phrases:' with one '- word or phrase' line each",
                             "each phrase must be a word or a few words")
    return lowered(phrases)


def load_sayings(path: Path | None = None) -> tuple[str, ...]:
    """The file's ``sayings:`` (optional): everyday sayings that use a listed phrase in another
    sense ("I pay for it at night" is not about money)."""
    phrases = listed_entries(path or LOGISTICS_FILE, "sayings",
                             "expected 'sayings:' with one '- word or phrase' line each",
                             "each saying must be a few words", optional=True)
    return lowered(phrases)


def load_booking_details(path: Path | None = None) -> tuple[str, ...]:
    """The file's ``booking_details:`` (optional): what a request to book may also ask that the
    offer to book does not answer ("how much is a visit?", "do you do video visits?")."""
    phrases = listed_entries(path or LOGISTICS_FILE, "booking_details",
                             "expected 'booking_details:' with one '- word or phrase' line each",
                             "each phrase must be a word or a few words", optional=True)
    return lowered(phrases)


def question_part(text: str) -> str:
    """The message, or for a long one the sentences that ask (end in "?"), else its last sentence."""
    if len(text.split()) <= LONG_MESSAGE_WORDS:
        return text
    sentences = _sentences(text)
    asking = [s for s in sentences if s.endswith("?")]
    return " ".join(asking) if asking else (sentences[-1] if sentences else text)


def asking_sentences(text: str) -> str:
    """The sentences of a message that end in "?", else the whole message ("sorry, pasted
    twice. what is PRP?" asks only its last sentence)."""
    asking = questions_of(text)
    return " ".join(asking) if asking else text


def questions_of(text: str) -> list[str]:
    """The message's sentences that end in "?"."""
    return [s for s in _sentences(text) if s.endswith("?")]


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


class LogisticsPhrases:
    def __init__(self, phrases: Iterable[str] = ()) -> None:
        words = sorted({p for p in phrases if p}, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in words)
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE) if words else None

    def every(self, text: str) -> set[str]:
        """Every phrase the text uses."""
        if not self._pattern or not text:
            return set()
        return {" ".join(m.group().lower().split()) for m in self._pattern.finditer(text)}

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Every use of a phrase in the text, overlapping ones too ("blood test for": "blood
        test" and "test for"), as (start, end, phrase)."""
        found: list[tuple[int, int, str]] = []
        if not self._pattern or not text:
            return found
        position = 0
        while (match := self._pattern.search(text, position)) is not None:
            found.append((match.start(), match.end(), " ".join(match.group().lower().split())))
            position = match.start() + 1
        return found

    def found(self, text: str, library: LogisticsPhrases | None = None) -> str | None:
        """The first phrase the question uses, or None. In a long message only the question
        itself counts (its sentences ending in "?", else its last sentence): a story that
        mentions what physiotherapy cost, before asking what else helps, asks a medical question.
        ``library``: phrases the articles themselves use (a "blood test" an article explains); a
        phrase overlapping one of them in the question ("test for" in "a blood test for
        osteoarthritis") is that subject of the library, not a practical question."""
        return next(iter(self.all_found(text, library)), None)

    def all_found(self, text: str, library: LogisticsPhrases | None = None) -> list[str]:
        """Every phrase ``found`` would consider, in order of use."""
        if not self._pattern or not text:
            return []
        asked = question_part(text)
        subjects = library.spans(asked) if library is not None else []
        return [phrase for start, end, phrase in self.spans(asked)
                if not any(start < s_end and s_start < end for s_start, s_end, _ in subjects)]


def load_not_answered(path: Path | None = None) -> tuple[str, ...]:
    """knowledge/not_answered.yml's questions (none when there is no file)."""
    questions = listed_entries(path or NOT_ANSWERED_FILE, "questions",
                               "expected 'questions:' with one '- \"...\"' line each",
                               "each entry must be a question in quotes")
    return tuple(" ".join(q.split()) for q in questions)


def load_chat_words(path: Path | None = None) -> dict[str, str]:
    """knowledge/chat_words.yml: each word or phrase in lower case -> its plain words ("" for the
    ones under ``drop:``); none when there is no file. ContentError with the file and the line of
    a bad entry (not text, the same word twice, a word both replaced and dropped)."""
    path = path or CHAT_WORDS_FILE
    if not path.exists():
        return {}
    data = load_yaml(path)
    expected = ("expected 'words:' (one '\"shorthand\": \"plain words\"' line each) and/or 'drop:' "
                "(one '- \"word\"' line each)")
    if not isinstance(data, dict) or not set(data) <= {"words", "drop"} or not data:
        raise ContentError(path, 1, expected)
    words, drop = data.get("words") or {}, data.get("drop") or []
    if not isinstance(words, dict):
        raise ContentError(path, line_of(data, "words"), "'words:' must map each word to its plain words, "
                           "one '\"shorthand\": \"plain words\"' line each")
    if not isinstance(drop, list):
        raise ContentError(path, line_of(data, "drop"), "'drop:' must list words, one '- \"word\"' line each")
    found: dict[str, str] = {}
    entries = [(key, words[key], line_of(words, key), False) for key in words]
    entries += [(word, "", line_of(drop, i), True) for i, word in enumerate(drop)]
    for key, plain, line, dropped in entries:
        if not isinstance(key, str) or not re.search(r"\w", key):
            raise ContentError(path, line, f"{key!r} is not a word or phrase; quote it: \"{key}\"")
        if not isinstance(plain, str) or (not plain.strip() and not dropped):
            raise ContentError(path, line, f"'{key}' needs its plain words in quotes (to leave a word out, list it "
                               "under 'drop:')")
        normal = " ".join(key.lower().split())
        if normal in found:
            raise ContentError(path, line, f"'{key}' is listed twice (letter case does not count); keep one")
        found[normal] = " ".join(plain.split())
    return found
