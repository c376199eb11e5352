"""The Rasa speed-up keeps Rasa's behaviour, and notices when Rasa changes the method it replaces."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

from connectors import rasa_speedups


def test_the_replaced_rasa_method_is_still_the_one_measured():
    source = inspect.getsource(rasa_speedups.ORIGINAL_VALIDATE)
    assert "validate(result, self.action_response_format_spec())" in source


def test_valid_responses_pass_and_invalid_ones_fail_as_in_rasa(rasa_patched):
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


def test_event_lookup_gives_rasas_class_for_every_event_name(rasa_patched):
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "action", "slot", "session_started", "reminder"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is rasa_speedups.ORIGINAL_RESOLVE_BY_TYPE(name)
    assert Event.from_parameters({"event": "slot", "name": "x", "value": 1}) == SlotSet("x", 1)


def test_event_lookup_of_unknown_names_behaves_as_in_rasa(rasa_patched):
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")


def test_event_lookup_finds_an_event_class_defined_after_the_first_lookup(rasa_patched):
    Event.resolve_by_type("user")

    class LateEvent(SlotSet):
        type_name = "late_event_for_test"

    assert Event.resolve_by_type("late_event_for_test") is LateEvent


def test_the_replaced_session_is_still_the_one_rasa_opens_per_request():
    assert "async with self.session() as session:" in inspect.getsource(rasa_speedups.ORIGINAL_REQUEST)
    source = inspect.getsource(rasa_speedups.ORIGINAL_SESSION)
    for part in ("headers=self.headers", "auth=auth", "aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT)"):
        assert part in source


def test_action_calls_share_one_connection_and_survive_the_server_restarting(rasa_patched):
    """Rasa's request, as RemoteAction makes it, against a real HTTP server on loopback."""

    async def scenario() -> tuple[list, list]:
        peers: list = []

        async def webhook(request: web.Request) -> web.Response:
            peers.append(request.transport.get_extra_info("peername"))
            assert request.headers["X-Clinic"] == "ospina"
            return web.json_response({"events": [], "responses": [{"text": await request.json()}]})

        async def serve(port: int = 0) -> web.AppRunner:
            app = web.Application()
            app.router.add_post("/webhook", webhook)
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()
            return runner

        runner = await serve()
        port = runner.addresses[0][1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"X-Clinic": "ospina"})
        replies = [await endpoint.request(json=f"call {n}", method="post") for n in range(3)]
        await runner.cleanup()  # the action server restarts
        runner = await serve(port)
        replies.append(await endpoint.request(json="after the restart", method="post"))
        await runner.cleanup()
        async with endpoint.session() as session:
            await session.close()
        return peers, replies

    peers, replies = asyncio.run(scenario())
    assert [r["responses"][0]["text"] for r in replies] == ["call 0", "call 1", "call 2", "after the restart"]
    assert peers[0] == peers[1] == peers[2], "each call opened a new connection"


def test_the_replaced_graph_run_is_still_rasas_dask_run():
    run = inspect.getsource(rasa_speedups.ORIGINAL_GRAPH_RUN)
    assert "minimal_schema = self._graph_schema.minimal_graph_schema(run_targets)" in run
    assert "dask_result = dask.get(run_graph, run_targets)" in run
    assert "return dict(dask_result)" in run
    from rasa.engine.runner.dask import DaskGraphRunner

    inputs = inspect.getsource(DaskGraphRunner._add_inputs_to_graph)
    assert "graph[input_name] = (input_name, input_value)" in inputs
    graph = inspect.getsource(DaskGraphRunner._build_dask_graph)
    assert "*schema_node.needs.values()," in graph


def test_an_input_named_like_a_node_is_refused_as_rasa_refuses_it():
    from rasa.engine.exceptions import GraphRunError
    from rasa.engine.graph import GraphSchema, SchemaNode
    from rasa.engine.runner.dask import DaskGraphRunner
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    schema = GraphSchema({"tokenizer": SchemaNode(needs={"messages": "__message__"}, uses=WhitespaceTokenizer,
                                                  fn="process", constructor_name="create", config={})})
    runner = DaskGraphRunner.__new__(DaskGraphRunner)
    runner._graph_schema, runner._instantiated_nodes, runner._execution_context = schema, {"tokenizer": None}, None
    for run in (rasa_speedups.ORIGINAL_GRAPH_RUN, rasa_speedups.run_graph_in_order):
        with pytest.raises(GraphRunError, match="clashes with a node name"):
            run(runner, inputs={"__message__": "tokenizer"}, targets=["tokenizer"])


def test_the_replaced_model_load_is_still_rasas_one_step_build():
    # Its equality with Rasa's load: tests/integration/test_model_loaded_eagerly.py (needs the model).
    source = inspect.getsource(rasa_speedups.ORIGINAL_MODEL_LOAD.__func__)
    assert "model.fit(data_generator, verbose=False)" in source
    assert "model.load_weights(model_file_name)" in source
    assert "if not finetune_mode and predict_data_example:" in source
    assert "model.run_inference(predict_data_example)" in source


