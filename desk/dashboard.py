"""The dashboard's figures, from the stored conversations: what a clinic manager looks at."""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter
from pathlib import Path

from desk.conversations import Turn

OUTCOMES = ("answered", "honest no", "not sure", "red flag", "other")


def outcome(turn: Turn) -> str:
    return turn.remembered("outcome", lambda: turn_outcome(turn))


def turn_outcome(turn: Turn) -> str:
    kinds = {reply.kind for reply in turn.replies}
    if kinds & {"alert", "screening"}:
        return "red flag"
    if "answer" in kinds:
        return "answered"
    if "no_answer" in kinds:
        return "honest no"
    if any(reply.custom.get("unanswered") for reply in turn.replies):
        return "not sure"
    return "other"


def day(timestamp: float) -> str:
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).date().isoformat()


def week(timestamp: float) -> str:
    year, number, _ = dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).isocalendar()
    return f"{year}-W{number:02d}"


def booking_clicks(path: Path | None) -> list[dict]:
    """The clicks the widget reported (web/app.py, /events/booking): when, and which button."""
    if path is None or not path.exists():
        return []
    clicks = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            click = json.loads(line)
        except ValueError:
            continue
        if isinstance(click, dict) and isinstance(click.get("at"), str):
            clicks.append(click)
    return clicks


def figures(conversations: dict[str, list[Turn]], clicks: list[dict] = (), top: int = 10) -> dict:
    per_day: Counter = Counter()
    outcomes: Counter = Counter({name: 0 for name in OUTCOMES})
    passages: Counter = Counter()
    red_flags: Counter = Counter()
    latencies: list[float] = []
    for turns in conversations.values():
        if not turns:  # only bot messages so far (e.g. a reminder's): nothing the visitor said
            continue
        per_day[day(turns[0].at)] += 1
        for turn in turns:
            result = outcome(turn)
            if not turn.text.startswith("/"):  # a button's turn counts by the passage it got, below
                outcomes[result] += 1
            if result == "red flag":
                red_flags[week(turn.at)] += 1
            for reply in turn.replies:
                if reply.kind == "answer" and reply.custom.get("passages"):
                    passages[reply.custom["passages"][0]] += 1
                    break
            if turn.replies and turn.replies[0].at and turn.at:
                latencies.append(1000 * max(0.0, turn.replies[0].at - turn.at))
    latency: dict[str, int | None] = {"p50": None, "p95": None}
    if latencies:
        ordered = sorted(latencies)
        latency = {"p50": round(statistics.median(ordered)), "p95": round(ordered[int(0.95 * (len(ordered) - 1))])}
    clicks_per_day: Counter = Counter(click["at"][:10] for click in clicks)
    return {
        "booking_clicks": len(clicks),
        "booking_clicks_per_day": dict(sorted(clicks_per_day.items())),
        "booking_clicks_by_button": dict(Counter(str(click.get("button")) for click in clicks)),
        "conversations": sum(per_day.values()),
        "conversations_per_day": dict(sorted(per_day.items())),
        "outcomes": dict(outcomes),
        "top_passages": passages.most_common(top),
        "red_flags_per_week": dict(sorted(red_flags.items())),
        "turn_latency_ms": latency,
    }
