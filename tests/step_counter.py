"""Counting the steps a Hypothesis state machine ran, so that a test can say how many it ran
and fail when too few were (tests/unit/test_tracker_store_equivalence.py, test_desk_cache.py).
Each test sets ``Steps.executed = 0`` before it runs its machine."""

from __future__ import annotations

from typing import Any, Callable


class Steps:
    executed = 0


def step(function: Callable) -> Callable:
    """A rule of the machine, counted each time it runs."""
    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        Steps.executed += 1
        return function(self, *args, **kwargs)

    counted.__name__ = function.__name__
    return counted
