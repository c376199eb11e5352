"""Facts about the current conversation, read from Rasa's tracker events (plain dicts)."""

from __future__ import annotations

from typing import Any, Iterable, Sequence

Event = dict[str, Any]
RED_FLAG_INTENTS = ("report_emergency", "report_crisis")


def current_session(events: Sequence[Event]) -> Sequence[Event]:
    """The events since the last ``action_session_start``."""
    for position in range(len(events) - 1, -1, -1):
        event = events[position]
        if event.get("event") == "action" and event.get("name") == "action_session_start":
            return events[position:]
    return events


def red_flag_raised(events: Iterable[Event]) -> str | None:
    """The kind ("emergency" or "crisis") of the latest red flag in these events, if any."""
    kind = None
    for event in events:
        if event.get("event") == "user":
            name = (event.get("parse_data") or {}).get("intent", {}).get("name")
            if name in RED_FLAG_INTENTS:
                kind = name.removeprefix("report_")
    return kind
