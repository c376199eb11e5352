"""Rasa's DIETClassifier, trained and loaded as Rasa does, whose intent prediction is computed
with NumPy from its trained weights instead of through TensorFlow.

Why: at 20 visitors the Rasa server is held to one core by Python's lock, and DIET's call into
TensorFlow (building its input data, then TensorFlow's dispatch of a compiled function with a
few dozen input tensors) took about 30% of the lock's samples for a network of three small
matrices (docs/performance.md). The arithmetic is a few thousand multiply-adds.

What is computed, and why it is all of DIET's intent prediction in this configuration: with no
transformer layers and no entity recognition, DIET reads the intent from the last position of
its text sequence, the sentence position, and every layer before it acts on each position by
itself. At the sentence position the token features are padding (zero), so the intent depends
only on the message's sparse sentence features: dense layer (sparse to dense), the feed-forward
layers (connection-masked kernels, exact GELU), the text embedding, its inner product with the
label embeddings DIET prepared at load, and a softmax. Rasa's own ``_predict_label`` then ranks
them. A model of another shape (transformer layers, entities, dense features, cosine
similarity, ...) keeps Rasa's own prediction, as does a message without sentence features.

tests/integration/test_diet_numpy.py checks, on random messages with the trained model, that
every parse equals Rasa's own prediction (confidences to float32 rounding).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.constants import (
    ENTITY_RECOGNITION,
    FEATURIZERS,
    INNER,
    INTENT_CLASSIFICATION,
    MODEL_CONFIDENCE,
    NUM_TRANSFORMER_LAYERS,
    SIMILARITY_TYPE,
    SOFTMAX,
)
from scipy.special import erf
from threadpoolctl import ThreadpoolController

logger = logging.getLogger(__name__)
SQRT_2 = np.float32(np.sqrt(2.0))
# The products are a few thousand multiply-adds: OpenBLAS's extra threads gain nothing on them
# and spin after each call, a core's worth of CPU under load (bench/load.py: the Rasa server at
# 160% of a core instead of 100%). Limited around these products only.
BLAS = ThreadpoolController()


def gelu(x: np.ndarray) -> np.ndarray:
    """TensorFlow's exact GELU (``tf.nn.gelu(approximate=False)``), DIET's activation."""
    return np.float32(0.5) * x * (np.float32(1.0) + erf(x / SQRT_2))


def _columns(row: Any) -> np.ndarray | None:
    """The column of each stored entry of a one-row sparse matrix, in the order of its ``data``;
    None for a storage format other than the featurizers' COO and CSR."""
    format_ = getattr(row, "format", None)
    if format_ == "coo":
        return row.col
    if format_ == "csr" and row.shape[0] == 1:  # one row: its indices are the columns
        return row.indices
    return None


def softmax(x: np.ndarray) -> np.ndarray:
    shifted = np.exp(x - x.max())
    return shifted / shifted.sum()


