"""Rasa's SQL tracker store, with every pooled connection checked before use.

Rasa 3.6 creates its SQLAlchemy engine without ``pool_pre_ping``: after the database restarts,
each pooled connection is dead and the next turns fail until the pool has been emptied by
errors. With the check, the first turn after the database is back reconnects and succeeds.
Used by the scaled-out set-up (cluster/endpoints.yml).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from sqlalchemy.orm import sessionmaker


class ReconnectingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sqlalchemy.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sessionmaker(bind=self.engine)
