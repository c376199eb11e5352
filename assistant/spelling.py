"""Visitors' spelling put in plain words: chat shorthand and slang (knowledge/chat_words.yml,
staff-editable) and misspellings of a known vocabulary. Retrieval uses it to meet the library's
words; the red-flag check uses it to meet the words of its rules and meanings ("wud", "evry1",
"goodby" are how people in distress type too).
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from assistant import paths
from assistant.logistics import load_chat_words

_WORD = re.compile(r"[A-Za-z]+")
_G_DROPPED = re.compile(r"\b[A-Za-z]{3,}in\b")


class PlainWords:
    """Chat shorthand and slang put in plain words before scoring (knowledge/chat_words.yml, which
    staff edit): the embedding model and the passages know "you", "because" and "badly", not "u",
    "cos" and "like trash". Fillers that say nothing ("lol", "ngl") are dropped. A word or phrase
    matches whole words in any letter case, the longest first."""

    def __init__(self, words: dict[str, str]) -> None:
        self._words = {" ".join(k.lower().split()): v for k, v in words.items()}
        alternatives = "|".join(r"\s+".join(map(re.escape, k.split()))
                                for k in sorted(self._words, key=len, reverse=True))
        self._pattern = (re.compile(rf"(?<![\w'’])(?:{alternatives})(?![\w'’])", re.IGNORECASE)
                         if self._words else None)

    def __call__(self, text: str) -> str:
        if not text or self._pattern is None:
            return text
        return " ".join(self._pattern.sub(lambda m: self._words[" ".join(m.group().lower().split())], text).split())


class Speller:
    """Visitors' misspellings of the library's own words ("insomnya", "arthritus", "excercise")
    put right before the question is scored, so that they meet the words, the terms and the
    meaning of the passages. Only a word that is neither the library's nor an English word
    the pipeline or the embedding model knows is changed, and only to a library word one edit
    away (two for a long word); an unknown word stays as it is ("chainsaw", "melatonin")."""

    def __init__(self, library_words: Iterable[str], english: Iterable[str], min_length: int = 5) -> None:
        counts = Counter(w.lower() for w in library_words if len(w) >= 3)
        self._library = counts
        self._known = set(counts) | {w.lower() for w in english}
        self._min_length = min_length
        self._deletes: dict[str, list[str]] = {}
        for word in counts:
            if len(word) >= min_length - 1:
                for variant in _deletions(word, 2 if len(word) >= 6 else 1):
                    self._deletes.setdefault(variant, []).append(word)
        self.correct = functools.lru_cache(maxsize=4096)(self._correct)

    def _correct(self, text: str) -> str:
        return _WORD.sub(lambda m: self.word(m.group()), text)

    def knows(self, word: str) -> bool:
        """Whether the word is the library's or an English word (as the speller leaves it)."""
        return word.lower() in self._known

    def _adverb(self, lower: str) -> bool:
        """An adverb of a known word ("properly", "happily", "truly", "probably", "fully"): the lemma table
        lists inflections, not adverbs, and "properly" is not a misspelling of "proper"."""
        if not lower.endswith("ly"):
            return False
        stem = lower[:-2]
        return any(s in self._known for s in (stem, stem + "e", stem[:-1] + "y" if stem.endswith("i") else "",
                                              stem + "le" if lower.endswith("bly") else "", stem + "l"))

    def word(self, word: str) -> str:
        lower = word.lower()
        if len(lower) < self._min_length or lower in self._known or self._adverb(lower):
            return word
        limit = 2 if len(lower) >= 7 else 1
        candidates = {c for variant in _deletions(lower, limit) for c in self._deletes.get(variant, ())}
        best = None
        for candidate in candidates:
            if candidate[0] != lower[0]:  # visitors rarely get a word's first letter wrong
                continue
            distance = _edit_distance(lower, candidate)
            if distance <= limit and (best is None or (distance, -self._library[candidate]) < best[:2]):
                best = (distance, -self._library[candidate], candidate)
        return best[2] if best else word


WORDS_CACHE = paths.PROJECT_ROOT / "var" / "cache"


@functools.lru_cache(maxsize=1)
def rare_words(log_probability: float = -11.5) -> frozenset[str]:
    """English words rarer than ``log_probability`` in spacy-lookups-data's word probabilities
    (a large web corpus): "osteoporosis", "anemia", "teenagers", not "surgery" or "dose"; only
    words of its English lemma table, so typos and slang are not among them. Empty without it."""
    english = english_words()
    return frozenset(_kept_words(f"rare-words-{log_probability}", lambda table: (
        w for w, p in table.items() if p < log_probability and w in english)))


# Rarer words than this are not kept with their probability (see word_log_probability).
COMMON_FLOOR = -13.0


@functools.lru_cache(maxsize=1)
def _common_words() -> dict[str, float]:
    lines = _kept_words(f"common-words-{COMMON_FLOOR}", lambda table: (
        f"{w} {p:.3f}" for w, p in table.items() if p >= COMMON_FLOOR and w.isalpha() and w.islower()))
    return {word: float(p) for word, p in (line.split() for line in lines)}


