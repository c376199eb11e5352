"""The Rasa speed-up keeps Rasa's behaviour, and notices when Rasa changes the method it replaces."""

from __future__ import annotations

import inspect

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.utils.common import all_subclasses

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


def test_the_replaced_event_lookup_is_still_the_one_measured():
    source = inspect.getsource(rasa_speedups.ORIGINAL_RESOLVE_BY_TYPE)
    assert "for cls in rasa.shared.utils.common.all_subclasses(Event):" in source
    assert "if cls.type_name == type_name:" in source


def test_event_lookup_gives_rasas_class_for_every_event_name():
    rasa_speedups.install()
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "action", "slot", "session_started", "reminder"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is rasa_speedups.ORIGINAL_RESOLVE_BY_TYPE(name)
    assert Event.from_parameters({"event": "slot", "name": "x", "value": 1}) == SlotSet("x", 1)


def test_event_lookup_of_unknown_names_behaves_as_in_rasa():
    rasa_speedups.install()
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")


def test_event_lookup_finds_an_event_class_defined_after_the_first_lookup():
    rasa_speedups.install()
    Event.resolve_by_type("user")

    class LateEvent(SlotSet):
        type_name = "late_event_for_test"

    assert Event.resolve_by_type("late_event_for_test") is LateEvent
