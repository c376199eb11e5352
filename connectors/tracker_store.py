"""Rasa's SQL tracker store for the scaled-out set-up (cluster/endpoints.yml): a database
outage is bridged when brief and reported when not; a turn is never handled without its history.

What Rasa 3.6 does on its own, and why each is changed here:

- Its engine has no ``pool_pre_ping``: after the database restarts, every pooled connection
  is dead and the next turns fail. Here each connection is checked before use.
- It wraps every tracker store in ``FailSafeTrackerStore``, which on a database error hands
  the turn a *new, empty* conversation and keeps it in the replica's memory only: the visitor
  gets an answer out of context and the turn silently never reaches the database. Here a
  failed read or write is retried for ``TRACKER_STORE_RETRY_SECONDS`` (default 6), then raised
  as ``TrackerStoreUnavailable``; the channel (connectors/never_silent.py) logs it without the
  message text and sends the visitor the apology with the clinic's phone number, so the
  visitor knows to try again, and the stored conversation stays whole and in order.
- A connection attempt to an unreachable database host would block the event loop for the
  operating system's TCP timeout; here it gives up after 3 s.
- Before each save, Rasa counts the conversation's stored events (a query, ~10% of a turn's
  CPU, docs/performance.md) to know which events are new. A tracker this store read or wrote
  already carries that number; the count is made only for a tracker it has not seen. Both are
  right only while one process at a time handles a conversation, which the lock store
  guarantees (in-memory on one server, connectors/lock_store.py across replicas).
- Each turn, Rasa reads the whole conversation session back with an ORM query and a subquery
  for the session start (the largest single item of a turn's CPU, docs/performance.md). Here
  each process keeps the stored rows of its most recent conversations (``ConversationRows``)
  and reads only the rows added since, by id: usually none, or the turns another replica
  handled. The row it last saw is read again and compared, so a conversation deleted from the
  database is noticed and read afresh. The tracker is still rebuilt from the stored JSON, as Rasa does.
- Rasa saves a turn's events one ORM object at a time (the unit of work was ~8% of a turn's
  CPU); here they are one INSERT of the same rows, on a Core connection (no ORM session). With
  SQLite, SQLAlchemy 1.4 opens a new connection for every read and save; here they are pooled,
  as SQLAlchemy 2 does, and write to SQLite's write-ahead log.
- Rasa reads and writes on the event loop's thread, so every turn in progress waits while
  SQLite syncs a commit to disk. Here the database work runs on one thread of the store's own
  (``database_thread``), one operation at a time as before: the other turns go on meanwhile,
  and a committed turn is still synced before its reply is sent.
- Rasa stores what the visitor typed as typed; here each ``user`` event is stored with its
  personal details replaced by placeholders (connectors/personal_details.py). The turn itself
  was handled from the original words; the retention window (connectors/retention.py) and
  "delete my conversation" (connectors/forget.py) also live in this store.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import json
import logging
import os
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, TypeVar

import sqlalchemy
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from connectors.personal_details import redacted_user_event, redactor
from connectors.retention import start_purging

logger = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULT_RETRY_SECONDS = 6.0
CONNECT_TIMEOUT_S = 3
# Set on a tracker this store read or saved: how many of its events (since the session start)
# the database holds.
STORED_EVENTS = "_ospina_stored_events"
DEFAULT_CACHED_CONVERSATIONS = 256
# The id of a new row in SQLite: after the largest id the table has or ever had, the latter kept
# in the file's ``user_version``. Rasa's table has no AUTOINCREMENT, so SQLite by itself gives a
# new row the id after the largest one left: once the conversation at the end of the table is
# deleted, its ids are given again. A replica that remembered that conversation compares only
# its newest row's id and JSON (``_read_rows``), so a conversation begun again under the same ids,
# whose row at that id was identical (the same event at the same timestamp: a clock that had not
# moved), was read as the old conversation plus the new rows (tests/unit/test_tracker_store.py).
# PostgreSQL's sequence never gives an id twice.
# Evaluated for each row inside the INSERT, under SQLite's write lock.
NEVER_GIVEN_SQLITE_ID = sqlalchemy.literal_column(
    "(SELECT max(coalesce((SELECT max(id) FROM events), 0), user_version) + 1 FROM pragma_user_version)")


@dataclass
class ConversationRows:
    """One conversation's stored events since its latest session start, as Rasa selects them
    (timestamp at or after the latest ``session_started``), and the id of the newest row."""

    last_id: int = 0
    last_data: str = ""  # the newest row's JSON: SQLite may give a deleted row's id to a new row
    session_start: float | None = None
    rows: list[tuple[float | None, str]] = field(default_factory=list)  # (timestamp, JSON)

    def add(self, rows: list[tuple[str, float | None, str]], last_id: int) -> None:
        """Rows (type name, timestamp, JSON) stored after ``last_id`` up to the given one."""
        if not rows:
            return
        self.last_id, self.last_data = last_id, rows[-1][2]
        starts = [stamp for kind, stamp, _ in rows if kind == SessionStarted.type_name and stamp is not None]
        if starts and (self.session_start is None or max(starts) > self.session_start):
            self.session_start = max(starts)
        self.rows.extend((stamp, data) for _, stamp, data in rows)
        if self.session_start is not None:
            # Rasa's query compares timestamps, not ids: so does this.
            self.rows = [(stamp, data) for stamp, data in self.rows
                         if stamp is not None and stamp >= self.session_start]

    def events(self) -> list[dict]:
        return [json.loads(data) for _, data in self.rows]


class RecentConversations(OrderedDict):
    """The rows of at most ``size`` conversations, the least recently used dropped first."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def remember(self, sender_id: str, rows: ConversationRows) -> None:
        self[sender_id] = rows
        self.move_to_end(sender_id)
        while len(self) > self.size:
            self.popitem(last=False)