def test_the_event_schema_still_tells_its_kinds_apart_by_a_required_name():
    """What ``known_valid`` rests on: Rasa's events are each required to name their kind, and
    each branch of the events' oneOf accepts one name only."""
    from rasa.shared.utils.schemas.events import EVENT_SCHEMA

    assert "event" in EVENT_SCHEMA["required"]
    names = [branch["properties"]["event"]["const"] for branch in EVENT_SCHEMA["oneOf"]]
    assert len(names) == len(set(names)) == len(EVENT_SCHEMA["oneOf"])


def _rasa_verdict(validate, result) -> str:
    try:
        return f"valid {validate(result)}"
    except ValidationError as error:
        return f"invalid: {error.message}"


EVENT_NAMES = ["user", "bot", "action", "slot", "entities", "session_started", "reminder", "cancel_reminder",
               "active_loop", "followup", "restart", "rewind", "undo", "pause", "resume", "agent", "form",
               "no_such_event", ""]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, width=16),
                    st.text(max_size=4))
FIELD_VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                             st.dictionaries(st.sampled_from(
                                                                 ["name", "confidence", "text", "entity", "value",
                                                                  "start", "all_retrieval_intents", "x"]),
                                                                 inner, max_size=3)), max_leaves=6)
EVENT_FIELDS = ["name", "value", "text", "timestamp", "metadata", "policy", "confidence", "entities", "parse_data",
                "input_channel", "message_id", "hide_rule_turn", "action_text", "data"]


@st.composite
def action_replies(draw):
    events = []
    for _ in range(draw(st.integers(0, 5))):
        event = {}
        if draw(st.integers(0, 9)):  # now and then an event without its name
            event["event"] = draw(st.one_of(st.sampled_from(EVENT_NAMES), FIELD_VALUES))
        for field in draw(st.lists(st.sampled_from(EVENT_FIELDS), max_size=4, unique=True)):
            event[field] = draw(FIELD_VALUES)
        events.append(event if draw(st.integers(0, 19)) else draw(SCALARS))  # now and then not an object
    reply = {"events": events if draw(st.integers(0, 19)) else draw(FIELD_VALUES)}
    if draw(st.booleans()):
        reply["responses"] = draw(st.lists(st.one_of(st.dictionaries(st.just("text"), st.text(max_size=3)), SCALARS),
                                           max_size=2))
    return reply


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(action_replies())
def test_known_valid_replies_are_valid_and_every_reply_gets_rasas_verdict(rasa_patched, reply):
    action = RemoteAction("action_answer_question", None)
    original = _rasa_verdict(lambda r: rasa_speedups.ORIGINAL_VALIDATE(action, r), reply)
    if rasa_speedups.known_valid(reply):
        assert original == "valid True"
    assert _rasa_verdict(action._validate_action_result, reply) == original


def test_a_reshaped_event_schema_leaves_every_reply_to_rasas_full_check(rasa_patched, monkeypatch):
    action = RemoteAction("action_answer_question", None)
    reply = {"events": [{"event": "slot", "name": "closing_sent", "value": False}]}
    reshaped = {"type": "object", "properties": {"events": {"type": "array", "items": {"type": "object"}}}}
    monkeypatch.setattr(RemoteAction, "action_response_format_spec", staticmethod(lambda: reshaped))
    rasa_speedups._event_validators.cache_clear()
    try:
        assert rasa_speedups.known_valid(reply) is False
        assert action._validate_action_result(reply) is True
    finally:
        rasa_speedups._event_validators.cache_clear()


def test_rasas_events_module_reads_a_reminders_time_with_dateutil_only_there():
    import rasa.shared.core.events as events

    source = inspect.getsource(events)
    assert "from dateutil import parser" in source
    assert source.count("parser.parse(") == 1
    assert "trigger_date_time = parser.parse(parameters.get(\"date_time\"))" in source


@settings(max_examples=500, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1000, 1, 1)))
def test_a_reminder_time_written_by_isoformat_reads_as_dateutil_reads_it(moment):
    from dateutil import parser

    text = moment.isoformat()
    fast = rasa_speedups.iso_first_parser.parse(text)
    assert fast == parser.parse(text) == moment
    assert fast.tzinfo is None and fast.isoformat() == text


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
                 st.text(max_size=30), st.sampled_from(["2026-12-01 10:00", "tomorrow", "", "2026-13-01T00:00:00"])))
def test_any_other_time_text_reads_as_dateutil_reads_it(text):
    from dateutil import parser

    def outcome(parse):
        try:
            return ("value", parse(text))
        except Exception as error:  # noqa: BLE001 (the same error, whatever it is)
            return ("error", type(error))

    assert outcome(rasa_speedups.iso_first_parser.parse) == outcome(parser.parse)


def test_a_stored_reminder_comes_back_as_rasa_reads_it(rasa_patched):
    from rasa.shared.core.events import ReminderScheduled

    reminder = ReminderScheduled("end_session", dt.datetime(2026, 12, 1, 13, 57, 18, 29915), name="idle",
                                 kill_on_user_message=True, timestamp=1764597438.0)
    again = Event.from_parameters(reminder.as_dict())
    assert isinstance(again, ReminderScheduled)
    assert again.as_dict() == reminder.as_dict() and again.trigger_date_time == reminder.trigger_date_time
    import rasa.shared.core.events as events

    assert events.parser is rasa_speedups.iso_first_parser  # the patch was in use
