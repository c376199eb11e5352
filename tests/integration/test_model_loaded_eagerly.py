"""The eager model-building patch (connectors/rasa_speedups.py, 5.) loads exactly Rasa's own model.

The trained model is loaded twice, once with Rasa as released and once with the patch: the
intent classifier's weights must be equal, array for array, and random messages must get equal
parses (intent ranking with its confidences, entities, the red-flag verdict).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from rasa.core.agent import Agent
from rasa.nlu.classifiers.diet_classifier import DIETClassifier

from connectors import rasa_patches
from tests.integration.in_process import component_of, load_agent, loop
from tests.integration.random_messages import MESSAGES

PATCH = next(p for p in rasa_patches.PATCHES if p.name == "model-built-eagerly")


@pytest.fixture(scope="module")
def agents() -> tuple[Agent, Agent]:
    rasa_patches.uninstall_all()
    released = load_agent()
    rasa_patches.install(PATCH)
    try:
        patched = load_agent()
    finally:
        rasa_patches.uninstall_all()
    return released, patched


def _diet(agent: Agent) -> DIETClassifier:
    return component_of(agent, DIETClassifier)


def test_the_patch_loads_every_weight_as_rasa_does(agents):
    released, patched = (_diet(agent).model for agent in agents)
    assert patched is not released
    names = [w.name for w in released.weights]
    assert names == [w.name for w in patched.weights] and names
    for name, mine, rasas in zip(names, patched.get_weights(), released.get_weights(), strict=True):
        assert np.array_equal(mine, rasas), name
    assert patched.run_eagerly == released.run_eagerly


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=MESSAGES)
def test_random_messages_are_parsed_as_by_rasas_load(agents, text):
    released, patched = (loop.run_until_complete(agent.parse_message(text)) for agent in agents)
    assert patched == released
