"""A visitor's "delete my conversation": every stored event of one conversation, and its
pending reminders (the inactivity closing), are removed at once.

Used by the REST channel (``POST /webhooks/rest/forget``) and the socket.io channel (the
``forget_session`` event). Both need the conversation's own sender id: it is the visitor's
random id, and knowing it is what lets a client talk in that conversation at all. With
several replicas the conversation lives in the one shared database, so one delete removes it
for all of them; each replica notices the deletion on its next read (connectors/tracker_store.py).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.core import jobs
from rasa.shared.core.constants import ACTION_NAME_SENDER_ID_CONNECTOR_STR

logger = logging.getLogger(__name__)


async def forget_conversation(agent: Any, sender_id: str) -> None:
    """Delete the conversation ``sender_id`` from the agent's tracker store, with its reminders."""
    store = agent.tracker_store
    store = getattr(store, "_tracker_store", store)  # Rasa wraps every store in FailSafeTrackerStore
    async with agent.lock_store.lock(sender_id):  # not in the middle of one of its turns
        if hasattr(store, "forget"):
            await store.forget(sender_id)
        elif hasattr(store, "store") and isinstance(store.store, dict):  # Rasa's in-memory store
            store.store.pop(sender_id, None)
        else:
            raise NotImplementedError(f"{type(store).__name__} cannot delete a conversation")
    scheduler = await jobs.scheduler()
    for job in scheduler.get_jobs():
        if str(job.name).endswith(ACTION_NAME_SENDER_ID_CONNECTOR_STR + sender_id):
            scheduler.remove_job(job.id)
    logger.info("A visitor deleted their conversation")  # no id, no text: nothing to tie it to
