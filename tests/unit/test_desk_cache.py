"""The desk's conversations read incrementally (desk.conversations.ConversationCache) are
exactly what a fresh full read gives (``turns_by_sender(read_rows(engine))``), and so are the
pages' figures worked out from them, through random interleavings of stored turns, a
visitor's deletion of a conversation, retention purges, writes committed after later ones, a
desk restarted, and page reads.

A Hypothesis rule-based state machine writes rows to a SQLite events table made by Rasa's
``SQLTrackerStore``, the way the stores write them: Rasa's rows, never two with the same id
(connectors/tracker_store.py gives none twice on SQLite; PostgreSQL's sequence neither), and
sometimes a write whose ids were given before another's but that is committed after it (two
replicas on PostgreSQL). After every read, the cached conversations (their order, every turn
and reply) and the inbox's groups, the conversation list, a search and the dashboard's
figures must equal those of a fresh full read.

Budget: ``DESK_CACHE_STEPS`` rule executions (default 1,500).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from collections import defaultdict
from typing import Any, Callable

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain

from connectors.retention import DAY_SECONDS, purge_expired
from desk.conversations import (
    ConversationCache,
    Reply,
    Turn,
    group_key,
    question_id,
    read_rows,
    summaries,
    turns_by_sender,
    unanswered_groups,
)
from desk.dashboard import figures
from tests.step_counter import Steps, step

DEFAULT_STEPS = 1_500
STEPS_PER_EXAMPLE = 30
SENDERS = ["visitor-a", "visitor-b", "visitor-c", "visitor-d"]
TEXTS = ["What is narcolepsy?", "what is  narcolepsy", "asdf", "screens at night?", "/greet",
         "EXTERNAL: end_session", "I want to hurt myself", "", "Insomnia and <NAME>"]
CUSTOMS = [
    {"kind": "answer", "reason": "retrieved", "score": 2.5, "passages": ["x"]},
    {"kind": "answer", "reason": "retrieved", "score": 1.05, "passages": ["y"]},
    {"kind": "answer", "reason": "chosen", "passages": ["x"]},
    {"kind": "citation", "passages": ["x"]},
    {"kind": "no_answer", "reason": "not_covered", "condition": "narcolepsy"},
    {"kind": "no_answer", "reason": "not_covered"},
    {"kind": "info", "unanswered": "not_understood"},
    {"kind": "alert", "alert": "crisis"},
    {"kind": "screening"},
    {"kind": "closing"},
    {"kind": "booking"},
    None,
]
THRESHOLDS = [0.99, 1.0]
SEARCHES = ["", "narcolepsy", "NIGHT"]


def event_row(kind: int, text: int, custom: int, stamp: float | None) -> tuple[str, float | None, str]:
    """(type name, timestamp, JSON) of a visitor's message, a bot message or an action."""
    if kind == 0:
        data: dict[str, Any] = {"event": "user", "text": TEXTS[text], "timestamp": stamp,
                                "parse_data": {"intent": {"name": "ask_disorder", "confidence": 0.9}}}
        return "user", stamp, json.dumps(data)
    if kind == 1:
        data = {"event": "bot", "text": f"reply {custom}", "timestamp": stamp,
                "data": {"elements": None, "buttons": None, "custom": CUSTOMS[custom]}}
        return "bot", stamp, json.dumps(data)
    name = ["action_listen", "action_answer_question", "session_started"][text % 3]
    type_name = "session_started" if name == "session_started" else "action"
    return type_name, stamp, json.dumps({"event": type_name, "name": name, "timestamp": stamp})


rows_of_a_turn = st.lists(st.tuples(st.sampled_from([0, 0, 1, 1, 1, 2]), st.integers(0, len(TEXTS) - 1),
                                    st.integers(0, len(CUSTOMS) - 1), st.sampled_from([1.0, 0.0, 30.0, None])),
                          min_size=1, max_size=6)


def reference_turns_by_sender(rows: Any) -> dict[str, list[Turn]]:
    """desk.conversations.turns_by_sender as every page read it before the cache (5c59082)."""
    found: dict[str, list[Turn]] = defaultdict(list)
    for sender, type_name, timestamp, data in rows:
        event = json.loads(data)
        if type_name == "user":
            text = str(event.get("text") or "")
            if text.startswith("EXTERNAL: "):
                continue
            found[sender].append(Turn(sender, float(timestamp or 0), text))
        elif found[sender]:
            custom = (event.get("data") or {}).get("custom")
            custom = custom if isinstance(custom, dict) else {}
            found[sender][-1].replies.append(Reply(str(event.get("text") or ""), str(custom.get("kind") or ""), custom,
                                                   float(timestamp or 0)))
    return dict(found)


def result(work: Callable[[], Any]) -> Any:
    """What a page's function gives, or the error it raises (a conversation with no visitor
    message has no first turn: both reads must then fail alike)."""
    try:
        return "ok", work()
    except Exception as error:  # noqa: BLE001
        return "error", type(error).__name__


