"""Conversations are kept only as long as needed: those whose last event is older than the
retention window (``conversation_retention_days`` in knowledge/clinic.yml, default 30) are
deleted from the tracker store's database, when a Rasa server starts and then every
``RETENTION_CHECK_SECONDS`` (default: hourly) while it runs.

Only whole conversations whose newest event is older than the window go, so a running
conversation is never cut. Every replica runs the same delete; it is idempotent. Works on
Rasa's own ``events`` table, so SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from typing import Any

import sqlalchemy

from assistant.clinic import retention_days

logger = logging.getLogger(__name__)
DEFAULT_CHECK_SECONDS = 3600.0
DAY_SECONDS = 86400


def check_seconds() -> float:
    try:
        return max(1.0, float(os.environ.get("RETENTION_CHECK_SECONDS", DEFAULT_CHECK_SECONDS)))
    except ValueError:
        return DEFAULT_CHECK_SECONDS


def purge_expired(engine: sqlalchemy.engine.Engine, table: sqlalchemy.Table, days: float,
                  now: float | None = None) -> int:
    """Delete every conversation whose newest event is older than ``days``; the number of
    conversations deleted."""
    cutoff = (time.time() if now is None else now) - days * DAY_SECONDS
    expired = (
        sqlalchemy.select(table.c.sender_id)
        .group_by(table.c.sender_id)
        .having(sqlalchemy.func.max(table.c.timestamp) < cutoff)
    )
    with engine.begin() as connection:
        senders = [row[0] for row in connection.execute(expired)]
        for start in range(0, len(senders), 500):
            connection.execute(table.delete().where(table.c.sender_id.in_(senders[start:start + 500])))
    return len(senders)


def start_purging(store: Any, table: sqlalchemy.Table) -> None:
    """Purge now, and then periodically while the event loop runs (a Rasa server's)."""
    days = retention_days()

    def purge() -> None:
        try:
            deleted = purge_expired(store.engine, table, days)
        except sqlalchemy.exc.SQLAlchemyError as error:  # a database outage: try again next time
            logger.warning("Retention: could not delete old conversations (%s)", type(error).__name__)
            return
        if deleted:
            logger.info("Retention: deleted %d conversation(s) older than %d days", deleted, days)
        forget = getattr(store, "recent", None)
        if deleted and forget is not None:
            forget.clear()  # rows a process remembers must not outlive the database's

    purge()
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return  # not in a server (a script or a test): the purge at start is all

    async def periodically() -> None:
        while True:
            await asyncio.sleep(check_seconds())
            purge()

    store.retention_task = loop.create_task(periodically())
