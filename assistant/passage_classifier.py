"""Which taught passage a question is most like, learnt from staff's example questions.

Retrieval compares a question with each example question on its own (the best cosine counts);
a classifier fitted on all of them together also learns which words and phrasings tell one
passage from another ("crawling", "urge to move" for restless legs) and which say nothing. It is
a multinomial logistic regression over the sentence embedding and word and character n-grams,
as the red-flag meaning detector is, fitted when the library is indexed (the examples are
staff-editable, so there is no training step; the fit, about 6 s, is kept in
var/cache/passage_classifier/ under a hash of what it was fitted on, so a start with an unchanged
library reads it). While the running assistant fits a changed library's classifier, the previous
library's classifier answers for the passages both share, so a saved article is served within seconds
(assistant.live_library). A class of its own, "elsewhere",
holds what the taught passages do not answer: the sentences of passages nobody has taught yet
(a new article's) and the questions of knowledge/not_answered.yml, so that a question about a
new article does not have to pick one of the taught passages.
"""

from __future__ import annotations

import hashlib
import inspect
import sys
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from assistant.embeddings import SentenceEmbedder
from assistant.kept_files import keep, read_kept
from assistant.linear_scorer import LinearScorer
from assistant.paths import PASSAGE_CLASSIFIER_CACHE_DIR

ELSEWHERE = -1  # the class of what no taught passage answers
# Little regularisation: the examples are many and chosen by staff (measured with 1 and 10 on the
# development sets, scripts/tune_library.py).
REGULARISATION = 10.0
KEEP_FITS = 8  # a few libraries' fits (the tests serve several copies of the library)


class PassageClassifier:
    def __init__(self, embedder: SentenceEmbedder, examples: Sequence[Sequence[str]],
                 elsewhere: Sequence[str] = (), cache_dir: Path | None = PASSAGE_CLASSIFIER_CACHE_DIR,
                 passage_ids: Sequence[str] | None = None, meanwhile: PassageClassifier | None = None) -> None:
        """``examples``: per passage (in the index's order), visitors' questions it answers;
        ``elsewhere``: texts no taught passage answers; ``cache_dir``: where fits are kept (None:
        always fit); ``passage_ids``: the passages' ids, in the same order. ``meanwhile``: the
        classifier of the library serving now; when a fit is needed, it answers (its passages found
        by id) until ``finish_fitting`` is called, so that a saved article is served in seconds
        rather than after the fit."""
        texts = [q.lower() for questions in examples for q in questions]
        labels = [position for position, questions in enumerate(examples) for _ in questions]
        texts += [t.lower() for t in elsewhere]
        labels += [ELSEWHERE] * len(elsewhere)
        self._size = len(examples)
        self._ids = list(passage_ids) if passage_ids is not None else [str(n) for n in range(len(examples))]
        self._embedder = embedder
        # (scorer, the model's columns of taught passages, those passages' positions), swapped whole.
        self._model: tuple[LinearScorer, np.ndarray, np.ndarray] | None = None
        self._unfitted: tuple[list[str], list[int], Path | None] | None = None
        if len(set(labels)) < 3:  # a multinomial model needs three classes; fewer teach nothing
            return
        path = Path(cache_dir) / f"{_fitted_on(texts, labels, embedder)}.pickle" if cache_dir is not None else None
        fitted = read_kept(path, tuple, "passage classifier") if path else None
        if fitted is not None:
            self._use(fitted)
        elif meanwhile is not None:
            self._model = meanwhile._moved_to(self._ids)
            self._unfitted = (texts, labels, path)
        else:
            self._use(_fit_and_keep(embedder, texts, labels, path))

    @property
    def fitting_left(self) -> bool:
        """True while the previous library's classifier answers for this one."""
        return self._unfitted is not None

    def finish_fitting(self) -> None:
        """Fit what was left for later, and answer with it from then on."""
        if self._unfitted is None:
            return
        texts, labels, path = self._unfitted
        self._use(_fit_and_keep(self._embedder, texts, labels, path))
        self._unfitted = None

    def probabilities(self, text: str) -> np.ndarray:
        """Per passage, the probability that it is the one the question asks for (zero for a
        passage with no examples; what is left is the "elsewhere" class's)."""
        out = np.zeros(self._size)
        model = self._model
        if model is None or not text.strip():
            return out
        scorer, columns, positions = model
        lowered = text.lower()
        row = scorer.probabilities(self._embedder.embed([lowered]), [lowered])[0]
        out[positions] = row[columns]
        return out

    def _use(self, fitted: tuple) -> None:
        words, chars, model = fitted
        classes = np.asarray(model.classes_)
        columns = np.flatnonzero(classes != ELSEWHERE)
        self._model = (LinearScorer(model, self._embedder.dimensions, [words, chars]), columns, classes[columns])

    def _moved_to(self, passage_ids: list[str]) -> tuple[LinearScorer, np.ndarray, np.ndarray] | None:
        """This classifier's model with its passages at their positions among ``passage_ids``
        (a passage no longer there is left out)."""
        if self._model is None:
            return None
        scorer, columns, positions = self._model
        where = {passage_id: position for position, passage_id in enumerate(passage_ids)}
        kept = [(column, where[self._ids[position]]) for column, position in zip(columns, positions, strict=True)
                if self._ids[position] in where]
        return scorer, np.asarray([c for c, _ in kept], dtype=int), np.asarray([p for _, p in kept], dtype=int)


def _fit_and_keep(embedder: SentenceEmbedder, texts: list[str], labels: list[int], path: Path | None) -> tuple:
    fitted = _fit(embedder, texts, labels)
    if path:
        keep(path, fitted, KEEP_FITS, "fitted passage classifier")
    return fitted


def _fit(embedder: SentenceEmbedder, texts: list[str], labels: list[int]) -> tuple:
    from scipy.sparse import csr_matrix, hstack

    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2).fit(texts)
    features = hstack([csr_matrix(embedder.embed(texts)), words.transform(texts), chars.transform(texts)]).tocsr()
    model = LogisticRegression(C=REGULARISATION, max_iter=3000).fit(features, labels)
    return words, chars, model


def _fitted_on(texts: list[str], labels: list[int], embedder: SentenceEmbedder) -> str:
    """A hash of everything a fit depends on: the texts and their classes, this module's code,
    the embedding model and the versions of the libraries that fit it."""
    import scipy
    import sklearn

    digest = hashlib.sha256()
    for part in (repr(list(zip(texts, labels, strict=True))), inspect.getsource(sys.modules[__name__]),
                 sklearn.__version__, scipy.__version__, np.__version__):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(embedder.fingerprint())
    return digest.hexdigest()[:32]
