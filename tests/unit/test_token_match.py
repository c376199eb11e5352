"""Retrieval's word-by-word score (SemanticIndex.token_match_scores): each of the question's
tokens meets the closest token of a passage's own words and example questions."""

from __future__ import annotations

import random

import numpy as np


def brute_force(index, text: str, candidates: list[int]) -> np.ndarray:
    """The score written out plainly: for each candidate passage, the IDF-weighted mean over the
    question's distinct tokens of the best cosine with any token of the passage's indexed text
    (title, headings, text) or of its example questions, less the passage's background; only tokens
    that hold a letter or a digit count."""
    semantic = index._semantic
    embedder = semantic._embedder
    unit = embedder.matrix / np.maximum(np.linalg.norm(embedder.matrix, axis=1, keepdims=True), 1e-9)
    ids = np.unique(embedder.token_ids([text.lower()])[0])
    ids = ids[[any(ch.isalnum() for ch in embedder._tokenizer.id_to_token(int(i))) for i in ids]]
    out = np.zeros(len(index.passages))
    for position in candidates:
        passage = index.passages[position]
        texts = [" ".join([passage.article.title, *passage.headings, passage.text]).lower(),
                 *(q.lower() for q in index_examples(index).get(passage.id, ()))]
        tokens = np.unique(np.concatenate([t for t in embedder.token_ids(texts) if len(t)]))
        tokens = tokens[[any(ch.isalnum() for ch in embedder._tokenizer.id_to_token(int(i))) for i in tokens]]
        best = (unit[ids] @ unit[tokens].T).max(axis=1)
        weights = semantic._weights[ids]
        out[position] = float(weights @ best) / float(weights.sum()) - semantic._match_background[position]
    return out


def index_examples(index) -> dict[str, tuple[str, ...]]:
    from assistant.examples import load_examples

    return load_examples({p.id for p in index.passages})


def test_the_score_is_each_question_tokens_best_cosine_with_the_passages_tokens(index):
    rng = random.Random(3)
    words = sorted({w for p in index.passages for w in p.text.lower().split() if w.isalpha()})
    questions = ["my legs feel like ants crawl in them at night", "how do i break the cycle of pain and no sleep",
                 *(" ".join(rng.sample(words, rng.randint(1, 8))) for _ in range(20))]
    for question in questions:
        candidates = sorted(rng.sample(range(len(index.passages)), 6))
        got = index._semantic.token_match_scores(question, np.asarray(candidates))
        assert np.allclose(got, brute_force(index, question, candidates), atol=1e-5), question
        # Passages that are not candidates are not scored.
        assert not got[[i for i in range(len(index.passages)) if i not in candidates]].any()


def test_empty_and_symbol_only_questions_score_nothing(index):
    everything = np.arange(len(index.passages))
    for text in ("", "   ", "?!", "... -- ??"):
        assert not index._semantic.token_match_scores(text, everything).any()
    # Punctuation says nothing either way: a question scores the same with or without it.
    assert np.allclose(index._semantic.token_match_scores("does poor sleep make pain worse", everything),
                       index._semantic.token_match_scores("does poor sleep make pain worse?!", everything))


def test_a_question_in_the_visitors_own_words_finds_the_approaches(index):
    # A slang question on breaking the cycle got the passage describing the cycle (development
    # set, session 37): its words ("break", "loop") meet the approaches' own and their examples'.
    question = "this pain-sleep loop is killin me, how do ppl break outta it"
    assert [p.id for p in index.answer(question).passages] == [
        "sleep-disorders-and-msk-pain/approaches-to-breaking-the-cycle"]
