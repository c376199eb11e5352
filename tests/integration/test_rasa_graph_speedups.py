"""The graph-runner patch (connectors/rasa_speedups.py) gives exactly Rasa's own results.

The trained model parses random messages and predicts the next action on random conversations
twice, once with Rasa as released (dask's scheduler) and once with the patch installed; every
parse (intent ranking with its confidences, entities, the red-flag verdict) and every
prediction must be equal.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rasa.core.agent import Agent
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from connectors import rasa_patches
from tests.integration.in_process import load_agent, loop
from tests.integration.random_messages import MESSAGES

PATCHED = [p for p in rasa_patches.PATCHES if p.name == "graph-run-in-order"]


@pytest.fixture(scope="module")
def agent():
    return load_agent()


def _both(work):
    """``work()`` with Rasa as released, then with the patch."""
    rasa_patches.uninstall_all()
    released = work()
    for patch in PATCHED:
        rasa_patches.install(patch)
    try:
        patched = work()
    finally:
        rasa_patches.uninstall_all()
    return released, patched


def _parse(agent: Agent, text: str) -> dict:
    return loop.run_until_complete(agent.parse_message(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=MESSAGES)
def test_every_parse_equals_rasas_own(agent, text):
    released, patched = _both(lambda: _parse(agent, text))
    assert patched == released


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(MESSAGES, min_size=1, max_size=4))
def test_every_next_action_prediction_equals_rasas_own(agent, texts):
    events = [ActionExecuted(ACTION_LISTEN_NAME)]
    for text in texts:
        events += [UserUttered(text, parse_data=_parse(agent, text)), ActionExecuted(ACTION_LISTEN_NAME)]
    events = events[:-1]  # the last message waits for its reply

    def predict():
        tracker = DialogueStateTracker.from_events("equality", events, agent.domain.slots)
        prediction = agent.processor._predict_next_with_tracker(tracker)
        return prediction.max_confidence_index, prediction.probabilities, prediction.policy_name, prediction.events

    released, patched = _both(predict)
    assert patched == released


def test_the_patch_is_in_use_when_installed(agent):
    # A guard against an equality test that compares Rasa with itself.
    agent.processor.graph_runner.__dict__.pop("_node_orders", None)
    _both(lambda: _parse(agent, "what is restless legs syndrome"))
    assert agent.processor.graph_runner.__dict__.get("_node_orders")
