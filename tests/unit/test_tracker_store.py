"""The cluster's tracker store: brief database outages bridged, longer ones reported, and
never a turn handled with an empty conversation (connectors/tracker_store.py)."""

from __future__ import annotations

import asyncio

import pytest
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import OperationalError

from connectors.tracker_store import ReconnectingSQLTrackerStore, TrackerStoreUnavailable, with_retries


def _database_down() -> OperationalError:
    return OperationalError("SELECT 1", {}, Exception("connection refused"))


def test_a_brief_outage_is_bridged_by_retrying():
    calls = []

    async def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _database_down()
        return "tracker"

    assert asyncio.run(with_retries(flaky, "read", budget_s=5)) == "tracker"
    assert len(calls) == 3


def test_a_longer_outage_is_reported_with_its_cause():
    async def down() -> None:
        raise _database_down()

    with pytest.raises(TrackerStoreUnavailable) as raised:
        asyncio.run(with_retries(down, "save", budget_s=0.6))
    assert isinstance(raised.value.__cause__, OperationalError)


class _Unavailable(InMemoryTrackerStore):
    async def retrieve(self, sender_id):
        raise TrackerStoreUnavailable("could not read the conversation")

    async def save(self, tracker):
        raise TrackerStoreUnavailable("could not save the conversation")


class _Broken(InMemoryTrackerStore):
    async def retrieve(self, sender_id):
        raise ValueError("another store's error")


def test_rasa_fail_safe_wrapper_lets_the_outage_through_instead_of_an_empty_conversation():
    store = FailSafeTrackerStore(_Unavailable(Domain.empty()))
    with pytest.raises(TrackerStoreUnavailable):
        asyncio.run(store.retrieve("visitor"))
    with pytest.raises(TrackerStoreUnavailable):
        asyncio.run(store.save(DialogueStateTracker("visitor", [])))


def test_other_stores_keep_rasa_fail_safe_behaviour():
    assert asyncio.run(FailSafeTrackerStore(_Broken(Domain.empty())).retrieve("visitor")) is None


def test_the_store_checks_connections_and_keeps_conversations(tmp_path):
    store = ReconnectingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    assert store.engine.pool._pre_ping
    tracker = DialogueStateTracker("visitor", [])
    tracker.update(UserUttered("what is insomnia?"))
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("visitor"))
    assert again is not None and again.latest_message.text == "what is insomnia?"


def test_saves_of_a_known_tracker_skip_the_count_and_store_every_event_once(tmp_path, monkeypatch):
    store = ReconnectingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    counted: list[int] = []
    original = SQLTrackerStore._additional_events

    def counting(self, session, tracker):
        counted.append(1)
        return original(self, session, tracker)

    monkeypatch.setattr(SQLTrackerStore, "_additional_events", counting)
    first = DialogueStateTracker("visitor", [])
    first.update(UserUttered("hi"))
    asyncio.run(store.save(first))  # a tracker the store has not read: Rasa's count
    assert counted == [1]

    for text in ["what is insomnia?", "and how is it treated?", "bye"]:
        tracker = asyncio.run(store.retrieve("visitor"))
        tracker.update(UserUttered(text))
        asyncio.run(store.save(tracker))
        tracker.update(ActionExecuted("action_listen"))
        asyncio.run(store.save(tracker))  # saved twice in one turn: only the new event again
    assert counted == [1]

    again = asyncio.run(store.retrieve("visitor"))
    stored = [(e.type_name, getattr(e, "text", None) or getattr(e, "action_name", None)) for e in again.events]
    assert stored == [("user", "hi"),
                      ("user", "what is insomnia?"), ("action", "action_listen"),
                      ("user", "and how is it treated?"), ("action", "action_listen"),
                      ("user", "bye"), ("action", "action_listen")]
