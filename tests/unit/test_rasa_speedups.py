"""The Rasa speed-up keeps Rasa's behaviour, and notices when Rasa changes the method it replaces."""

from __future__ import annotations

import inspect

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from connectors import rasa_speedups


def test_the_replaced_rasa_method_is_still_the_one_measured():
    source = inspect.getsource(rasa_speedups.ORIGINAL_VALIDATE)
    assert "validate(result, self.action_response_format_spec())" in source


def test_valid_responses_pass_and_invalid_ones_fail_as_in_rasa():
    rasa_speedups.install()
    action = RemoteAction("action_answer_question", None)
    good = {"events": [{"event": "slot", "name": "closing_sent", "value": False}], "responses": [{"text": "hi"}]}
    assert action._validate_action_result(good) is True
    assert rasa_speedups.ORIGINAL_VALIDATE(action, good) is True
    bad = {"events": "not a list", "responses": []}
    for validate in (action._validate_action_result, lambda r: rasa_speedups.ORIGINAL_VALIDATE(action, r)):
        with pytest.raises(ValidationError) as caught:
            validate(bad)
        assert "Failed to validate Action server response" in caught.value.message
