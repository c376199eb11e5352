"""The per-address counting behind the flood limits (connectors/flood_limits.py)."""

from __future__ import annotations

import pytest

from connectors.flood_limits import FloodGuard


def test_messages_over_the_limit_are_refused_and_other_addresses_are_not():
    guard = FloodGuard("3 per 10 seconds")
    assert [guard.allow_message("10.0.0.1") for _ in range(5)] == [True, True, True, False, False]
    assert guard.allow_message("10.0.0.2")
    assert 1 <= guard.retry_after("10.0.0.1") <= 10


def test_a_refused_message_is_not_counted_against_the_longer_limit():
    guard = FloodGuard("2 per 10 seconds; 3 per minute")
    assert [guard.allow_message("a") for _ in range(10)] == [True, True] + [False] * 8
    # Only the two handled messages count towards the minute: one more fits in it.
    assert guard.limiter.get_window_stats(guard.limits[1], "message", "a")[1] == 1


def test_open_sockets_are_counted_per_address_and_freed_on_close():
    guard = FloodGuard(sockets_per_address=2)
    assert guard.open_socket("a") and guard.open_socket("a")
    assert not guard.open_socket("a")
    assert guard.open_socket("b")
    guard.close_socket("a")
    assert guard.open_socket("a")


def test_exempt_addresses_are_never_limited():
    guard = FloodGuard("1 per minute", sockets_per_address=1, exempt=frozenset({"127.0.0.1"}))
    assert all(guard.allow_message("127.0.0.1") for _ in range(20))
    assert all(guard.open_socket("127.0.0.1") for _ in range(5))


@pytest.mark.parametrize("limits, sockets", [("", 1), ("3 per minute", 0)])
def test_a_configuration_without_limits_is_refused(limits, sockets):
    with pytest.raises(ValueError):
        FloodGuard(limits, sockets)