def word_log_probability(word: str) -> float:
    """How common ``word`` is in English: its natural-log probability in spacy-lookups-data's
    word probabilities ("change" -8.2, "hand" -8.5, "heel" -11.9), COMMON_FLOOR for a rarer word
    or without the package (it says only that the word is not common)."""
    return _common_words().get(word, COMMON_FLOOR)


def _kept_words(name: str, select: Callable[[dict[str, float]], Iterable[str]]) -> list[str]:
    """Lines chosen by ``select`` from the word probability table, kept in var/cache for the next
    start (reading the table takes seconds); [] without spacy-lookups-data."""
    try:
        import spacy_lookups_data
        from spacy_lookups_data import get_file
    except ImportError:
        return []
    cache = WORDS_CACHE / f"{name}-{spacy_lookups_data.__version__}.txt"
    try:
        return cache.read_text(encoding="utf-8").splitlines()
    except OSError:
        pass
    with gzip.open(str(get_file("en_lexeme_prob.json.gz")), "rt", encoding="utf-8") as f:
        lines = sorted(select(json.load(f)))
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_suffix(f".{os.getpid()}.tmp")  # replicas starting together each write their own
        temporary.write_text("\n".join(lines), encoding="utf-8")
        temporary.replace(cache)
    except OSError:
        pass  # read again at the next start
    return lines


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """English words: the forms and lemmas of spacy-lookups-data's English lemma table (the one
    the pipeline's lemmatizer reads), about 40 000 words; empty when the package is missing."""
    try:
        from spacy_lookups_data import get_file
    except ImportError:
        return frozenset()
    with gzip.open(str(get_file("en_lemma_lookup.json.gz")), "rt", encoding="utf-8") as f:
        table = json.load(f)
    return frozenset(w.lower() for pair in table.items() for w in pair)


@functools.lru_cache(maxsize=1)
def known_english() -> frozenset[str]:
    """What retrieval's speller leaves as typed: english_words and the base words of the same
    package's lemma index (nouns, verbs, adjectives and adverbs with no inflected form in the
    lemma table: "massive" was put right to "massage"). Not for the red-flag check, which puts
    right the rarer variants it holds ("goodby")."""
    try:
        from spacy_lookups_data import get_file
    except ImportError:
        return english_words()
    with gzip.open(str(get_file("en_lemma_index.json.gz")), "rt", encoding="utf-8") as f:
        index = json.load(f)
    return english_words() | frozenset(w.lower() for words in index.values() for w in words)


def _deletions(word: str, depth: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1:] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a swap of two letters is one edit."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


# "my name is Joan Reilly", "I'm called Sam Smyth", "hi, I'm Joan Reilly": the name (up to three
# words; after "I'm" only capitalised ones, as "I'm tired" is no name).
_NAME_GIVEN = re.compile(r"\b(?:(?i:my name is|my name's|my names|name's|i am called|i'm called|im called)\s+"
                         r"((?:[A-Za-z'-]+\s+){0,2}[A-Za-z'-]+)|(?i:^(?:hi|hello|hey)?[,!]?\s*(?:i'm|im|i am))\s+"
                         r"([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?))")


class Respeller:
    """A message in plain words: chat shorthand (knowledge/chat_words.yml), then misspellings of
    the words of ``vocabulary_files`` put right ("wud evry1 be hapier" -> "would everyone be
    happier"). The files are read as plain text: parsing their YAML would cost every start a
    second, and their comments are staff's prose, correctly spelt words too. Only the chat words that stand
    for a word are used ("wud", "evry1"): not the phrases of slang ("killing me") nor the fillers
    dropped ("lol"), whose wording the red-flag rules' idioms and jokes are written in."""

    def __init__(self, vocabulary_files: Iterable[Path], chat_words: dict[str, str] | None = None) -> None:
        chat_words = load_chat_words() if chat_words is None else chat_words
        self.plain_words = PlainWords({word: plain for word, plain in chat_words.items()
                                       if plain and len(word.split()) == 1})
        words = _WORD.findall(" ".join(Path(path).read_text(encoding="utf-8") for path in vocabulary_files))
        # english_words, not known_english: WordNet's variants ("goodby") must still be put right here.
        self.speller = Speller(words, english_words())

    def __call__(self, text: str) -> str:
        if not text:
            return text
        plain = _G_DROPPED.sub(self._g_dropped, self.plain_words(text))
        # A name the visitor gives stays as written: "my name is Joan Reilly" read as "Joan really"
        # got the emergency guidance (session 48's visitor tester).
        pieces, start = [], 0
        for named in _NAME_GIVEN.finditer(plain):
            name = named.lastindex or 0  # the alternative that matched holds the name
            pieces += [self.speller.correct(plain[start:named.start(name)]), named.group(name)]
            start = named.end(name)
        return "".join([*pieces, self.speller.correct(plain[start:])])

    @staticmethod
    def _g_dropped(match: re.Match[str]) -> str:
        """ "thinkin" -> "thinking", where only the word with its g is English."""
        word = match.group()
        english = english_words()
        return word + "g" if word.lower() not in english and word.lower() + "g" in english else word
