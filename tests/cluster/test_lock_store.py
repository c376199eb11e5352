"""The lock store the replicas share: one conversation's turns never run at the same time,
even when they arrive at the same moment on different replicas (connectors/lock_store.py)."""

from __future__ import annotations

import asyncio
import threading
import uuid

from connectors.lock_store import AtomicRedisLockStore

REPLICAS, TURNS_EACH = 6, 5


def test_turns_of_one_conversation_on_many_replicas_never_overlap(cluster):
    conversation = f"lock-{uuid.uuid4().hex[:8]}"
    inside: list[str] = []
    overlaps: list[tuple[str, ...]] = []
    handled: list[str] = []
    start = threading.Barrier(REPLICAS)

    def replica(name: str) -> None:
        # Each its own connection to Redis, as each replica process has.
        store = AtomicRedisLockStore(host="127.0.0.1", port=cluster.ports.redis, key_prefix="locktest")

        async def turns() -> None:
            for turn in range(TURNS_EACH):
                async with store.lock(conversation, wait_time_in_seconds=0.01):
                    inside.append(name)
                    if len(inside) > 1:
                        overlaps.append(tuple(inside))
                    await asyncio.sleep(0.02)  # a turn's work
                    handled.append(f"{name}-{turn}")
                    inside.remove(name)

        start.wait()
        asyncio.run(turns())

    threads = [threading.Thread(target=replica, args=(f"r{i}",)) for i in range(REPLICAS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert overlaps == []
    assert len(handled) == REPLICAS * TURNS_EACH, "a turn never got the lock"
    # Nothing left behind once every turn is done.
    assert AtomicRedisLockStore(host="127.0.0.1", port=cluster.ports.redis,
                                key_prefix="locktest").get_lock(conversation) is None
