"""Facts about the conversation, read from Rasa's tracker events (plain dicts).

Rasa has a hook for a session's start but none for its end; these functions let the actions
tell when a conversation ended without its closing (disclaimer + booking prompt).
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Sequence

from assistant.names import RED_FLAG, RED_FLAG_INTENTS, ActionName, Intent, Slot
from assistant.red_flags import KINDS

Event = dict[str, Any]
# Set by the red-flag component when a message may be about suicide or self-harm.
SCREENING_INTENT = Intent.REPORT_POSSIBLE_CRISIS
CLOSING_SLOT = Slot.CLOSING_SENT
# Rasa gives a reminder's message this text ("EXTERNAL: " + intent); see rasa.shared.core.events.
EXTERNAL_PREFIX = "EXTERNAL: "
DEFAULT_IDLE_SECONDS = 180


def idle_seconds() -> float:
    """How long a visitor may stay quiet before the closing is pushed (IDLE_CLOSING_SECONDS)."""
    try:
        return max(1.0, float(os.environ.get("IDLE_CLOSING_SECONDS", DEFAULT_IDLE_SECONDS)))
    except ValueError:
        return float(DEFAULT_IDLE_SECONDS)


def current_session(events: Sequence[Event]) -> Sequence[Event]:
    """The events since the last ``action_session_start``."""
    for position in range(len(events) - 1, -1, -1):
        event = events[position]
        if event.get("event") == "action" and event.get("name") == ActionName.SESSION_START:
            return events[position:]
    return events


def red_flag_raised(events: Iterable[Event]) -> str | None:
    """The kind ("emergency", "crisis" or "possible_crisis") of the latest red flag in these
    events, if any."""
    turns = _red_flag_turns(events)
    return turns[-1][0].removeprefix("report_") if turns else None


def red_flag_message(events: Iterable[Event]) -> str:
    """The text of the latest message in these events that raised a red flag ("" if none)."""
    turns = _red_flag_turns(events)
    return turns[-1][1] if turns else ""


def _red_flag_turns(events: Iterable[Event]) -> list[tuple[str, str]]:
    """(intent, text) of each visitor message that raised a red flag, oldest first."""
    turns = []
    for event in events:
        if event.get("event") == "user":
            name = (event.get("parse_data") or {}).get("intent", {}).get("name")
            if name in RED_FLAG_INTENTS or name == SCREENING_INTENT:
                turns.append((name, event.get("text") or ""))
    return turns


def _visitor_spoke(events: Iterable[Event]) -> bool:
    return any(e.get("event") == "user" and not is_idle_trigger(e.get("text")) for e in events)


def slot_value(events: Iterable[Event], name: str) -> Any:
    """The value the last of these events that sets the slot ``name`` gave it; None if none did."""
    value = None
    for event in events:
        if event.get("event") == "slot" and event.get("name") == name:
            value = event.get("value")
    return value


def _closing_sent(events: Iterable[Event]) -> bool:
    return bool(slot_value(events, CLOSING_SLOT))


def closing_owed(events: Sequence[Event]) -> bool:
    """True when the visitor talked in this session and no closing followed the last answer."""
    session = current_session(events)
    return _visitor_spoke(session) and not _closing_sent(session)


def closing_missed_after_gap(events: Sequence[Event], idle: float) -> bool:
    """True when the latest message comes after a silence longer than ``idle`` seconds and the
    closing owed before it was never pushed (e.g. the server restarted and lost the reminder)."""
    session = current_session(events)
    users = [e for e in session if e.get("event") == "user"]
    if len(users) < 2 or not users[-1].get("timestamp"):
        return False
    latest = users[-1]
    before = [e for e in session if e is not latest and 0 < float(e.get("timestamp") or 0) <= latest["timestamp"]]
    if not before:
        return False
    gap = float(latest["timestamp"]) - max(float(e["timestamp"]) for e in before)
    return gap > idle and closing_owed(session[: session.index(latest)])


def is_idle_trigger(text: str | None) -> bool:
    return str(text or "").startswith(EXTERNAL_PREFIX)


def guidance_kind(parse_data: Event | None) -> str:
    """Which guidance a red-flag turn gets: "poisoning", "emergency" or "crisis".

    The red-flag component records the kind in the parse data (``red_flag``); a typed or
    clicked answer to a screening question ("yes", or the button's /affirm) carries none, and
    a "yes" there means crisis.
    """
    parse_data = parse_data or {}
    kind = (parse_data.get(RED_FLAG) or {}).get("kind")
    if kind in KINDS:
        return kind
    intent = (parse_data.get("intent") or {}).get("name")
    return "emergency" if intent == Intent.REPORT_EMERGENCY else "crisis"


def passages_just_sent(events: Sequence[Event]) -> frozenset[str]:
    """The ids of the passages the assistant quoted in its reply to the visitor's message before
    the latest one (the inactivity reminder's trigger is not the visitor's and is skipped)."""
    visitor = [i for i, e in enumerate(events) if e.get("event") == "user" and not is_idle_trigger(e.get("text"))]
    if len(visitor) < 2:
        return frozenset()
    return _quoted(events[visitor[-2] + 1: visitor[-1]])


def passages_sent_in_session(events: Sequence[Event]) -> frozenset[str]:
    """The ids of every passage the assistant quoted in this session ("what else?" asks for one
    the visitor has not read yet)."""
    return _quoted(current_session(events))


def _quoted(events: Iterable[Event]) -> frozenset[str]:
    """The ids of the passages the assistant's answers among these events quoted."""
    from assistant.replies import ANSWER  # here: the benchmarks read this module without retrieval's libraries

    sent: set[str] = set()
    for event in events:
        custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
        if isinstance(custom, dict) and custom.get("kind") == ANSWER:
            sent.update(str(p) for p in custom.get("passages") or [])
    return frozenset(sent)


def spoke_before(events: Sequence[Event]) -> bool:
    """Whether the visitor wrote in this session before their latest message."""
    session = current_session(events)
    latest = max((i for i, e in enumerate(session) if e.get("event") == "user"), default=0)
    return _visitor_spoke(session[:latest])
