"""DIET's intent prediction in NumPy (components/diet_numpy.py) equals Rasa's own.

The trained model is loaded once. Each random message is parsed twice through the whole
pipeline: with the NumPy prediction, and with the component told to predict as Rasa's
DIETClassifier does (TensorFlow). Every part of the two parses must be equal, the confidences
to float32 rounding, so the fallback, the guards and the red-flag check decide alike.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa.core.agent import Agent

from components.diet_numpy import NumpyInferenceDIETClassifier, gelu
from tests.integration.in_process import component_of, load_agent, loop
from tests.integration.random_messages import MESSAGES

TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def agent_and_diet() -> tuple[Agent, NumpyInferenceDIETClassifier]:
    agent = load_agent()
    diet = component_of(agent, NumpyInferenceDIETClassifier)
    assert diet.scorer() is not None, "the trained DIET is not of the shape the NumPy prediction reproduces"
    return agent, diet


def _parse_both(agent: Agent, diet: NumpyInferenceDIETClassifier, text: str) -> tuple[dict, dict]:
    mine = loop.run_until_complete(agent.parse_message(text))
    kept = diet._scorer_for  # noqa: SLF001
    diet._scorer_for = (id(diet.model), None)  # noqa: SLF001 (predict as Rasa's DIETClassifier)
    try:
        rasas = loop.run_until_complete(agent.parse_message(text))
    finally:
        diet._scorer_for = kept  # noqa: SLF001
    return mine, rasas


def _same_ranking(mine: list[dict], rasas: list[dict]) -> bool:
    """Equal names and confidences, except that labels whose confidences are equal to float32
    rounding may be in either order."""
    if len(mine) != len(rasas):
        return False
    theirs = {entry["name"]: entry["confidence"] for entry in rasas}
    for a, b in zip(mine, rasas, strict=True):
        if a["name"] not in theirs or abs(a["confidence"] - theirs[a["name"]]) > TOLERANCE:
            return False
        if a["name"] != b["name"] and abs(a["confidence"] - b["confidence"]) > TOLERANCE:
            return False
    return True


def _assert_equal_parses(mine: dict, rasas: dict) -> None:
    assert set(mine) == set(rasas)
    for key in mine:
        if key == "intent":
            assert abs(mine[key]["confidence"] - rasas[key]["confidence"]) <= TOLERANCE
            if mine[key]["name"] != rasas[key]["name"]:
                # only a tie to float32 rounding may be broken the other way
                ranking = {e["name"]: e["confidence"] for e in rasas["intent_ranking"]}
                assert abs(ranking.get(mine[key]["name"], -1) - rasas[key]["confidence"]) <= TOLERANCE, (mine, rasas)
        elif key == "intent_ranking":
            assert _same_ranking(mine[key], rasas[key]), (mine[key], rasas[key])
        else:
            assert mine[key] == rasas[key], key


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MESSAGES)
def test_random_messages_get_rasas_own_parse(agent_and_diet, text):
    _assert_equal_parses(*_parse_both(*agent_and_diet, text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.sampled_from([
    "hi", "how does chronic back pain affect sleep?", "I took 20 of my sleeping pills an hour ago",
    "what is periodic limb movement disorder", "can I book an appointment with Dr. Kohler",
    "is cbt-i better than pills for insomnia", "thanks, bye", "", "   ", "/greet", "x" * 2000,
]))
def test_visitors_messages_get_rasas_own_parse(agent_and_diet, text):
    _assert_equal_parses(*_parse_both(*agent_and_diet, text))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=-20, max_value=20, width=32), min_size=1, max_size=64))
def test_gelu_is_tensorflows_exact_gelu(values):
    import numpy as np
    import tensorflow as tf

    x = np.array(values, dtype=np.float32)
    # to float32 rounding (1 + erf(x) cancels for x < 0)
    assert np.allclose(gelu(x), tf.nn.gelu(x, approximate=False).numpy(), rtol=1e-6, atol=1e-6)


def test_a_sentence_feature_in_another_sparse_format_gets_rasas_own_prediction(agent_and_diet):
    import scipy.sparse
    from rasa.shared.nlu.training_data.features import Features
    from rasa.shared.nlu.training_data.message import Message

    _, diet = agent_and_diet
    units = diet.scorer().sparse_kernel.shape[0]
    message = Message(data={"text": "hi"})
    message.add_features(Features(scipy.sparse.lil_matrix((1, units)), "sentence", "text", "somewhere"))
    assert diet.scorer().scores(message) is None
    message = Message(data={"text": "hi"})
    message.add_features(Features(scipy.sparse.coo_matrix(([1.0], ([0], [3])), shape=(1, units)),
                                  "sentence", "text", "somewhere"))
    assert diet.scorer().scores(message) is not None


def test_the_numpy_prediction_is_the_one_used(agent_and_diet):
    """Without it the comparison above would compare Rasa with itself."""
    agent, diet = agent_and_diet
    calls = []
    scorer = diet.scorer()
    original = type(scorer).scores

    def counted(self, message):
        calls.append(message)
        return original(self, message)

    type(scorer).scores = counted
    try:
        loop.run_until_complete(agent.parse_message("how does pain affect sleep?"))
    finally:
        type(scorer).scores = original
    assert len(calls) == 1
