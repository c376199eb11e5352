"""Sentence embeddings with wordllama's model, without importing the wordllama package.

wordllama (MIT) needs numpy 2, which Rasa 3.6 forbids, but its model is two files: a token
embedding matrix (safetensors) and a Hugging Face tokenizer. Its inference is: tokenize
without special tokens, look up each token's row, average them. This module does exactly
that; tests/unit/test_embeddings.py checks it against the package's own output
(tests/data/wordllama_reference.json, written by scripts/wordllama_reference.py).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from assistant.paths import EMBEDDING_MODEL_DIR

WEIGHTS_FILE = "l2_supercat_256.safetensors"
TOKENIZER_FILE = "l2_supercat_tokenizer_config.json"
TENSOR_KEY = "embedding.weight"
# Long messages are embedded sentence by sentence elsewhere; this bounds the work per text.
MAX_TOKENS = 512


class ModelMissing(RuntimeError):
    """The model files are not where they should be (run `make setup`)."""


class SentenceEmbedder:
    def __init__(self, model_dir: Path = EMBEDDING_MODEL_DIR) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        weights, tokenizer = model_dir / WEIGHTS_FILE, model_dir / TOKENIZER_FILE
        for path in (weights, tokenizer):
            if not path.is_file():
                raise ModelMissing(f"{path} is missing: run `make setup` to unpack the embedding model")
        self._matrix = np.ascontiguousarray(load_file(str(weights))[TENSOR_KEY].astype(np.float32))
        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.no_truncation()
        self.dimensions = self._matrix.shape[1]
        self.vocabulary_size = self._matrix.shape[0]
        self._files = (weights, tokenizer)
        self._wordy: np.ndarray | None = None

    @property
    def matrix(self) -> np.ndarray:
        """The token embedding matrix (read-only use: one row per vocabulary entry)."""
        return self._matrix

    @property
    def wordy_tokens(self) -> np.ndarray:
        """Per vocabulary entry, whether the token holds a letter or a digit (not "?", "-", "▁")."""
        if self._wordy is None:
            vocabulary = self._tokenizer.get_vocab()
            self._wordy = np.zeros(self.vocabulary_size, dtype=bool)
            for token, position in vocabulary.items():
                if position < self.vocabulary_size and any(ch.isalnum() for ch in token):
                    self._wordy[position] = True
        return self._wordy

    def fingerprint(self) -> bytes:
        """A hash of the model's files: what a model fitted on these embeddings depends on."""
        digest = hashlib.sha256()
        for path in self._files:
            digest.update(path.read_bytes())
        return digest.digest()

    def token_ids(self, texts: Sequence[str]) -> list[np.ndarray]:
        encoded = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        return [np.clip(np.asarray(e.ids[:MAX_TOKENS], dtype=np.int64), 0, len(self._matrix) - 1) for e in encoded]

    def embed(self, texts: Sequence[str], token_weights: np.ndarray | None = None) -> np.ndarray:
        """Unit-length embeddings, one row per text (a text with no tokens gets zeros).

        Without ``token_weights`` this is wordllama's own mean of the token vectors; with
        them (one weight per vocabulary entry, e.g. IDF) a weighted mean, so that rare,
        telling words count for more than "the" and "my".
        """
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, ids in enumerate(self.token_ids(texts)):
            if len(ids):
                if token_weights is None:
                    vector = self._matrix[ids].mean(axis=0)
                else:
                    weights = token_weights[ids]
                    vector = (self._matrix[ids] * weights[:, None]).sum(axis=0) / max(float(weights.sum()), 1e-9)
                norm = float(np.linalg.norm(vector))
                out[row] = vector / norm if norm > 0 else vector
        return out


@lru_cache(maxsize=1)
def default_embedder() -> SentenceEmbedder:
    return SentenceEmbedder()
