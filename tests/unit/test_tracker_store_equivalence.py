"""The conversation store (connectors/tracker_store.py) reads exactly what Rasa's own
``SQLTrackerStore`` reads, through random interleavings of turns, reads, new sessions,
deletions, retention purges and restarts on two replicas.

A Hypothesis rule-based state machine drives two ``ReconnectingSQLTrackerStore`` instances on
one SQLite file (two replicas sharing a database, each with its own per-process row cache) and
Rasa's ``SQLTrackerStore`` on another file (the reference). Every rule is applied to the
reference in the same way; after every step, every conversation must read the same on both
replicas as on the reference (``retrieve``, ``retrieve_full_tracker``, ``keys``).

Budget: ``TRACKER_SOAK_STEPS`` rule executions (default 2,000, the figure ``make test`` runs);
``make soak`` runs 50,000. The executed steps are counted, and the count is checked and printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import shutil
import tempfile
import time
import warnings
from dataclasses import dataclass, replace
from typing import Any, Iterator

import sqlalchemy
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from connectors.retention import purge_expired
from connectors.tracker_store import ReconnectingSQLTrackerStore
from tests.step_counter import Steps, step

DEFAULT_STEPS = 2_000
STEPS_PER_EXAMPLE = 50
# A few conversations, so that they recur on both replicas.
SENDERS = ["visitor-a", "visitor-b", "visitor-c"]
# The slots of domain.yml, as they are declared there.
with warnings.catch_warnings():  # Rasa 3.6 warns of "slot auto-fill" for any domain with slots
    warnings.simplefilter("ignore", UserWarning)
    DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  disorder:
    type: text
    influence_conversation: false
    mappings: [{type: from_entity, entity: disorder}]
  treatment:
    type: text
    influence_conversation: false
    mappings: [{type: from_entity, entity: treatment}]
  closing_sent:
    type: bool
    initial_value: false
    influence_conversation: false
    mappings: [{type: custom}]
""")
# Plain health questions with no personal details: the store writes a visitor's message with
# its personal details replaced (connectors/personal_details.py, tested in
# test_personal_details.py), which Rasa's store does not; with none to replace, both store the
# same row, and any difference found here is one of reading and writing.
QUESTIONS = [
    ("greet", "hello"),
    ("ask_disorder", "what is insomnia?"),
    ("ask_treatment", "how is sleep apnoea treated?"),
    ("ask_pain_disrupts_sleep", "why does back pain keep me awake at night?"),
    ("ask_sleep_worsens_pain", "can poor sleep make joint pain worse?"),
    ("ask_rem_sleep", "what happens during rem sleep?"),
    ("book_consultation", "can I book a consultation?"),
    ("thank", "thanks"),
    ("goodbye", "bye"),
]
ACTIONS = ["action_listen", "action_answer_question", "action_offer_topics", "action_close_session",
           "action_offer_booking", "utter_you_are_welcome", "action_extract_slots"]
BOT_TEXTS = ["Of course. What would you like to know?", "You're welcome.",
             "Insomnia is trouble falling or staying asleep.", ""]
SLOT_VALUES = {"disorder": [None, "insomnia", "sleep apnoea"], "treatment": [None, "cbt-i", "cpap"],
               "closing_sent": [False, True]}
# Near the present, so that the retention purge a store runs when it starts
# (connectors/retention.py) never finds these conversations expired.
BASE_TIME = float(int(time.time()))
PURGE_DAYS = 1

# The time between two events: usually some, often none at all (equal timestamps are a real edge
# case of Rasa's "timestamp >= the latest session start" query), sometimes a long pause.
gaps = st.one_of(st.just(0.0), st.sampled_from([1e-6, 0.001, 0.5, 2.0]),
                 st.floats(min_value=0.0, max_value=3600.0, allow_nan=False))
# Each replica's clock against the others': a session started by a replica whose clock is ahead
# makes Rasa's query leave out events that another replica wrote later with earlier timestamps.
skews = st.sampled_from([0.0, 0.0, -1.0, 0.25, 30.0])
replicas = st.integers(min_value=0, max_value=1)
senders = st.sampled_from(SENDERS)


@dataclass(frozen=True)
class Spec:
    """One event of a turn (or a new session's four), built the same for both stores."""

    kind: str
    gaps: tuple[float, ...]
    choice: int = 0
    confidence: float = 1.0
    save_after: bool = False  # a save in the middle of the turn, as after a tracker's creation