class TrackerStoreUnavailable(RuntimeError):
    """The conversation's database could not be reached; the turn was not handled."""


def retry_seconds() -> float:
    return float(os.environ.get("TRACKER_STORE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))


async def with_retries(operation: Callable[[], Awaitable[T]], what: str, budget_s: float) -> T:
    """``operation()``, retried on database errors with a growing pause, for ``budget_s``."""
    deadline = time.monotonic() + budget_s
    pause = 0.25
    while True:
        try:
            return await operation()
        except DBAPIError as error:
            if time.monotonic() + pause > deadline:
                raise TrackerStoreUnavailable(f"could not {what} the conversation") from error
            logger.warning("The tracker store's database is not answering (%s); retrying.", type(error.orig).__name__)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 2.0)


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        engine_kwargs = create_engine_kwargs(url)
        if url.get_backend_name() == "postgresql":
            engine_kwargs["connect_args"] = {**engine_kwargs.get("connect_args", {}),
                                             "connect_timeout": CONNECT_TIMEOUT_S}
        sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:")
        if sqlite_file:
            # Pooled connections, as SQLAlchemy 2 does for SQLite files, instead of 1.4's new
            # connection for each read and save; the event loop's thread is the only user.
            engine_kwargs.update(poolclass=sqlalchemy.pool.QueuePool, connect_args={"check_same_thread": False})
        self.engine = sqlalchemy.create_engine(url, pool_pre_ping=True, **engine_kwargs)
        if sqlite_file:
            sqlalchemy.event.listen(self.engine, "connect", write_ahead_log)
        self.sessionmaker = sessionmaker(bind=self.engine)
        self.retry_seconds = retry_seconds()
        # One thread: the operations stay in order and the remembered rows have one user.
        self.database_thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="tracker-store")
        self.recent = RecentConversations(
            int(os.environ.get("TRACKER_CACHE_CONVERSATIONS", DEFAULT_CACHED_CONVERSATIONS)))
        # Conversations older than the retention window are deleted now and while it runs.
        start_purging(self, self.SQLEvent.__table__)
        # Loaded now, not on the first visitor's turn.
        redactor()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        async def read() -> DialogueStateTracker | None:
            return self._tracker(sender_id, await self._on_database_thread(self._read_rows, sender_id))

        tracker = await with_retries(read, "read", self.retry_seconds)
        if tracker is not None:
            setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    async def _on_database_thread(self, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.database_thread, function, *args)

    def _read_rows(self, sender_id: str) -> ConversationRows:
        """The conversation's current rows: the remembered ones and those stored since."""
        known = self.recent.pop(sender_id, None) or ConversationRows()
        table = self.SQLEvent.__table__
        query = (sqlalchemy.select(table.c.id, table.c.type_name, table.c.timestamp, table.c.data)
                 .where(table.c.sender_id == sender_id, table.c.id >= known.last_id)
                 .order_by(table.c.id))
        with self.engine.connect() as connection:
            rows = [tuple(row) for row in connection.execute(query)]
        if known.last_id:
            if not rows or rows[0][0] != known.last_id or rows[0][3] != known.last_data:
                # The newest row this process saw is gone or is another row: the conversation
                # was deleted (and perhaps begun again). Read it afresh.
                return self._read_rows(sender_id)
            rows = rows[1:]
        if rows:
            known.add([(kind, stamp, data) for _, kind, stamp, data in rows], last_id=rows[-1][0])
        if known.last_id:
            self.recent.remember(sender_id, known)
        return known

    def _tracker(self, sender_id: str, known: ConversationRows) -> DialogueStateTracker | None:
        # As SQLTrackerStore._retrieve: no tracker for a conversation without events.
        if not self.domain or not known.rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, known.events(), self.domain.slots)

    async def forget(self, sender_id: str) -> None:
        """Delete every stored event of this conversation (a visitor's "delete my conversation")."""
        table = self.SQLEvent.__table__

        def delete() -> None:
            with self.engine.begin() as connection:
                connection.execute(table.delete().where(table.c.sender_id == sender_id))
            self.recent.pop(sender_id, None)

        await with_retries(lambda: self._on_database_thread(delete), "delete", self.retry_seconds)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        # All sessions' events: not the count a save needs, so none is remembered.
        return await with_retries(
            lambda: super(ReconnectingSQLTrackerStore, self).retrieve_full_tracker(sender_id),
            "read", self.retry_seconds)

    async def save(self, tracker: DialogueStateTracker) -> None:
        async def write() -> None:
            await self.stream_events(tracker)
            await self._on_database_thread(self._write, tracker)

        await with_retries(write, "save", self.retry_seconds)
        setattr(tracker, STORED_EVENTS, len(tracker.events))

    def _write(self, tracker: DialogueStateTracker) -> None:
        """SQLTrackerStore.save's rows, in one statement, and the id of the last."""
        known = self.recent.pop(tracker.sender_id, None)
        table = self.SQLEvent.__table__
        rows = [row(tracker.sender_id, event) for event in self._new_events(tracker)]
        if not rows:
            if known is not None:
                self.recent.remember(tracker.sender_id, known)
            return
        sqlite = self.engine.url.get_backend_name() == "sqlite"
        # A Core transaction: the ORM session's unit of work and snapshots were ~3% of the
        # server's lock under load for two statements (session 39's profile).
        with self.engine.begin() as connection:
            # SQLite: ids no row ever had (see NEVER_GIVEN_SQLITE_ID).
            connection.execute(table.insert().values(id=NEVER_GIVEN_SQLITE_ID) if sqlite else table.insert(), rows)
            # No other process writes this conversation meanwhile (the lock store): its newest
            # row is the last one just written.
            last_id = connection.execute(sqlalchemy.select(sqlalchemy.func.max(table.c.id))
                                         .where(table.c.sender_id == tracker.sender_id)).scalar()
            if sqlite:  # in the same transaction, which holds SQLite's write lock
                connection.execute(sqlalchemy.text(f"PRAGMA user_version = {int(last_id)}"))
        # What this process remembers stays right only if it is what the turn started from.
        if known is not None and getattr(tracker, STORED_EVENTS, None) is not None:
            known.add([(r["type_name"], r["timestamp"], r["data"]) for r in rows], last_id=last_id)
            self.recent.remember(tracker.sender_id, known)

    def _new_events(self, tracker: DialogueStateTracker) -> list[Event]:
        """The tracker's events the database does not hold yet, as SQLTrackerStore._additional_events."""
        stored = getattr(tracker, STORED_EVENTS, None)
        # A capped event history (max_event_history) would shift the indexes: count instead.
        if stored is None or tracker.events.maxlen is not None or stored > len(tracker.events):
            with self.session_scope() as session:
                return list(super()._additional_events(session, tracker))
        return list(itertools.islice(tracker.events, stored, len(tracker.events)))


