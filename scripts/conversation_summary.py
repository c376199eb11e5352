"""A tester's summary of `make test-conversations`: how many conversations passed, which failed,
and where the reports are.

    .venv/bin/python scripts/conversation_summary.py results/conversations
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ruamel.yaml import YAML


def main() -> int:
    results = Path(sys.argv[1] if len(sys.argv) > 1 else "results/conversations")
    report = json.loads((results / "story_report.json").read_text())
    conversations = report["conversation_accuracy"]
    failed_file = results / "failed_test_stories.yml"
    failed = []
    if failed_file.exists():
        failed = (YAML(typ="safe").load(failed_file.read_text()) or {}).get("stories") or []
    print(f"conversation tests: {conversations['correct']}/{conversations['total']} conversations passed "
          f"({conversations['with_warnings']} with warnings); action accuracy {report['accuracy']:.3f}")
    for story in failed:
        print(f"  FAILED: {story.get('story')}")
    print(f"reports: {results}/ (story_report.json, story_confusion_matrix.png, failed_test_stories.yml)")
    return 1 if failed or conversations["correct"] < conversations["total"] else 0


if __name__ == "__main__":
    sys.exit(main())