class DeskOverAChangingStore(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.mkdtemp(prefix="desk-cache-")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=os.path.join(self.folder, "tracker.db"))
        self.engine = store.engine
        self.table = store.SQLEvent.__table__
        self.desk = ConversationCache(self.engine)
        self.now = 1_000_000.0
        self.next_id = 1  # never given twice
        self.pending: list[list[dict]] = []  # writes whose ids are given, not yet committed
        self.dismissed: list[str] = []

    def teardown(self) -> None:
        self.engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    def rows(self, sender: str, items: list[tuple]) -> list[dict]:
        rows = []
        for kind, text, custom, gap in items:
            self.now += gap or 0.0
            type_name, stamp, data = event_row(kind, text, custom, None if gap is None else self.now)
            rows.append({"id": self.next_id, "sender_id": sender, "type_name": type_name, "timestamp": stamp,
                         "data": data})
            self.next_id += 1
        return rows

    def insert(self, rows: list[dict]) -> None:
        with self.engine.begin() as connection:
            connection.execute(self.table.insert(), rows)

    @rule(sender=st.sampled_from(SENDERS), items=rows_of_a_turn)
    @step
    def turn(self, sender: str, items: list[tuple]) -> None:
        self.insert(self.rows(sender, items))

    @rule(sender=st.sampled_from(SENDERS), items=rows_of_a_turn)
    @step
    def turn_begun(self, sender: str, items: list[tuple]) -> None:
        """A write given its ids now and committed later, after writes with larger ids."""
        self.pending.append(self.rows(sender, items))

    @precondition(lambda self: self.pending)
    @rule(which=st.integers(min_value=0))
    @step
    def turn_committed(self, which: int) -> None:
        self.insert(self.pending.pop(which % len(self.pending)))

    @rule(sender=st.sampled_from(SENDERS))
    @step
    def visitor_deletes_the_conversation(self, sender: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(self.table.delete().where(self.table.c.sender_id == sender))

    @rule(age=st.sampled_from([0.0, 1.0, 20.0, 100.0, 1e6]))
    @step
    def retention_purge(self, age: float) -> None:
        purge_expired(self.engine, self.table, days=age / DAY_SECONDS, now=self.now)

    @rule()
    @step
    def desk_restarted(self) -> None:
        self.desk = ConversationCache(self.engine)

    @rule(text=st.sampled_from(TEXTS))
    @step
    def staff_dismisses(self, text: str) -> None:
        self.dismissed.append(question_id(group_key(text)))

    @invariant()
    def pages_show_what_a_fresh_read_shows(self) -> None:
        shown = self.desk.conversations()
        rows = read_rows(self.engine)
        fresh = turns_by_sender(rows)
        assert list(fresh.items()) == list(reference_turns_by_sender(rows).items())
        assert list(shown.items()) == list(fresh.items())
        for threshold in THRESHOLDS:
            assert unanswered_groups(shown, threshold, self.dismissed) == unanswered_groups(
                fresh, threshold, self.dismissed)
        for search in SEARCHES:
            assert result(lambda s=search: summaries(shown, s)) == result(lambda s=search: summaries(fresh, s))
        assert result(lambda: figures(shown)) == result(lambda: figures(fresh))


def test_the_desk_read_incrementally_shows_what_a_fresh_read_shows():
    steps = int(os.environ.get("DESK_CACHE_STEPS", DEFAULT_STEPS))
    Steps.executed = 0
    run_state_machine_as_test(DeskOverAChangingStore, settings=settings(
        max_examples=max(1, steps // STEPS_PER_EXAMPLE), stateful_step_count=STEPS_PER_EXAMPLE, deadline=None,
        suppress_health_check=list(HealthCheck)))
    print(f"{Steps.executed} steps")
    assert Steps.executed >= steps // 2


def test_a_conversation_deleted_at_the_end_and_begun_again_under_new_ids_is_read_again(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    table = store.SQLEvent.__table__
    desk = ConversationCache(store.engine)

    def write(rows: list[tuple[int, str, int, int]]) -> None:
        with store.engine.begin() as connection:
            for row_id, sender, kind, text, custom in rows:
                type_name, stamp, data = event_row(kind, text, custom, 1.0)
                connection.execute(table.insert(), {"id": row_id, "sender_id": sender, "type_name": type_name,
                                                    "timestamp": stamp, "data": data})

    write([(1, "a", 0, 0, 4), (2, "a", 1, 0, 4), (3, "b", 0, 3, 0), (4, "b", 1, 0, 0)])
    assert [t.text for t in desk.conversations()["b"]] == ["screens at night?"]
    with store.engine.begin() as connection:
        connection.execute(table.delete().where(table.c.sender_id == "b"))
    write([(5, "b", 0, 2, 0), (6, "b", 1, 0, 6)])
    shown = desk.conversations()
    assert list(shown.items()) == list(turns_by_sender(read_rows(store.engine)).items())
    assert [t.text for t in shown["b"]] == ["asdf"]
    store.engine.dispose()