def write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite's write-ahead log: a commit is one sync of the log instead of the rollback
    journal's several (synchronous stays FULL: a committed turn survives a power cut)."""
    connection.execute("PRAGMA journal_mode=WAL")


def row(sender_id: str, event: Event) -> dict[str, Any]:
    """The events table's row for an event, as SQLTrackerStore.save writes it, except that a
    visitor's message is stored with its personal details replaced (connectors/personal_details.py)."""
    data = event.as_dict()
    if event.type_name == UserUttered.type_name:
        data = redacted_user_event(data)
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


ORIGINAL_ON_ERROR = FailSafeTrackerStore.on_tracker_store_error
ORIGINAL_ON_RETRIEVE_ERROR = FailSafeTrackerStore.on_tracker_store_retrieve_error


def on_tracker_store_error(self: FailSafeTrackerStore, error: Exception) -> None:
    """Rasa's fail-safe wrapper calls this inside its ``except``: re-raising our error stops
    it from handing the turn an empty in-memory conversation. Other stores keep Rasa's way."""
    if isinstance(error, TrackerStoreUnavailable):
        raise error
    ORIGINAL_ON_ERROR(self, error)


def on_tracker_store_retrieve_error(self: FailSafeTrackerStore, error: Exception) -> None:
    if isinstance(error, TrackerStoreUnavailable):
        raise error
    ORIGINAL_ON_RETRIEVE_ERROR(self, error)