def spec(kind: str, n_gaps: int = 1, choices: int = 1) -> st.SearchStrategy[Spec]:
    return st.builds(Spec, kind=st.just(kind), gaps=st.tuples(*[gaps] * n_gaps),
                     choice=st.integers(min_value=0, max_value=choices - 1),
                     confidence=st.sampled_from([1.0, 0.0, 0.5, 0.87654321]),
                     save_after=st.integers(min_value=0, max_value=7).map(lambda n: n == 0))


event_specs = st.one_of(
    spec("user", choices=len(QUESTIONS)),
    spec("bot", choices=len(BOT_TEXTS)),
    spec("action", choices=len(ACTIONS)),
    spec("slot", choices=sum(len(values) for values in SLOT_VALUES.values())),
    # action_session_start, SessionStarted, a slot carried over, action_listen: a new session.
    spec("session", n_gaps=4, choices=2),
    spec("restarted"),
)
moving = st.lists(event_specs, min_size=1, max_size=8)
# A turn during which the clock does not move at all (a coarse clock): with a deletion between
# two such turns, a conversation begun again may store rows identical to the deleted ones.
still = moving.map(lambda items: [replace(item, gaps=tuple(0.0 for _ in item.gaps)) for item in items])
turns = st.one_of(moving, moving, still)


def events_of(item: Spec, stamps: list[float], message_id: str) -> list[Event]:
    """The events of one spec, with the given timestamps (one per gap)."""
    if item.kind == "user":
        intent, text = QUESTIONS[item.choice]
        return [UserUttered(text, intent={"name": intent, "confidence": item.confidence},
                            entities=[], timestamp=stamps[0], input_channel="rest", message_id=message_id)]
    if item.kind == "bot":
        return [BotUttered(BOT_TEXTS[item.choice], {"elements": None, "buttons": None},
                           {"utter_action": "utter_ask_what_else"}, timestamp=stamps[0])]
    if item.kind == "action":
        return [ActionExecuted(ACTIONS[item.choice], policy="RulePolicy", confidence=item.confidence,
                               timestamp=stamps[0])]
    if item.kind == "slot":
        name, value = [(name, value) for name, values in SLOT_VALUES.items() for value in values][item.choice]
        return [SlotSet(name, value, timestamp=stamps[0])]
    if item.kind == "session":
        carried = [SlotSet("disorder", "insomnia", timestamp=stamps[2])] if item.choice else []
        return [ActionExecuted("action_session_start", timestamp=stamps[0]), SessionStarted(timestamp=stamps[1]),
                *carried, ActionExecuted("action_listen", timestamp=stamps[3])]
    return [Restarted(timestamp=stamps[0])]


def stored(tracker: DialogueStateTracker | None) -> tuple[str, list[dict]] | None:
    """What a read gives, exactly: the conversation's id and every event as a dict."""
    return None if tracker is None else (tracker.sender_id, [event.as_dict() for event in tracker.events])


@contextlib.contextmanager
def cache_untouched(store: ReconnectingSQLTrackerStore) -> Iterator[None]:
    """The checks after each step read without changing what a replica remembers: otherwise
    every replica would be brought up to date before each turn and a stale cache never tried."""
    kept = [(sender, replace(rows, rows=list(rows.rows))) for sender, rows in store.recent.items()]
    try:
        yield
    finally:
        store.recent.clear()
        for sender, rows in kept:
            store.recent[sender] = rows


