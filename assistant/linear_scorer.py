"""A fitted multinomial logistic regression's probabilities, computed from its weights.

The red-flag meaning detector and the passage classifier both score messages one at a time
inside the servers, where scikit-learn's input checks and sparse-matrix assembly cost more than
the arithmetic.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


class LinearScorer:
    """The fitted multinomial logistic regression's ``predict_proba`` on [embedding | word
    tf-idf | character tf-idf], computed from the fitted weights without building sparse
    matrices: scikit-learn's input checks and matrix assembly cost ~1.5 ms per message inside
    the Rasa server, more than the arithmetic. Equal to scikit-learn's own to float rounding
    (tests/unit/test_red_flag_meaning.py compares them on random texts)."""

    def __init__(self, model, dense_columns: int, vectorizers: list) -> None:
        multinomial = model.multi_class == "multinomial" or (
            model.multi_class == "auto" and len(model.classes_) > 2 and model.solver != "liblinear")
        if not multinomial:
            raise ValueError("LinearScorer computes a multinomial model's probabilities only")
        self._weights = np.ascontiguousarray(model.coef_.T)  # one row per feature
        self._intercept = model.intercept_.copy()
        self._dense_columns = dense_columns
        self._parts = []
        offset = dense_columns
        for vectorizer in vectorizers:
            if vectorizer.norm != "l2" or not vectorizer.use_idf or vectorizer.binary:
                raise ValueError("LinearScorer supports l2-normalised tf-idf only")
            self._parts.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_,
                                vectorizer.sublinear_tf, offset))
            offset += len(vectorizer.vocabulary_)
        if offset != self._weights.shape[0]:
            raise ValueError(f"the model has {self._weights.shape[0]} features, the parts {offset}")

    def probabilities(self, dense: np.ndarray, texts: list[str]) -> np.ndarray:
        decision = dense.astype(np.float64) @ self._weights[: self._dense_columns] + self._intercept
        for row, text in enumerate(texts):
            for analyze, vocabulary, idf, sublinear, offset in self._parts:
                counts = Counter(vocabulary[gram] for gram in analyze(text) if gram in vocabulary)
                if not counts:
                    continue
                columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
                tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
                if sublinear:
                    tf = np.log(tf) + 1.0
                values = tf * idf[columns]
                values /= np.sqrt(values @ values)
                decision[row] += values @ self._weights[columns + offset]
        decision -= decision.max(axis=1, keepdims=True)
        np.exp(decision, out=decision)
        decision /= decision.sum(axis=1, keepdims=True)
        return decision
