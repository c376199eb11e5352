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
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import time
from typing import Any, Awaitable, Callable, Iterator, TypeVar

import sqlalchemy
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

logger = logging.getLogger(__name__)
T = TypeVar("T")
DEFAULT_RETRY_SECONDS = 6.0
CONNECT_TIMEOUT_S = 3
# Set on a tracker this store read or saved: how many of its events (since the session start)
# the database holds.
STORED_EVENTS = "_ospina_stored_events"


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
        self.engine = sqlalchemy.create_engine(url, pool_pre_ping=True, **engine_kwargs)
        self.sessionmaker = sessionmaker(bind=self.engine)
        self.retry_seconds = retry_seconds()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        tracker = await with_retries(lambda: super(ReconnectingSQLTrackerStore, self).retrieve(sender_id),
                                     "read", self.retry_seconds)
        if tracker is not None:
            setattr(tracker, STORED_EVENTS, len(tracker.events))
        return tracker

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        # All sessions' events: not the count a save needs, so none is remembered.
        return await with_retries(
            lambda: super(ReconnectingSQLTrackerStore, self).retrieve_full_tracker(sender_id),
            "read", self.retry_seconds)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await with_retries(lambda: super(ReconnectingSQLTrackerStore, self).save(tracker),
                           "save", self.retry_seconds)
        setattr(tracker, STORED_EVENTS, len(tracker.events))

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        stored = getattr(tracker, STORED_EVENTS, None)
        # A capped event history (max_event_history) would shift the indexes: count instead.
        if stored is None or tracker.events.maxlen is not None or stored > len(tracker.events):
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))


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


def install() -> None:
    FailSafeTrackerStore.on_tracker_store_error = on_tracker_store_error
    FailSafeTrackerStore.on_tracker_store_retrieve_error = on_tracker_store_retrieve_error


# Rasa imports this module when cluster/endpoints.yml names the store: the change to the
# fail-safe wrapper only ever affects this store's errors.
install()