class TwoReplicasAndRasa(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.mkdtemp(prefix="tracker-equivalence-")
        self.shared_db = os.path.join(self.folder, "replicas.db")
        self.loop = asyncio.new_event_loop()
        self.replicas = [self.new_replica(), self.new_replica()]
        self.rasa = SQLTrackerStore(DOMAIN, dialect="sqlite", db=os.path.join(self.folder, "rasa.db"))
        self.now = BASE_TIME
        self.skew = [0.0, 0.0]
        self.handled_by: dict[str, int] = {}  # the replica that handled a conversation's last turn
        self.messages = 0

    def new_replica(self) -> ReconnectingSQLTrackerStore:
        return ReconnectingSQLTrackerStore(DOMAIN, dialect="sqlite", db=self.shared_db)

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def teardown(self) -> None:
        for store in [*self.replicas, self.rasa]:
            store.engine.dispose()
        self.loop.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize(first=skews, second=skews)
    def clocks(self, first: float, second: float) -> None:
        self.skew = [first, second]

    # -- turns ----------------------------------------------------------------------------

    def stamps(self, replica: int, item: Spec) -> list[float]:
        result = []
        for gap in item.gaps:
            self.now += gap
            result.append(self.now + self.skew[replica])
        return result

    def handle_turn(self, sender: str, replica: int, items: list[Spec]) -> None:
        """One turn, as Rasa's processor handles a message: read the conversation (or create
        it, which saves it with its first action_listen), add the turn's events, save. The lock
        store lets one process at a time handle a conversation: nothing else runs in between."""
        store = self.replicas[replica]
        mine = self.run(store.retrieve(sender))
        reference = self.run(self.rasa.retrieve(sender))
        assert stored(mine) == stored(reference)
        if mine is None:
            # TrackerStore.create_tracker, with a timestamp of this machine's clock
            stamp = self.stamps(replica, Spec("listen", (0.0,)))[0]
            mine, reference = store.init_tracker(sender), self.rasa.init_tracker(sender)
            for tracker in (mine, reference):
                tracker.update(ActionExecuted("action_listen", timestamp=stamp))
            self.save(store, mine, reference)
        session_start = self.stored_session_start(sender)
        unsaved: list[float] = []
        new_session = False
        for item in items:
            self.messages += 1
            stamps = self.stamps(replica, item)
            unsaved += stamps
            for tracker in (mine, reference):
                for event in events_of(item, stamps, f"m{self.messages}"):
                    tracker.update(event, DOMAIN)
            new_session = new_session or item.kind == "session"
            # A save in the middle of the turn (the store must then count on from what it just
            # wrote). Rasa 3.6 saves a tracker once per request (and once more when it creates
            # it), and its own store's count of the stored events is only right for such saves:
            # after a new session began in the tracker, or after an event older than the stored
            # session start was saved (another replica's clock behind), Rasa's count skips the
            # wrong number of events and it stores some twice. Only saves Rasa gets right.
            if item.save_after and not new_session and (
                    session_start is None or min(unsaved) >= session_start):
                self.save(store, mine, reference)
                unsaved = []
        self.save(store, mine, reference)
        self.handled_by[sender] = replica

    def stored_session_start(self, sender: str) -> float | None:
        """The latest stored session start of the conversation, as Rasa's query finds it."""
        table = self.rasa.SQLEvent.__table__
        with self.rasa.engine.connect() as connection:
            return connection.execute(sqlalchemy.select(sqlalchemy.func.max(table.c.timestamp)).where(
                table.c.sender_id == sender, table.c.type_name == SessionStarted.type_name)).scalar()

    def save(self, store: ReconnectingSQLTrackerStore, mine: DialogueStateTracker,
             reference: DialogueStateTracker) -> None:
        self.run(store.save(mine))
        self.run(self.rasa.save(reference))

    @rule(sender=senders, replica=replicas, items=turns)
    @step
    def turn(self, sender: str, replica: int, items: list[Spec]) -> None:
        self.handle_turn(sender, replica, items)

    @precondition(lambda self: self.handled_by)
    @rule(data=st.data(), items=turns)
    @step
    def turn_on_the_other_replica(self, data: st.DataObject, items: list[Spec]) -> None:
        """The interleaving the cache must get right: the other replica handled the last turn."""
        sender = data.draw(st.sampled_from(sorted(self.handled_by)), label="sender")
        self.handle_turn(sender, 1 - self.handled_by[sender], items)

    # -- reads ----------------------------------------------------------------------------

    @rule(sender=senders, replica=replicas)
    @step
    def read(self, sender: str, replica: int) -> None:
        assert stored(self.run(self.replicas[replica].retrieve(sender))) == stored(
            self.run(self.rasa.retrieve(sender)))

    @rule(sender=senders, replica=replicas)
    @step
    def read_every_session(self, sender: str, replica: int) -> None:
        assert stored(self.run(self.replicas[replica].retrieve_full_tracker(sender))) == stored(
            self.run(self.rasa.retrieve_full_tracker(sender)))

    @rule(replica=replicas)
    @step
    def list_conversations(self, replica: int) -> None:
        assert sorted(self.run(self.replicas[replica].keys())) == sorted(self.run(self.rasa.keys()))

    # -- deletions and restarts -----------------------------------------------------------

    def delete_from_reference(self, condition: Any) -> None:
        table = self.rasa.SQLEvent.__table__
        with self.rasa.engine.begin() as connection:
            connection.execute(table.delete().where(condition(table)))

    @rule(sender=senders, replica=replicas)
    @step
    def forget(self, sender: str, replica: int) -> None:
        """A visitor's "delete my conversation" (connectors/forget.py) on one replica; Rasa's
        store has no delete: its rows are deleted with SQL."""
        self.run(self.replicas[replica].forget(sender))
        self.delete_from_reference(lambda table: table.c.sender_id == sender)
        self.handled_by.pop(sender, None)

    @rule(data=st.data(), replica=replicas, extra=st.sampled_from([0.0, 1e-3]))
    @step
    def purge_expired_conversations(self, data: st.DataObject, replica: int, extra: float) -> None:
        """The retention purge (connectors/retention.py) on one replica, with a cut-off at one
        conversation's newest event (extra 0: that one stays, as it is not older than the cut-off)."""
        table = self.rasa.SQLEvent.__table__
        with self.rasa.engine.connect() as connection:
            newest = sorted(stamp for (stamp,) in connection.execute(
                sqlalchemy.select(sqlalchemy.func.max(table.c.timestamp)).group_by(table.c.sender_id)))
        if not newest:
            return
        now = data.draw(st.sampled_from(newest), label="cut-off") + PURGE_DAYS * 86400 + extra
        store = self.replicas[replica]
        deleted = purge_expired(store.engine, store.SQLEvent.__table__, PURGE_DAYS, now=now)
        if deleted:
            store.recent.clear()  # as connectors/retention.start_purging does on the purging replica
        assert purge_expired(self.rasa.engine, table, PURGE_DAYS, now=now) == deleted
        remaining = set(self.run(self.rasa.keys()))
        self.handled_by = {sender: last for sender, last in self.handled_by.items() if sender in remaining}

    @rule(replica=replicas, skew=skews)
    @step
    def restart(self, replica: int, skew: float) -> None:
        """A replica restarts (a new process on the same database: nothing remembered)."""
        self.replicas[replica].engine.dispose()
        self.replicas[replica] = self.new_replica()
        self.skew[replica] = skew

    # -- after every step -----------------------------------------------------------------

    @invariant()
    def every_conversation_reads_as_rasa_reads_it(self) -> None:
        keys = sorted(self.run(self.rasa.keys()))
        for store in self.replicas:
            assert sorted(self.run(store.keys())) == keys
        for sender in SENDERS:
            session = stored(self.run(self.rasa.retrieve(sender)))
            everything = stored(self.run(self.rasa.retrieve_full_tracker(sender)))
            assert (session is None) == (sender not in keys)
            for store in self.replicas:
                with cache_untouched(store):
                    assert stored(self.run(store.retrieve(sender))) == session
            # Every session is read with Rasa's own query, nothing remembered: the same on both
            # replicas, so each step checks one of them, in turn.
            store = self.replicas[Steps.executed % 2]
            assert stored(self.run(store.retrieve_full_tracker(sender))) == everything


def test_the_store_reads_what_rasa_reads_through_random_interleavings(capsys):
    target = int(os.environ.get("TRACKER_SOAK_STEPS", DEFAULT_STEPS))
    Steps.executed = 0
    started = time.monotonic()
    runs = 0
    # Hypothesis ends some examples before STEPS_PER_EXAMPLE: run again until the budget is spent.
    # No example database: every run draws new examples (a failure prints its steps).
    while Steps.executed < target:
        runs += 1
        examples = max(1, math.ceil((target - Steps.executed) / (STEPS_PER_EXAMPLE * 0.8)))
        run_state_machine_as_test(TwoReplicasAndRasa, settings=settings(
            max_examples=examples, stateful_step_count=STEPS_PER_EXAMPLE, deadline=None, database=None,
            derandomize=False, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]))
    seconds = time.monotonic() - started
    with capsys.disabled():
        print(f"\ntracker store equivalence: {Steps.executed} steps in {runs} run(s), {seconds:.1f} s "
              f"({1000 * seconds / Steps.executed:.1f} ms a step, checks after each included)")
    assert Steps.executed >= target
