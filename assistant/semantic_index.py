"""Meaning, not only shared words: each passage scored by sentence-embedding similarity.

Token vectors are averaged with IDF weights (rare, telling words count more; measured on
the development set: the right passage first for 51 of 110 questions instead of 43). A
passage is embedded whole (its article's title, its headings and its text) and sentence by
sentence; a question is embedded whole and, when long, sentence by sentence too (a visitor's
story with the question buried in it). A passage's score is the best cosine between any unit
of the question and the passage or one of its sentences: "crawling legs at bedtime" meets the
sentence on "tingling or painful sensations" even where the passage as a whole is about more.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

import numpy as np

from assistant.embeddings import SentenceEmbedder
from assistant.logistics import LONG_MESSAGE_WORDS

# A sentence ends at . ! ? followed by a space (or the end); enough for articles and chat.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_SENTENCE_WORDS = 3


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.split()) >= MIN_SENTENCE_WORDS]


def question_units(text: str) -> tuple[list[str], list[bool]]:
    """What of a question is embedded: the whole and, when it is long, each sentence; and for each
    unit whether it asks (the whole, a sentence ending in "?", else the last sentence): the rest
    of a long message is the visitor's story."""
    units, asking = [text], [True]
    if len(text.split()) > LONG_MESSAGE_WORDS:  # a long message is also read sentence by sentence
        parts = sentences(text)
        asks = [s.endswith("?") for s in parts]
        if parts and not any(asks):
            asks[-1] = True
        units += parts
        asking += asks
    return units, asking


def inverse_document_frequency(embedder: SentenceEmbedder, texts: Sequence[str]) -> np.ndarray:
    """A weight per token: smoothed IDF over the library's passages and sentences (a token the
    library never uses gets the highest weight)."""
    counts = np.zeros(embedder.vocabulary_size)
    for ids in embedder.token_ids(texts):
        counts[np.unique(ids)] += 1
    return (np.log((len(texts) + 1) / (counts + 1)) + 1).astype(np.float32)


class SemanticIndex:
    def __init__(self, documents: Sequence[str], bodies: Sequence[str], embedder: SentenceEmbedder,
                 examples: Sequence[Sequence[str]] = (), unanswered: Sequence[str] = ()) -> None:
        """``documents``: each passage as indexed (title, headings, text); ``bodies``: its text;
        ``examples``: per passage, visitors' questions it answers (each counts as a sentence);
        ``unanswered``: questions no passage answers (knowledge/not_answered.yml)."""
        self._embedder = embedder
        units, owners = [], []
        for position, body in enumerate(bodies):
            for sentence in sentences(body):
                units.append(sentence)
                owners.append(position)
        sentence_count = len(units)
        for position, questions in enumerate(examples):
            for question in questions:
                units.append(question)
                owners.append(position)
        self._is_example = np.arange(len(units)) >= sentence_count
        self._weights = inverse_document_frequency(embedder, [*documents, *units])
        self._unanswered = (embedder.embed(list(unanswered), self._weights) if unanswered
                            else np.zeros((0, embedder.dimensions), np.float32))
        self._documents = embedder.embed(list(documents), self._weights)
        self._owners = np.asarray(owners, dtype=np.int64)
        # Units grouped by passage (sentences, then examples), so that each passage's best unit
        # is one np.maximum.reduceat over contiguous runs.
        order = np.argsort(self._owners, kind="stable")
        self._is_example = self._is_example[order]
        self._owners = self._owners[order]
        units = [units[i] for i in order]
        self._sentences = (embedder.embed(units, self._weights) if units
                           else np.zeros((0, embedder.dimensions), np.float32))
        self._run_starts = np.zeros(0, dtype=np.int64)
        if units:
            self._run_starts = np.flatnonzero(np.r_[True, self._owners[1:] != self._owners[:-1]])
        self._run_owners = self._owners[self._run_starts]
        self._count = len(documents)
        # A turn embeds the same question for several scores (the passages, the questions no
        # passage answers): once is enough.
        self.question_vectors = functools.lru_cache(maxsize=1024)(self.question_vectors)

    def question_vectors(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The question's units' embeddings (see question_units) and which of them ask (read-only:
        they are kept for the next call with this text)."""
        units, asking = question_units(text)
        vectors = self._embedder.embed(units, self._weights)
        vectors.setflags(write=False)
        asks = np.asarray(asking, dtype=bool)
        asks.setflags(write=False)
        return vectors, asks

    def unanswered_score(self, text: str) -> float:
        """The best cosine of any question unit with a question no passage answers (0 without any)."""
        if not len(self._unanswered) or not text.strip():
            return 0.0
        return float((self.question_vectors(text)[0] @ self._unanswered.T).max())

    def scores(self, text: str, example_weight: float = 1.0, story_weight: float = 1.0) -> np.ndarray:
        """Per passage: the best cosine of any question unit with the passage, one of its
        sentences, or one of its example questions (scaled by ``example_weight``); a sentence of
        a long message's story (one that does not ask) counts ``story_weight`` of its cosine.
        (Round 12 tried the mean of a passage's 3 best examples instead of the best: it sent
        "how does pain affect sleep?" to the wrong passage, and was taken back.)"""
        if not text.strip():
            return np.zeros(self._count)
        vectors, asks = self.question_vectors(text)
        scale = np.where(asks, 1.0, story_weight).astype(np.float32)[:, None]
        best = ((vectors @ self._documents.T) * scale).max(axis=0)
        if len(self._owners):
            by_unit = ((vectors @ self._sentences.T) * scale).max(axis=0)
            by_unit[self._is_example] *= example_weight
            best[self._run_owners] = np.maximum(best[self._run_owners], np.maximum.reduceat(by_unit, self._run_starts))
        return best.astype(np.float64)
