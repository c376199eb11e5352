"""Sweep the retrieval thresholds over the labelled questions and print how each setting does.

    .venv/bin/python scripts/tune_retrieval.py [tests/data/retrieval_cases.yml]

Prints, per (topic threshold, lexical threshold): right answers, wrong passages sent,
honest "no vetted answer"s where a passage existed (missed), and passages sent where none
should be (false answers: the costly error). Pick the setting with no false answers and the
fewest misses, and set it in assistant/retrieval.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.knowledge import build_index  # noqa: E402


def evaluate(index, cases) -> dict[str, int]:
    tally = {"right": 0, "wrong": 0, "missed": 0, "false": 0}
    for case in cases:
        answer = index.answer(case["text"], case.get("intent"))
        got = answer.passages[0].id if answer.found else "none"
        want = case["passage"]
        if got == want:
            tally["right"] += 1
        elif want == "none":
            tally["false"] += 1
        elif got == "none":
            tally["missed"] += 1
        else:
            tally["wrong"] += 1
    return tally


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/retrieval_cases.yml")
    cases = YAML(typ="safe").load(path.read_text(encoding="utf-8"))["cases"]
    index = build_index()
    print(f"{len(cases)} labelled questions from {path}")
    print("topic  lexical  right wrong missed false")
    for topic in (0.40, 0.45, 0.50, 0.55, 0.60):
        for lexical in (0.25, 0.30, 0.34, 0.38, 0.42, 0.46, 0.50):
            index.topic_threshold, index.lexical_threshold = topic, lexical
            t = evaluate(index, cases)
            print(f"{topic:5.2f}  {lexical:7.2f}  {t['right']:5d} {t['wrong']:5d} {t['missed']:6d} {t['false']:5d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
