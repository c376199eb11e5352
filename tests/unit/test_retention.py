"""Conversations older than the retention window are deleted, newer ones stay
(connectors/retention.py), in the store's own SQLite database; PostgreSQL is covered by
tests/cluster/test_cluster.py and a running server by tests/integration/test_retention.py."""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from assistant.clinic import retention_days
from assistant.datafiles import ContentError
from connectors.retention import purge_expired
from connectors.tracker_store import ReconnectingSQLTrackerStore

DAY = 86400


def conversation(sender, *ages_in_days):
    now = time.time()
    return DialogueStateTracker.from_events(
        sender, [UserUttered(f"message {i}", timestamp=now - age * DAY) for i, age in enumerate(ages_in_days)])


def stored(store, sender):
    return asyncio.run(store.retrieve(sender)) is not None


def test_only_conversations_whose_last_event_is_older_than_the_window_go(tmp_path):
    store = ReconnectingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    for tracker in (conversation("old", 45, 40), conversation("running", 45, 0.01), conversation("new", 2)):
        asyncio.run(store.save(tracker))
    assert purge_expired(store.engine, store.SQLEvent.__table__, days=30) == 1
    assert not stored(store, "old")
    # A conversation that began long ago but goes on is never cut: all its events stay.
    assert len(asyncio.run(store.retrieve_full_tracker("running")).events) == 2
    assert stored(store, "new")


def test_a_store_starting_on_a_database_with_old_conversations_deletes_them(tmp_path):
    first = ReconnectingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    asyncio.run(first.save(conversation("old", 31)))
    asyncio.run(first.save(conversation("new", 29)))
    restarted = ReconnectingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    assert not stored(restarted, "old") and stored(restarted, "new")


def test_a_running_server_deletes_conversations_as_they_expire(tmp_path, monkeypatch):
    monkeypatch.setenv("RETENTION_CHECK_SECONDS", "1")

    async def scenario():
        store = ReconnectingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
        await store.save(conversation("expires-later", 40))  # saved after the purge at start
        assert await store.retrieve("expires-later") is not None
        await asyncio.sleep(1.5)
        gone = await store.retrieve("expires-later") is None
        store.retention_task.cancel()
        return gone

    assert asyncio.run(scenario())


@pytest.mark.parametrize("value", ["0", "-3", "thirty", "true", "99999"])
def test_a_bad_retention_window_names_the_line(tmp_path, value):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text(f"name: X\nconversation_retention_days: {value}\n")
    with pytest.raises(ContentError) as error:
        retention_days(clinic)
    assert error.value.line == 2 and "from 1 to 3650" in error.value.problem


def test_the_default_window_is_30_days(tmp_path):
    clinic = tmp_path / "clinic.yml"
    clinic.write_text("name: X\n")
    assert retention_days(clinic) == 30
