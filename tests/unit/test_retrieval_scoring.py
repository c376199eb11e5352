"""The sparse scoring gives exactly what a dense score over every passage gave, ties included."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest
from ruamel.yaml import YAML

from assistant.retrieval import KnowledgeIndex

CASES = YAML(typ="safe").load((Path(__file__).parents[1] / "data" / "retrieval_cases.yml").read_text())["cases"]



def dense_scores(index: KnowledgeIndex, text: str) -> np.ndarray:
    """The former scoring: a score array over every passage, the query's postings added in."""
    scores = np.zeros(len(index.passages))
    for token, scale in index.query_weights(text):
        passages, values = index._postings[token]
        scores[passages] += values * scale
    return scores


def questions(index: KnowledgeIndex, count: int = 300) -> list[str]:
    """The labelled questions, and word salads from the passages: common and rare words mixed."""
    rng = random.Random(5)
    words = sorted({w for p in index.passages for w in p.text.lower().split() if w.isalpha()})
    salads = [" ".join(rng.sample(words, rng.randint(1, 6))) for _ in range(count)]
    return [case["text"] for case in CASES] + salads + ["", "the and of", "zzzz qqqq"]


@pytest.fixture(scope="module")
def doubled_index(index):
    """The library three times over (same texts, new ids): many exact ties to break."""
    copies = [dataclasses.replace(p, id=f"{p.id}#{n}") for n in range(1, 3) for p in index.passages]
    return KnowledgeIndex(index.passages + copies, index.topics, index.vocabulary, index._nlp, index.menu)


@pytest.mark.parametrize("which", ["index", "doubled_index"])
def test_best_lexical_is_the_first_arg_max_of_the_dense_scores(which, request):
    index = request.getfixturevalue(which)
    for text in questions(index):
        dense = dense_scores(index, text)
        position, score = index.best_lexical(text)
        assert (position, score) == (int(np.argmax(dense)), float(dense[np.argmax(dense)])), text


def test_scores_of_chosen_passages_are_the_dense_scores_bit_for_bit(doubled_index):
    everything = np.arange(len(doubled_index.passages))
    for text in questions(doubled_index, 50):
        dense = dense_scores(doubled_index, text)
        sparse = doubled_index.lexical_scores(text, everything)
        assert [sparse[i] for i in everything.tolist()] == dense.tolist(), text

