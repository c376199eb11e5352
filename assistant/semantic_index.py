"""Meaning, not only shared words: each passage scored by sentence-embedding similarity.

Token vectors are averaged with IDF weights (rare, telling words count more; measured on
the development set: the right passage first for 51 of 110 questions instead of 43). A
passage is embedded whole (its article's title, its headings and its text) and sentence by
sentence; a question is embedded whole and, when long, sentence by sentence too (a visitor's
story with the question buried in it). A passage's score is the best cosine between any unit
of the question and the passage or one of its sentences: "crawling legs at bedtime" meets the
sentence on "tingling or painful sensations" even where the passage as a whole is about more.

An average of token vectors blurs a question's telling words into its others, so a passage is
also scored word by word (``token_match_scores``): each of the question's tokens meets the
closest token of the passage's own words and example questions, and their cosines are averaged
with IDF weights, less what an ordinary question of the library gets from that passage.
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
# Word by word, only the passages that fit best otherwise are compared (the cost stays bounded as
# the library grows); and what an ordinary question gets from a passage is measured on at most
# this many of the library's example questions and sentences.
TOKEN_MATCH_CANDIDATES = 10
BACKGROUND_QUESTIONS = 300


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
                 examples: Sequence[Sequence[str]] = (), unanswered: Sequence[str] = (),
                 generic: Sequence[Sequence[str]] = ()) -> None:
        """``documents``: each passage as indexed (title, headings, text); ``bodies``: its text;
        ``examples``: per passage, visitors' questions it answers (each counts as a sentence);
        ``unanswered``: questions no passage answers (knowledge/not_answered.yml); ``generic``: per
        passage, its kind of section's generic questions (see generic_scores)."""
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
        self._generic_index(generic)
        self._token_match_index(documents, examples)
        # A turn embeds the same question for several scores (the passages, the questions no
        # passage answers): once is enough.
        self.question_vectors = functools.lru_cache(maxsize=1024)(self.question_vectors)

    def _generic_index(self, generic: Sequence[Sequence[str]]) -> None:
        """The generic questions embedded once, each kind's set once however many passages share it."""
        distinct = list(dict.fromkeys(tuple(questions) for questions in generic if questions))
        self._generic_sets = [self._embedder.embed(list(questions), self._weights) for questions in distinct]
        which = {questions: i for i, questions in enumerate(distinct)}
        self._generic_of = np.asarray([which.get(tuple(q), -1) if q else -1 for q in generic]
                                      + [-1] * (self._count - len(generic)), dtype=np.int64)
        self.generic_passages = self._generic_of >= 0  # which passages have generic questions
        self.has_generic = bool(distinct)

    def generic_scores(self, text: str) -> np.ndarray:
        """Per passage: the best cosine of a unit of the question that asks with one of its generic
        questions (assistant.section_kinds); zero for a passage without any."""
        out = np.zeros(self._count)
        if not self.has_generic or not text.strip():
            return out
        vectors, asks = self.question_vectors(text)
        asking = vectors[asks]
        best = [float((asking @ questions.T).max()) for questions in self._generic_sets]
        have = self.generic_passages
        out[have] = np.asarray(best)[self._generic_of[have]]
        return out

    def similarities(self, text: str, others: Sequence[str]) -> np.ndarray:
        """The cosine of ``text`` with each of ``others``, embedded as the passages are."""
        vectors = self._embedder.embed([text, *others], self._weights)
        return vectors[1:] @ vectors[0]

    def question_vectors(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The question's units' embeddings (see question_units) and which of them ask (read-only:
        they are kept for the next call with this text)."""
        units, asking = question_units(text)
        vectors = self._embedder.embed(units, self._weights)
        vectors.setflags(write=False)
        asks = np.asarray(asking, dtype=bool)
        asks.setflags(write=False)
        return vectors, asks

    def _token_match_index(self, documents: Sequence[str], examples: Sequence[Sequence[str]]) -> None:
        """Each passage's distinct tokens that hold a letter or a digit (its indexed text and its
        example questions, in lower case) as unit vectors, grouped by passage; and each passage's
        background: its mean word-by-word score for ordinary questions of the library (a passage
        with many example questions meets any question's words more closely than a new
        article's passage does)."""
        per_passage = []
        examples = [examples[i] if i < len(examples) else () for i in range(len(documents))]
        for position, document in enumerate(documents):
            texts = [document.lower(), *(q.lower() for q in examples[position])]
            ids = [words for words in map(self._words_of, texts) if len(words)]
            per_passage.append(np.unique(np.concatenate(ids)) if ids else np.zeros(0, dtype=np.int64))
        tokens = np.concatenate(per_passage) if per_passage else np.zeros(0, dtype=np.int64)
        self._match_vectors = self._unit_vectors(tokens)
        self._match_ends = np.cumsum([len(t) for t in per_passage]).astype(np.int64)
        self._match_starts = self._match_ends - [len(t) for t in per_passage]
        self._match_present = self._match_ends > self._match_starts
        self._match_background = np.zeros(len(per_passage))
        if len(tokens):
            # Ordinary questions of this library: an even sample of its example questions and sentences.
            ordinary = [q.lower() for questions in examples for q in questions] + [
                sentence.lower() for document in documents for sentence in sentences(document)]
            ordinary = ordinary[::max(1, len(ordinary) // BACKGROUND_QUESTIONS)][:BACKGROUND_QUESTIONS]
            present = np.flatnonzero(self._match_present)
            questions = [ids for ids in map(self._words_of, ordinary) if len(ids)]
            if questions:
                # Each distinct token's best cosine with each passage once (one product), then
                # each question's weighted mean of its tokens' rows: a library saved by staff is
                # served again within seconds.
                common = np.unique(np.concatenate(questions))
                best = self._best_cosines(common, present)
                row = {token: i for i, token in enumerate(common)}
                matches = []
                for ids in questions:
                    weights = self._weights[ids]
                    matches.append(weights @ best[[row[t] for t in ids]] / max(float(weights.sum()), 1e-9))
                self._match_background[present] = np.mean(matches, axis=0)

    def _best_cosines(self, ids: np.ndarray, present: np.ndarray) -> np.ndarray:
        """For each token of ``ids`` (rows) and each passage that has tokens (``present``, columns,
        in order): the best cosine with a token of the passage; a block of tokens at a time."""
        vectors = self._unit_vectors(ids)
        starts = self._match_starts[present]  # runs of present passages: the empty ones add no tokens
        blocks = [np.maximum.reduceat(vectors[i:i + 256] @ self._match_vectors.T, starts, axis=1)
                  for i in range(0, len(vectors), 256)]
        return np.concatenate(blocks) if blocks else np.zeros((0, len(present)))

    def _token_match(self, ids: np.ndarray, weights: np.ndarray, passages: np.ndarray) -> np.ndarray:
        """For ``passages`` (positions that have tokens): the ``weights``-weighted mean over ``ids``
        of each token's best cosine with a token of the passage."""
        question = self._unit_vectors(ids)
        out = np.zeros(len(passages))
        for row, position in enumerate(passages):
            start, end = self._match_starts[position], self._match_ends[position]
            if end > start:
                best = (question @ self._match_vectors[start:end].T).max(axis=1)
                out[row] = float(weights @ best) / max(float(weights.sum()), 1e-9)
        return out

    def _unit_vectors(self, ids: np.ndarray) -> np.ndarray:
        """The token vectors of ``ids``, each of unit length."""
        vectors = self._embedder.matrix[ids]
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    def _words_of(self, text: str) -> np.ndarray:
        """The distinct tokens of ``text`` in lower case that hold a letter or a digit."""
        if not text.strip():
            return np.zeros(0, dtype=np.int64)
        ids = np.unique(self._embedder.token_ids([text.lower()])[0])
        return ids[self._embedder.wordy_tokens[ids]]

    def token_match_scores(self, text: str, candidates: np.ndarray) -> np.ndarray:
        """Per passage, how closely the question's words meet the passage's own word by word, less
        its background (see _token_match_index); computed for ``candidates`` (positions), zero for
        the others."""
        out = np.zeros(self._count)
        ids = self._words_of(text)
        candidates = np.asarray([c for c in candidates if self._match_present[c]], dtype=np.int64)
        if not len(ids) or not len(candidates):
            return out
        out[candidates] = self._token_match(ids, self._weights[ids], candidates) - self._match_background[candidates]
        return out

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
