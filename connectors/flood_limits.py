"""Per-client limits on the public channels, so that one client sending as fast as it can does
not slow the assistant down for everyone else.

- Messages: at most FLOOD_MESSAGE_LIMITS per client address (default 6 per 10 seconds and
  30 per minute: more than a person types, even clicking buttons), counted over REST and
  socket.io together. A message over the limit is not handled; the client gets the clinic's
  polite ``slow_down`` reply (knowledge/messages.yml), over REST with HTTP 429 and
  ``Retry-After``.
- Sockets: at most FLOOD_SOCKETS_PER_ADDRESS open socket.io connections per address (default
  10: a family or a clinic's waiting room behind one address still fits). One more is refused
  with the clinic's ``too_many_chats`` reply.

Addresses in FLOOD_EXEMPT_ADDRESSES (comma- or space-separated; none by default) are not
limited: the test suites and benchmarks send from 127.0.0.1 faster than any person, and test
the limits from other loopback addresses.

Counting is the ``limits`` library's moving window, in each server's memory; behind the
cluster's nginx the client's address comes from the ``X-Real-IP`` header that nginx sets
(Sanic's REAL_IP_HEADER, set by cluster/services.py), and nginx applies the same limits across
replicas with ``limit_req`` and ``limit_conn`` (cluster/nginx.conf).
"""

from __future__ import annotations

import functools
import math
import os
import time
from collections import Counter
from typing import Any

from limits import parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

DEFAULT_MESSAGE_LIMITS = "6 per 10 seconds; 30 per minute"
DEFAULT_SOCKETS_PER_ADDRESS = 10


class FloodGuard:
    """How many messages and sockets each client address has had, and whether one more may go."""

    def __init__(self, message_limits: str = DEFAULT_MESSAGE_LIMITS,
                 sockets_per_address: int = DEFAULT_SOCKETS_PER_ADDRESS, exempt: frozenset[str] = frozenset()) -> None:
        self.limits = parse_many(message_limits)
        if not self.limits or sockets_per_address < 1:
            raise ValueError(f"flood limits: no message limit in {message_limits!r} or sockets_per_address < 1")
        self.storage = MemoryStorage()  # the limiter holds it by a weak reference only
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.sockets_per_address = sockets_per_address
        self.open_sockets: Counter[str] = Counter()
        self.exempt = exempt

    def allow_message(self, address: str) -> bool:
        """Count one message from ``address``, unless it is over a limit (then it is not counted)."""
        if address in self.exempt:
            return True
        if not all(self.limiter.test(limit, "message", address) for limit in self.limits):
            return False
        for limit in self.limits:
            self.limiter.hit(limit, "message", address)
        return True

    def retry_after(self, address: str) -> int:
        """Seconds until ``address`` may send again."""
        now = time.time()
        waits = [self.limiter.get_window_stats(limit, "message", address)[0] - now
                 for limit in self.limits if not self.limiter.test(limit, "message", address)]
        return max(1, math.ceil(max(waits, default=1)))

    def open_socket(self, address: str) -> bool:
        if address in self.exempt:
            return True
        if self.open_sockets[address] >= self.sockets_per_address:
            return False
        self.open_sockets[address] += 1
        return True

    def close_socket(self, address: str) -> None:
        if address in self.exempt:
            return
        self.open_sockets[address] -= 1
        if self.open_sockets[address] <= 0:
            del self.open_sockets[address]


@functools.lru_cache(maxsize=1)
def flood_guard() -> FloodGuard:
    """The server's one guard, shared by its channels, configured from the environment."""
    return FloodGuard(os.environ.get("FLOOD_MESSAGE_LIMITS", DEFAULT_MESSAGE_LIMITS),
                      int(os.environ.get("FLOOD_SOCKETS_PER_ADDRESS", DEFAULT_SOCKETS_PER_ADDRESS)),
                      frozenset(os.environ.get("FLOOD_EXEMPT_ADDRESSES", "").replace(",", " ").split()))


def request_address(request: Any) -> str:
    """The client's address: Sanic's ``remote_addr`` (from X-Real-IP behind the cluster's
    nginx, when REAL_IP_HEADER is set), else the peer's address."""
    return request.remote_addr or request.ip or "unknown"
