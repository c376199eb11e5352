"""The per-address counting behind the flood limits (connectors/flood_limits.py)."""

from __future__ import annotations

import pytest

from connectors.flood_limits import FloodGuard


def test_messages_over_the_limit_are_refused_and_other_addresses_are_not():
    guard = FloodGuard("3 per 10 seconds")
    assert [guard.allow_message("10.0.0.1") for _ in range(5)] == [True, True, True, False, False]
    assert guard.allow_message("10.0.0.2")
    assert 1 <= guard.retry_after("10.0.0.1") <= 10


def test_each_conversation_has_its_limit_and_an_address_a_ceiling_for_all_of_them():
    # Session 44: one limit per address asked ten people on one network to slow down.
    guard = FloodGuard("3 per 10 seconds", address_limits="7 per 10 seconds")
    assert [guard.allow_message("10.0.0.1", "ann") for _ in range(4)] == [True, True, True, False]
    assert [guard.allow_message("10.0.0.1", "bo") for _ in range(4)] == [True, True, True, False]
    # The address's ceiling: 6 handled so far, one more conversation gets one message in.
    assert [guard.allow_message("10.0.0.1", "cy") for _ in range(2)] == [True, False]
    assert guard.allow_message("10.0.0.2", "ann")
    assert 1 <= guard.retry_after("10.0.0.1", "dee") <= 10


def test_a_message_of_no_known_conversation_counts_as_its_address_own():
    guard = FloodGuard("2 per 10 seconds")
    assert [guard.allow_message("a") for _ in range(3)] == [True, True, False]
    assert guard.allow_message("a", "someone")


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


@pytest.mark.parametrize("limits, sockets, address_limits", [
    ("", 1, "9 per minute"), ("3 per minute", 0, "9 per minute"), ("3 per minute", 1, "")])
def test_a_configuration_without_limits_is_refused(limits, sockets, address_limits):
    with pytest.raises(ValueError):
        FloodGuard(limits, sockets, address_limits=address_limits)
