"""Measured speed-ups of Rasa 3.6 itself, installed at the Rasa server's start (connectors/rasa_patches.py).

Each one keeps Rasa's behaviour; tests/unit/test_rasa_speedups.py fails if the Rasa method it
replaces changes, so an upgrade revisits it. Figures: docs/performance.md.

1. The action server's reply is validated with a validator built once. On every custom-action
call, Rasa's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which first
re-checks Rasa's own, never-changing response schema against the JSON Schema meta-schema. In this
assistant every turn runs one custom action, and that re-check was 58% of the Rasa server's CPU
per turn (py-spy). Here the schema is checked once and the validator kept. A reply is then
checked against the one ``oneOf`` branch of each event's name (``known_valid``): jsonschema's
``oneOf`` tries all 23 event kinds and builds an error for each of the 22 that fail, 2.3 ms for a
reply of six events against 0.25 ms (10% of the Rasa server's main thread under load, session 33's
profile). A reply not known valid gets Rasa's full check, and so Rasa's own error.

2. An event's class is looked up by its type name in a table. Rasa's ``Event.resolve_by_type``
walks every Event subclass (with an ``inspect.isabstract`` check each) for every event it
deserialises: each turn re-reads the whole conversation from the tracker store, and the action
server's events too; that walk was ~5% of the Rasa server's CPU.

3. Calls to the action server reuse one HTTP session and its open connections. Rasa's
``EndpointConfig.request`` opens a new ``aiohttp.ClientSession`` for every call, so every
custom action paid for a new session and a new TCP connection (~5% of the Rasa server's CPU).
Here ``EndpointConfig.session()`` hands out the endpoint's one session for the running event
loop, with Rasa's headers, authentication and timeout. Idle connections are dropped after
``KEEPALIVE_S``, before Sanic (the action server) closes its side at 5 s, so a call never goes
out on a connection the server is closing. The session keeps no cookies (the action server sets
none, and one jar would be shared by every conversation); the launcher closes the sessions when
the server stops (``close_kept_sessions``).

4. The model's graphs run node after node in a fixed order. Rasa runs each message's NLU graph
and each prediction's policy graph with dask's local scheduler, whose bookkeeping (task
states, a thread-pool-shaped loop around a single thread) costs about 1 ms per turn for graphs
of a dozen nodes (bench/patch_costs.py: 0.58 ms of a 5.3 ms parse, 0.2 ms of each of the turn's
two predictions). Here the nodes the targets need are put in order once per set of targets and
called in that order, each with its inputs' outputs, as dask passes them.

5. The intent classifier's weights are built by one eager training step at start. To give a
saved ``RasaModel`` (DIET) its variables, Rasa's ``RasaModel.load`` trains it on one example
before loading the saved weights over them; that step first traces Keras' whole training
function into a TensorFlow graph, which is used once and thrown away: 2.5 of the 4.7 s DIET
took to load here, a quarter of `make run`'s start. Here the one step runs eagerly (no
tracing), then the model is compiled again as Rasa compiles it and the saved weights loaded
over it, so every weight and every prediction is Rasa's (tests/integration/
test_model_loaded_eagerly.py compares the two on random messages). Fine-tuning keeps Rasa's load.
The prediction function is still traced at load, as Rasa traces it (the first visitor's turn
stays fast), but without AutoGraph: DIET's prediction step has no Python branch or loop on a
tensor, so rewriting its source and its layers' (about 1 of the trace's 3 s) changed nothing:
the same graph, the same confidences to the last bit. Were a model's step ever to need it,
tracing it fails at once, and it is traced again with AutoGraph, as Rasa does.

6. A reminder's time is read with ``datetime.fromisoformat``. Every turn Rasa rebuilds the
conversation from its stored events, and each inactivity reminder in it (one per answer) has its
time parsed by dateutil's general-purpose parser: 3.3% of the Rasa server's lock under load once
DIET's prediction left TensorFlow (session 39's profile; about 0.2 ms of a rebuild in one
process). The times are what ``isoformat()`` wrote (the action server's ``ReminderScheduled``);
such a time, without a UTC offset, is read by the standard library's parser, which gives the same
datetime. Any other text still goes to dateutil.
"""

from __future__ import annotations

import asyncio
import copy
import datetime as dt
import functools
import logging
import re
import weakref
from dataclasses import dataclass
from typing import Any

import aiohttp
import tensorflow as tf
from dateutil import parser as dateutil_parser
from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.models import RasaModel

