"""Per-client limits on the public channels, so that one client sending as fast as it can does
not slow the assistant down for everyone else.

- Messages: at most FLOOD_MESSAGE_LIMITS per conversation (default 6 per 10 seconds and 30 per
  minute: more than a person types, even clicking buttons; a REST sender, a socket.io
  connection), and at most FLOOD_ADDRESS_LIMITS per client address for all its conversations
  together (default 60 per 10 seconds and 300 per minute: the ten conversations an address may
  have open, below). Many people share one address (a clinic's or a hospital's Wi-Fi, a mobile
  network): with the conversation's limit per address, ten of them writing three messages a
  minute were asked to slow down (session 44's visitor tester, one address, was at one message
  every 1.5 s). A message over a limit is not handled; the client gets the clinic's polite
  ``slow_down`` reply (knowledge/messages.yml), over REST with HTTP 429 and ``Retry-After``.
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

DEFAULT_MESSAGE_LIMITS = "6 per 10 seconds; 30 per minute"  # per conversation
DEFAULT_ADDRESS_LIMITS = "60 per 10 seconds; 300 per minute"  # per address, all its conversations
DEFAULT_SOCKETS_PER_ADDRESS = 10


class FloodGuard:
    """How many messages each conversation and each client address has had, and sockets each address
    has open; whether one more may go."""

    def __init__(self, message_limits: str = DEFAULT_MESSAGE_LIMITS,
                 sockets_per_address: int = DEFAULT_SOCKETS_PER_ADDRESS, exempt: frozenset[str] = frozenset(),
                 address_limits: str = DEFAULT_ADDRESS_LIMITS) -> None:
        self.limits = parse_many(message_limits)
        self.address_limits = parse_many(address_limits)
        if not self.limits or not self.address_limits or sockets_per_address < 1:
            raise ValueError(f"flood limits: no message limit in {message_limits!r} or {address_limits!r},"
                             " or sockets_per_address < 1")
        self.storage = MemoryStorage()  # the limiter holds it by a weak reference only
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.sockets_per_address = sockets_per_address
        self.open_sockets: Counter[str] = Counter()
        self.exempt = exempt

    def _counted(self, address: str, conversation: str | None) -> list[tuple[Any, str, str]]:
        """(limit, what is counted, whose) for a message of ``conversation`` from ``address``; a
        message whose conversation is unknown (a malformed request) counts as the address's own."""
        whose = f"{address} {conversation}" if conversation else address
        return ([(limit, "message", whose) for limit in self.limits]
                + [(limit, "address", address) for limit in self.address_limits])

    def allow_message(self, address: str, conversation: str | None = None) -> bool:
        """Count one message of ``conversation`` from ``address``, unless it is over its
        conversation's limit or its address's (then it is not counted)."""
        if address in self.exempt:
            return True
        counted = self._counted(address, conversation)
        if not all(self.limiter.test(*count) for count in counted):
            return False
        for count in counted:
            self.limiter.hit(*count)
        return True

    def retry_after(self, address: str, conversation: str | None = None) -> int:
        """Seconds until ``conversation`` may send from ``address`` again."""
        now = time.time()
        waits = [self.limiter.get_window_stats(*count)[0] - now
                 for count in self._counted(address, conversation) if not self.limiter.test(*count)]
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
                      frozenset(os.environ.get("FLOOD_EXEMPT_ADDRESSES", "").replace(",", " ").split()),
                      os.environ.get("FLOOD_ADDRESS_LIMITS", DEFAULT_ADDRESS_LIMITS))


def request_address(request: Any) -> str:
    """The client's address: Sanic's ``remote_addr`` (from X-Real-IP behind the cluster's
    nginx, when REAL_IP_HEADER is set), else the peer's address."""
    return request.remote_addr or request.ip or "unknown"
