"""Rasa's Redis lock store, with each change of a conversation's lock made atomic.

Rasa 3.6's ``RedisLockStore`` keeps one conversation's ticket lock as a JSON value and changes
it by get, modify, set. Two replicas receiving messages of the same conversation at the same
moment both read "no lock", both issue ticket 0, and both handle their turn at once: one turn
overwrites the other in the tracker store (seen in tests/cluster; Rasa's reviewers called the
ticket issuing "far from atomic" in RasaHQ/rasa#3933). Here every change runs in a Redis
transaction that watches the key (WATCH/MULTI/EXEC) and is redone if another replica changed
the lock in between. Rasa's ticket protocol itself is unchanged.
"""

from __future__ import annotations

import json
from typing import Any, Callable, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
# A change returns the lock to store (None: delete it) and a value for the caller.
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        # Rasa builds a lock store named by module path from its endpoint config alone.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _atomically(self, conversation_id: str, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id
        outcome: list[T] = []

        def transaction(pipe: Any) -> None:
            outcome.clear()
            raw = pipe.get(key)  # read while watching: a change by anyone else aborts EXEC
            lock, value = change(TicketLock.from_dict(json.loads(raw)) if raw else None)
            outcome.append(value)
            pipe.multi()
            if lock is None:
                pipe.delete(key)
            else:
                pipe.set(key, lock.dumps())

        self.red.transaction(transaction, key)
        return outcome[0]

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._atomically(conversation_id, issue)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._atomically(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def remove_ticket(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._atomically(conversation_id, remove_ticket)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Hand the lock to the next ticket, or delete it if no one waits: in one step, so
        that a ticket issued meanwhile by another replica is never deleted with it."""
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is None:
                return None, None
            lock.remove_ticket_for(ticket_number)
            return (lock if lock.is_someone_waiting() else None), None

        self._atomically(conversation_id, finish)