ORIGINAL_VALIDATE = RemoteAction._validate_action_result
ORIGINAL_RESOLVE_BY_TYPE = Event.resolve_by_type
ORIGINAL_SESSION = EndpointConfig.session
ORIGINAL_REQUEST = EndpointConfig.request
ORIGINAL_GRAPH_RUN = DaskGraphRunner.run
ORIGINAL_MODEL_LOAD = RasaModel.__dict__["load"]  # the classmethod object, as patches put it back
KEEPALIVE_S = 4.0
logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


@functools.lru_cache(maxsize=1)
def _event_validators() -> tuple[Any, dict[str, Any]] | None:
    """The reply's schema without the events' ``oneOf``, and a validator per ``oneOf`` branch
    keyed by the event name its ``const`` requires (see ``known_valid``); None when Rasa's schema
    no longer has that shape (then every reply gets Rasa's full check)."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    outer = copy.deepcopy(schema)
    try:
        items = outer["properties"]["events"]["items"]
        branches = items.pop("oneOf")
        by_name = {branch["properties"]["event"]["const"]: validator_class(branch) for branch in branches}
        shaped = len(by_name) == len(branches) and "event" in items["required"]
    except (KeyError, TypeError):
        shaped = False
    if not shaped:
        logger.warning("Rasa's event schema no longer tells its kinds apart by a required event name: "
                       "action server replies get Rasa's full check")
        return None
    return validator_class(outer), by_name


def known_valid(result: Any) -> bool:
    """True only if Rasa's schema accepts ``result``. Every branch of the events' ``oneOf``
    requires its own ``event`` name, which every event must have: an event is valid when the
    rest of its schema holds and the one branch of its name does (the others fail on the name).
    Checking that branch alone skips the 22 failing ones, whose errors jsonschema builds."""
    validators = _event_validators()
    if validators is None:
        return False
    outer, by_name = validators
    if not outer.is_valid(result):
        return False
    for event in result.get("events", ()):
        branch = by_name.get(event["event"])
        if branch is None or not branch.is_valid(event):
            return False
    return True


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's own check, with the schema's validators built once. A reply ``known_valid`` finds
    valid passes; any other gets Rasa's full check, and so Rasa's own error."""
    if known_valid(result):
        return True
    try:
        # As jsonschema.validate (which Rasa calls) picks the error it raises.
        error = best_match(_validator().iter_errors(result))
        if error is not None:
            raise error
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from "
            f"the Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise


_event_classes: dict[str, type[Event]] = {}


def _index_event_classes() -> None:
    # Rasa returns the first subclass with the name, in all_subclasses order: keep that one.
    _event_classes.clear()
    for cls in all_subclasses(Event):
        _event_classes.setdefault(cls.type_name, cls)


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Rasa's lookup from a table; rebuilt on a miss, in case an Event class was defined since."""
    cls = _event_classes.get(type_name)
    if cls is None:
        _index_event_classes()
        cls = _event_classes.get(type_name)
    # Not an event name: Rasa's own answer (None for "topic", the default, or its ValueError).
    return cls if cls is not None else ORIGINAL_RESOLVE_BY_TYPE(type_name, default)


class KeptSession:
    """What ``async with endpoint.session() as session`` gets: the endpoint's one open session
    for the running event loop, left open on leaving the ``with``."""

    def __init__(self, endpoint: EndpointConfig) -> None:
        self.endpoint = endpoint

    async def __aenter__(self) -> aiohttp.ClientSession:
        sessions = self.endpoint.__dict__.setdefault("_kept_sessions", weakref.WeakKeyDictionary())
        loop = asyncio.get_running_loop()
        session = sessions.get(loop)
        if session is None or session.closed:
            session = sessions[loop] = new_session(self.endpoint)
            _open_sessions.add(session)
        return session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


def kept_session(self: EndpointConfig) -> KeptSession:
    return KeptSession(self)


_open_sessions: weakref.WeakSet[aiohttp.ClientSession] = weakref.WeakSet()


