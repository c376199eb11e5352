"""`make report`: what visitors asked that the assistant could not answer, most frequent first.

Reads the conversations in the tracker store named in endpoints.yml (SQLite by default) and
counts the visitor messages that got "no vetted answer", "I'm not sure I understood" or
"outside what I can help with". Only the message text is listed: no visitor identifiers.

    python -m assistant.report [--endpoints endpoints.yml] [--top 30]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa
from ruamel.yaml import YAML

from assistant.clinic import load_clinic

UNANSWERED_KEYS = {"no_vetted_answer": "no vetted answer", "fallback": "not understood",
                   "out_of_scope": "out of scope", "other_language": "other language"}


def database_url(endpoints: Path) -> str:
    store = (YAML(typ="safe").load(endpoints.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
    dialect = store.get("dialect", "sqlite")
    if dialect == "sqlite":
        return f"sqlite:///{store.get('db', 'rasa.db')}"
    credentials = f"{store.get('username', '')}:{store.get('password', '')}@" if store.get("username") else ""
    port = f":{store['port']}" if store.get("port") else ""
    return f"{dialect}://{credentials}{store.get('url', 'localhost')}{port}/{store.get('db', 'rasa')}"


def unanswered(rows, replies: dict[str, str]) -> Counter:
    """Count (reason, visitor text) over event rows (sender_id, type_name, data) in order."""
    last_user: dict[str, str] = {}
    counts: Counter = Counter()
    for sender, type_name, data in rows:
        event = json.loads(data)
        if type_name == "user":
            last_user[sender] = " ".join(str(event.get("text") or "").split())
        elif type_name == "bot" and event.get("text") in replies and sender in last_user:
            counts[(replies[event["text"]], last_user.pop(sender))] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"))
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    clinic = load_clinic()
    replies = {clinic.say(key): label for key, label in UNANSWERED_KEYS.items()}
    url = database_url(args.endpoints)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        print(f"No conversations yet ({url.removeprefix('sqlite:///')} does not exist).")
        return 0
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT sender_id, type_name, data FROM events WHERE type_name IN ('user', 'bot') ORDER BY id"
        ))
        counts = unanswered(rows, replies)
    if not counts:
        print("Every visitor question got a vetted answer.")
        return 0
    print(f"{'times':>5}  {'why':<17} visitor message")
    for (reason, text), times in counts.most_common(args.top):
        print(f"{times:>5}  {reason:<17} {text[:100]}")
    print(f"\n{sum(counts.values())} unanswered messages, {len(counts)} different. "
          "Add examples (data/nlu/) or an article (knowledge/articles/) for the frequent ones.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
