"""The embedding model reproduces the wordllama package's own output (written by
scripts/wordllama_reference.py in a virtualenv where the package is installed)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import ModelMissing, SentenceEmbedder, default_embedder

REFERENCE = json.loads((Path(__file__).parents[1] / "data" / "wordllama_reference.json").read_text())


def test_embeddings_equal_the_packages_own():
    ours = default_embedder().embed(REFERENCE["sentences"])
    theirs = np.asarray(REFERENCE["embeddings"], dtype=np.float32)
    assert ours.shape == theirs.shape
    cosines = np.sum(ours * theirs, axis=1)
    assert np.all(cosines > 0.9999), dict(zip(REFERENCE["sentences"], cosines.round(5).tolist(), strict=True))


def test_related_sentences_are_closer_than_unrelated_ones():
    a, b, c = default_embedder().embed([
        "my legs feel restless and twitchy when I lie down at night",
        "restless leg syndrome in the evening",
        "a crushing pain in my chest",
    ])
    assert a @ b > a @ c


def test_a_text_without_tokens_is_a_zero_vector():
    assert not default_embedder().embed([""]).any()


def test_a_missing_model_says_how_to_get_it(tmp_path):
    with pytest.raises(ModelMissing, match="make setup"):
        SentenceEmbedder(tmp_path)
