"""Send question sets to the assistant as visitors would and print how many got the right passage.

    python scripts/evaluate_library.py tests/data/library_dev.yml [--add-articles DIR] [--show-misses]
    python scripts/evaluate_library.py SET --url http://localhost:5005 [--legacy]

Without --url it starts its own action and Rasa servers (the trained model, a scratch tracker
store); --add-articles copies the library with those articles added (as staff would drop
them in) and serves that. --legacy also recognises passages by their text (for an assistant
whose replies do not say what they quote, e.g. an older commit). The development sets are
tests/data/library_dev.yml, library_dev2.yml, (since round 11) library_blind.yml, (since
round 12) library_blind2.yml, (since round 14) library_blind3.yml and (from round 16)
library_blind4.yml, (from session 11) library_blind5.yml and (from session 12) library_blind6.yml
and the carpal tunnel article (tests/fixtures/library_blind/): read their misses by kind, never
copy a phrasing. The blind set (tests/data/library_blind7.yml, session 12's, the third test
article tests/fixtures/library_blind2/ and, since session 17, the fourth and fifth,
tests/fixtures/library_blind3/ and library_blind4/; and each new round's) is measured before and after the
round: do not ask for its misses while working, read them by kind for the closing note, never
tune on one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.articles import load_passages  # noqa: E402
from assistant.evaluation import Report, evaluate, legacy_passages, load_questions  # noqa: E402


def rest_say(url: str):
    def say(sender: str, message: str) -> list[dict]:
        request = urllib.request.Request(url + "/webhooks/rest/webhook", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"sender": sender, "message": message}).encode())
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())
    return say


def print_report(name: str, report: Report, show_misses: bool) -> None:
    print(f"== {name}\n{report.summary()}")
    if show_misses:
        for result in report.results:
            if not result.right:
                q = result.question
                print(f"  MISS {q.id} [{q.kind}] {q.text[:90]!r} -> {result.got} (want {', '.join(q.answers) or 'no'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--url")
    parser.add_argument("--add-articles", type=Path)
    parser.add_argument("--legacy", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    legacy = legacy_passages(load_passages()) if args.legacy else None
    if args.add_articles and legacy is not None:
        legacy.update(legacy_passages(load_passages(args.add_articles)))
    if args.url:
        for path in args.sets:
            print_report(path.name, evaluate(load_questions(path), rest_say(args.url), legacy), args.show_misses)
        return
    import os

    from tests.integration.servers import Servers, library_copy

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if args.add_articles:
            os.environ["KNOWLEDGE_DIR"] = str(library_copy(workdir, args.add_articles))
        servers = Servers(workdir).start()
        try:
            for path in args.sets:
                print_report(path.name, evaluate(load_questions(path), servers.say, legacy), args.show_misses)
        finally:
            servers.stop()


if __name__ == "__main__":
    main()
