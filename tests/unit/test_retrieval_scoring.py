"""The words part of retrieval: every passage's TF-IDF cosine with the question, as
scikit-learn's own vectorizer weighs the question and the passages."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import scipy.sparse
from ruamel.yaml import YAML

from assistant.retrieval import KnowledgeIndex

CASES = YAML(typ="safe").load((Path(__file__).parents[1] / "data" / "retrieval_cases.yml").read_text())["cases"]


def questions(index: KnowledgeIndex, count: int = 300) -> list[str]:
    """The labelled questions, and word salads from the passages: common and rare words mixed."""
    rng = random.Random(5)
    words = sorted({w for p in index.passages for w in p.text.lower().split() if w.isalpha()})
    salads = [" ".join(rng.sample(words, rng.randint(1, 6))) for _ in range(count)]
    return [case["text"] for case in CASES] + salads + ["", "the and of", "zzzz qqqq"]


def test_lexical_scores_are_the_cosines_of_scikit_learns_tf_idf_vectors(index):
    vocabulary = index._vectorizer.vocabulary_
    rows, columns, values = [], [], []
    for token, (passages, weights) in index._postings.items():
        rows += passages.tolist()
        columns += [vocabulary[token]] * len(passages)
        values += weights.tolist()
    documents = scipy.sparse.csr_matrix((values, (rows, columns)), shape=(len(index.passages), len(vocabulary)))
    for text in questions(index):
        query = index._vectorizer.transform([index.tokens(text)])
        expected = (documents @ query.T).toarray().ravel()
        assert np.allclose(index.lexical_scores(text), expected, rtol=0, atol=1e-12), text
    assert index.lexical_scores("the and of").max() == 0.0


def test_character_scores_are_the_cosines_of_scikit_learns_character_tf_idf_vectors(index):
    vectorizer = index._character_vectorizer
    # The passages' normalised vectors (the matrix holds them times each gram's IDF).
    documents = scipy.sparse.csr_matrix(index._character_matrix.multiply(1.0 / vectorizer.idf_[:, None])).T
    for text in questions(index, 100) + ["sleepin badly wit achey kneez"]:
        expected = (documents @ vectorizer.transform([text]).T).toarray().ravel()
        assert np.allclose(index.character_scores(text), expected, rtol=0, atol=1e-9), text
    assert index.character_scores("").max() == 0.0
