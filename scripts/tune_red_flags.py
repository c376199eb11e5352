"""Tune the meaning detector's thresholds on the development sets, never on the blind set.

Usage: .venv/bin/python scripts/tune_red_flags.py [--show-misses]

Development data: tests/data/red_flags_dev.yml (written for tuning) and the rules' own
tests/data/safety_corpus.yml. For each threshold combination it prints the recall of
emergencies and crises (rules + detector, as the component combines them) and the share of
near misses that raise any alarm (the screening question counts as one). The chosen values go
into config.yml (components.red_flags.RedFlagClassifier). The blind set
(tests/data/red_flags_blind.yml) is only measured, by tests/integration/test_red_flags_blind.py.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.embeddings import default_embedder  # noqa: E402
from assistant.red_flag_meaning import Thresholds, build_detector, scores_of, verdict_from  # noqa: E402
from assistant.red_flags import load_rules  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
# What a red flag of each label may get first (the poisoning guidance carries the emergency
# number and the crisis line; the screening question carries the crisis line).
ACCEPTED = {"emergency": {"emergency", "poisoning"}, "crisis": {"crisis", "possible_crisis", "poisoning"}}
MAX_FALSE_ALARMS = float(next((a.split("=")[1] for a in sys.argv if a.startswith("--max-false-alarms=")), 0.05))


def load_sets() -> tuple[list[tuple[str, str]], list[str]]:
    yaml = YAML(typ="safe")
    flags: list[tuple[str, str]] = []
    misses: list[str] = []
    for name in ("red_flags_dev.yml", "safety_corpus.yml"):
        data = yaml.load((DATA / name).read_text())
        flags += [(item["text"], item["kind"]) for item in data["red_flags"]]
        misses += [item["text"] if isinstance(item, dict) else item for item in data["near_misses"]]
    return flags, misses


def main() -> None:
    show = "--show-misses" in sys.argv
    rules = load_rules()
    detector = build_detector(default_embedder())
    flags, misses = load_sets()
    # The detector judges the text with the rules' exceptions blanked, as the component does.
    def judge(text):
        return scores_of(detector.probabilities(rules.without_exceptions(text)))

    judged_flags = [(text, label, rules.detect(text), judge(text)) for text, label in flags]
    judged_misses = [(text, rules.detect(text), judge(text)) for text in misses]
    rule_fa = sum(1 for _, flag, _ in judged_misses if flag)
    print(f"{len(flags)} red flags, {len(misses)} near misses; the rules alone raise {rule_fa} false alarms")

    def kind_of(flag, judged, thresholds):
        if flag:
            return flag.kind
        verdict = verdict_from(judged, thresholds)
        return verdict.kind if verdict else None

    results = []
    grid = [x / 20 for x in range(2, 20)]
    for emergency, crisis, screening in itertools.product(grid, grid, grid):
        if screening > crisis:
            continue
        t = Thresholds(emergency, crisis, screening)
        missed = [(text, label) for text, label, flag, judged in judged_flags
                  if kind_of(flag, judged, t) not in ACCEPTED[label]]
        alarms = [text for text, flag, judged in judged_misses if kind_of(flag, judged, t)]
        results.append((len(missed), len(alarms), t, missed, alarms))
    allowed = [r for r in results if r[1] <= MAX_FALSE_ALARMS * len(misses)]
    # Fewest misses within the false-alarm budget; then fewest false alarms; then the most
    # central thresholds (furthest from the grid's edges), so a small shift changes little.
    allowed.sort(key=lambda r: (r[0], r[1], -min(r[2].emergency, r[2].crisis, r[2].screening)))
    print("best within the false-alarm budget:")
    for missed, alarms, t, _, _ in allowed[:10]:
        print(f"  emergency {t.emergency:.2f} crisis {t.crisis:.2f} screening {t.screening:.2f}: "
              f"{missed} red flags missed, {alarms} false alarms ({alarms / len(misses):.1%})")
    if show and allowed:
        _, _, t, missed, alarms = allowed[0]
        print("missed:", *[f"  [{label}] {text}" for text, label in missed], sep="\n")
        print("false alarms:", *[f"  {text}" for text in alarms], sep="\n")


if __name__ == "__main__":
    main()