def new_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's session for the endpoint (EndpointConfig.session), with a keep-alive limit and
    no cookie jar."""
    auth = endpoint.basic_auth
    return aiohttp.ClientSession(
        headers=endpoint.headers,
        cookie_jar=aiohttp.DummyCookieJar(),
        auth=aiohttp.BasicAuth(auth["username"], auth["password"]) if auth else None,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S),
    )


async def close_kept_sessions(*_args: Any) -> int:
    """Close the kept sessions of the running event loop (a Sanic ``after_server_stop``
    listener); returns how many were closed."""
    loop = asyncio.get_running_loop()
    mine = [session for session in list(_open_sessions)
            if not session.closed and session._loop is loop]  # noqa: SLF001 (aiohttp has no public accessor)
    for session in mine:
        await session.close()
    logger.info("Closed %d kept action server session(s)", len(mine))
    return len(mine)


def run_graph_in_order(
    self: DaskGraphRunner, inputs: dict[str, Any] | None = None, targets: list[str] | None = None,
) -> dict[str, Any]:
    """``DaskGraphRunner.run`` without dask: the same nodes, inputs and results."""
    run_targets = targets if targets else self._graph_schema.target_names
    order = _node_order(self, tuple(run_targets))
    # As Rasa adds inputs to the dask graph: a task (name, value) that evaluates to itself.
    values: dict[str, Any] = {}
    for input_name, input_value in (inputs or {}).items():
        if isinstance(input_value, str) and (input_value in order.needs or input_value in values):
            raise GraphRunError(
                f"Input value '{input_value}' clashes with a node name. Make sure that none of the input "
                f"names passed to the `run` method are the same as node names in the graph schema.")
        values[input_name] = (input_name, input_value)
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(f"Running graph with inputs: {inputs}, targets: {targets} and {self._execution_context}.")
    try:
        for name in order.names:
            if inputs and name in inputs:
                continue  # an input named like a node takes its place in dask's graph
            # A need that is neither a node nor an input is passed as its name, as dask does.
            values[name] = self._instantiated_nodes[name](*(values.get(n, n) for n in order.needs[name]))
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e
    return dict(values[target] for target in run_targets)


@dataclass(frozen=True)
class NodeOrder:
    names: tuple[str, ...]  # every node the targets need, each after the nodes it needs
    needs: dict[str, tuple[str, ...]]  # each node's inputs, in its schema's order


def _node_order(runner: DaskGraphRunner, targets: tuple[str, ...]) -> NodeOrder:
    orders = runner.__dict__.setdefault("_node_orders", {})
    if targets not in orders:
        schema = runner._graph_schema.minimal_graph_schema(list(targets))
        needs = {name: tuple(node.needs.values()) for name, node in schema.nodes.items()}
        names: list[str] = []
        placed: set[str] = set()

        def place(name: str, path: tuple[str, ...] = ()) -> None:
            if name in placed or name not in needs:
                return
            if name in path:
                raise GraphRunError(f"The graph has a cycle through '{name}'.")
            for need in needs[name]:
                place(need, path + (name,))
            placed.add(name)
            names.append(name)

        for name in needs:
            place(name)
        orders[targets] = NodeOrder(tuple(names), needs)
    return orders[targets]


def load_model_built_eagerly(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Any = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """``RasaModel.load`` with its one weight-building training step run eagerly."""
    if finetune_mode:  # training goes on from here: Rasa's own load, traced training step included
        return ORIGINAL_MODEL_LOAD.__func__(cls, model_file_name, model_data_example, predict_data_example,
                                            finetune_mode, *args, **kwargs)
    model = cls(*args, **kwargs)
    learning_rate = kwargs.get("config", {}).get(LEARNING_RATE, 0.001)
    run_eagerly = kwargs.get("config", {}).get(RUN_EAGERLY)
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), run_eagerly=True)
    model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
    # As Rasa leaves it: compiled with its own run_eagerly setting (and the step's optimizer).
    model.compile(optimizer=model.optimizer, run_eagerly=run_eagerly)
    model.load_weights(model_file_name)
    if predict_data_example:  # traces the prediction function now, as Rasa does
        model.predict_step = tf.autograph.experimental.do_not_convert(model.predict_step)  # Rasa traces this
        try:
            model.run_inference(predict_data_example)
        except Exception:  # noqa: BLE001 (a step with a branch on a tensor: AutoGraph, as Rasa does)
            logger.info("The intent classifier's prediction is traced with AutoGraph.", exc_info=True)
            del model.predict_step
            model._tf_predict_step = None  # noqa: SLF001 (traced again on the next call)
            model.run_inference(predict_data_example)
    return model


# What datetime.isoformat() writes for a time without a UTC offset.
_NAIVE_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?")


class IsoFirstParser:
    """Stands in for ``dateutil.parser`` where Rasa's events module reads a reminder's time."""

    @staticmethod
    def parse(text: Any, *args: Any, **kwargs: Any) -> dt.datetime:
        if not args and not kwargs and isinstance(text, str) and _NAIVE_ISO_TIME.fullmatch(text):
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError:
                pass  # not a real date ("2026-02-30T..."): dateutil says so in its own words
        return dateutil_parser.parse(text, *args, **kwargs)


iso_first_parser = IsoFirstParser()
