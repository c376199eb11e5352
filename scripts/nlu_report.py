"""Print the held-out NLU evaluation and fail when intent macro-F1 is below the bar.

    .venv/bin/python scripts/nlu_report.py results/nlu/intent_report.json [--min-f1 0.95]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SUMMARY_KEYS = {"accuracy", "macro avg", "micro avg", "weighted avg"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report", type=Path)
    parser.add_argument("--min-f1", type=float, default=0.95)
    args = parser.parse_args()
    report = json.loads(args.report.read_text())
    macro = report["macro avg"]["f1-score"]
    intents = {k: v for k, v in report.items() if k not in SUMMARY_KEYS and isinstance(v, dict)}
    support = sum(v["support"] for v in intents.values())
    print(f"held-out NLU: {support} messages, {len(intents)} intents, intent macro-F1 {macro:.3f} "
          f"(bar {args.min_f1:.2f}), accuracy {report.get('accuracy', 0):.3f}")
    for name, scores in sorted(intents.items(), key=lambda kv: kv[1]["f1-score"]):
        if scores["f1-score"] < 0.9:
            print(f"  weakest: {name:28s} F1 {scores['f1-score']:.2f} (n={scores['support']})")
    print(f"reports: {args.report.parent}/ (intent_report.json, intent_errors.json, intent_confusion_matrix.png)")
    return 0 if macro >= args.min_f1 else 1


if __name__ == "__main__":
    sys.exit(main())
