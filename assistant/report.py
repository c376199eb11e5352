"""`make report`: what visitors asked that the assistant could not answer, most frequent first.

Reads the conversations in the tracker store named in endpoints.yml (SQLite by default) and
counts the visitor messages that got "no vetted answer", "I'm not sure I understood" or
"outside what I can help with", from what each bot message says it is (``custom``: its kind,
retrieval's reason, the condition not covered), never from its wording. Only the message
text is listed: no visitor identifiers.

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

UNANSWERED = {"out_of_scope": "out of scope", "not_understood": "not understood", "other_language": "other language",
              "complaint": "said it did not help"}


def database_url(endpoints: Path) -> str:
    store = (YAML(typ="safe").load(endpoints.read_text(encoding="utf-8")) or {}).get("tracker_store") or {}
    dialect = store.get("dialect", "sqlite")
    if dialect == "sqlite":
        return f"sqlite:///{store.get('db', 'rasa.db')}"
    credentials = f"{store.get('username', '')}:{store.get('password', '')}@" if store.get("username") else ""
    port = f":{store['port']}" if store.get("port") else ""
    return f"{dialect}://{credentials}{store.get('url', 'localhost')}{port}/{store.get('db', 'rasa')}"


def why_unanswered(bot_event: dict) -> str | None:
    custom = (bot_event.get("data") or {}).get("custom")
    if not isinstance(custom, dict):
        return None
    if custom.get("kind") == "no_answer":
        return f"no vetted answer ({custom['condition']})" if custom.get("condition") else "no vetted answer"
    return UNANSWERED.get(custom.get("unanswered"))


def unanswered(rows) -> Counter:
    """Count (reason, visitor text) over event rows (sender_id, type_name, data) in order."""
    last_user: dict[str, str] = {}
    counts: Counter = Counter()
    for sender, type_name, data in rows:
        event = json.loads(data)
        if type_name == "user":
            last_user[sender] = " ".join(str(event.get("text") or "").split())
        elif type_name == "bot" and sender in last_user:
            why = why_unanswered(event)
            if why:
                counts[(why, last_user.pop(sender))] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"))
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    url = database_url(args.endpoints)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        print(f"No conversations yet ({url.removeprefix('sqlite:///')} does not exist).")
        return 0
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT sender_id, type_name, data FROM events WHERE type_name IN ('user', 'bot') ORDER BY id"
        ))
        counts = unanswered(rows)
    if not counts:
        print("Every visitor question got a vetted answer.")
        return 0
    width = max(17, *(len(reason) for reason, _ in counts))
    print(f"{'times':>5}  {'why':<{width}} visitor message")
    for (reason, text), times in counts.most_common(args.top):
        print(f"{times:>5}  {reason:<{width}} {text[:100]}")
    print(f"\n{sum(counts.values())} unanswered messages, {len(counts)} different. "
          "Add an article (knowledge/articles/) for the frequent ones, or examples (data/nlu/).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