@dataclass(frozen=True)
class SentenceIntentScorer:
    """DIET's intent confidences from a message's sparse sentence features."""

    featurizers: tuple[str, ...]  # DIET's ``featurizers`` setting: empty means every one
    sparse_kernel: np.ndarray  # (features, units): the text sentence features' sparse-to-dense layer
    sparse_bias: np.ndarray
    hidden: tuple[tuple[np.ndarray, np.ndarray], ...]  # the feed-forward layers: (masked kernel, bias)
    embed_kernel: np.ndarray
    embed_bias: np.ndarray
    label_embeddings: np.ndarray  # (labels, embedding dimension), as DIET prepared them for prediction

    @classmethod
    def from_classifier(cls, classifier: DIETClassifier) -> SentenceIntentScorer | None:
        """The scorer for a trained DIET of the shape described above, else None."""
        config, model = classifier.component_config, classifier.model
        transformer_layers = config[NUM_TRANSFORMER_LAYERS]
        if isinstance(transformer_layers, dict):
            transformer_layers = transformer_layers.get(TEXT, 0)
        if (model is None or not config[INTENT_CLASSIFICATION] or config[ENTITY_RECOGNITION]
                or config[MODEL_CONFIDENCE] != SOFTMAX or config[SIMILARITY_TYPE] != INNER or transformer_layers):
            return None
        sentence_signature = model.data_signature[TEXT].get(FEATURE_TYPE_SENTENCE, [])
        if model.all_labels_embed is None or not sentence_signature or any(not f.is_sparse for f in sentence_signature):
            return None
        sequence_layer = model._tf_layers.get("sequence_layer.text")  # noqa: SLF001 (Rasa keeps its layers here)
        combining = getattr(sequence_layer, "_tf_layers", {}).get("feature_combining")
        layers = getattr(combining, "_tf_layers", {})
        if set(layers) != {"sparse_dense.sequence", "sparse_dense.sentence"}:
            return None  # dense features, or dimensions unified before concatenation
        sentence = layers["sparse_dense.sentence"]._tf_layers.get("sparse_to_dense")  # noqa: SLF001
        if sentence is None or sentence.activation.__name__ != "linear":
            return None
        if sequence_layer._has_transformer:  # noqa: SLF001
            return None
        hidden = []
        for layer in sequence_layer._tf_layers["ffnn"]._ffn_layers:  # noqa: SLF001
            if hasattr(layer, "kernel_mask"):
                if layer.activation.__name__ != "gelu":
                    return None
                hidden.append((np.asarray(layer.kernel * layer.kernel_mask, np.float32),
                               np.asarray(layer.bias, np.float32)))
        embed = model._tf_layers["embed.text"]._dense  # noqa: SLF001
        if embed.activation.__name__ != "linear":
            return None
        return cls(
            featurizers=tuple(config[FEATURIZERS] or ()),
            sparse_kernel=np.asarray(sentence.kernel, np.float32),
            sparse_bias=np.asarray(sentence.bias, np.float32),
            hidden=tuple(hidden),
            embed_kernel=np.asarray(embed.kernel, np.float32),
            embed_bias=np.asarray(embed.bias, np.float32),
            label_embeddings=np.asarray(model.all_labels_embed, np.float32),
        )

    def scores(self, message: Message) -> np.ndarray | None:
        """The confidence of each label, in DIET's label order; None without sentence features."""
        columns, values, offset = [], [], 0
        # As Message.get_sparse_features: the sparse sentence features side by side, in order.
        for feature in message.features:
            if (feature.attribute == TEXT and feature.type == FEATURE_TYPE_SENTENCE and feature.is_sparse()
                    and (not self.featurizers or feature.origin in self.featurizers)):
                block_columns = _columns(feature.features)
                if block_columns is None:
                    return None  # Rasa's own prediction reads it
                columns.append(block_columns + offset)
                values.append(feature.features.data)
                offset += feature.features.shape[1]
        if not columns or offset != self.sparse_kernel.shape[0]:
            return None
        values_32 = np.concatenate(values).astype(np.float32)
        with BLAS.limit(limits=1, user_api="blas"):
            x = values_32 @ self.sparse_kernel[np.concatenate(columns)] + self.sparse_bias
            for kernel, bias in self.hidden:
                x = gelu(x @ kernel + bias)
            embedded = x @ self.embed_kernel + self.embed_bias
            return softmax(self.label_embeddings @ embedded)


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR],
    is_trainable=True,
)
class NumpyInferenceDIETClassifier(DIETClassifier):
    """DIET as Rasa trains, stores and loads it; its intent prediction as described above."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._scorer_for: tuple[int, SentenceIntentScorer | None] | None = None

    def scorer(self) -> SentenceIntentScorer | None:
        """Read from the model once per model (training sets a new one)."""
        if self._scorer_for is None or self._scorer_for[0] != id(self.model):
            scorer = SentenceIntentScorer.from_classifier(self)
            if self.model is not None and scorer is None:
                logger.info("DIET predicts through TensorFlow: its configuration is not the one "
                            "components/diet_numpy.py reproduces.")
            self._scorer_for = (id(self.model), scorer)
        return self._scorer_for[1]

    def process(self, messages: list[Message]) -> list[Message]:
        scorer = self.scorer()
        if scorer is None or self._execution_context.should_add_diagnostic_data:
            return super().process(messages)
        for message in messages:
            scores = scorer.scores(message)
            if scores is None:
                super().process([message])
                continue
            label, ranking = self._predict_label({"i_scores": scores})
            message.set(INTENT, label, add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages
