"""Tune the meaning detector's thresholds on the development sets, never on the blind set.

Usage: .venv/bin/python scripts/tune_red_flags.py [--show-misses] [--max-false-alarms=0.05] [--at=E,C,S]

Development data: tests/data/red_flags_dev.yml (written for tuning), red_flags_dev2.yml (the
blind set of rounds 1-2, a development set since round 3), red_flags_blind.yml (the blind set
of round 3, a development set since round 4), red_flags_blind2.yml (the blind set of round 4,
a development set since round 5), red_flags_blind3.yml (the blind set of round 5, a
development set since round 6), red_flags_dev3.yml (written in round 6 by its developer: first-aid
questions with nobody affected now beside the same asked while it happens, screens, idioms,
grief; and red flags in wordings the rules lacked) and the rules' own tests/data/safety_corpus.yml.
For each threshold combination it counts the red flags missed (rules + detector, as the
component combines them) and the near misses that raise any alarm (the screening question
counts as one), over all the sets; for the best combination it prints the figures of each
set. The chosen values go into config.yml (components.red_flags.RedFlagClassifier). The blind
set of round 6 (tests/data/red_flags_blind4.yml) is never read here: it is only measured, by
tests/integration/test_red_flags_blind.py, which prints its counts per category only.
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
# --at=0.85,0.90,0.80: the per-set figures at these thresholds (emergency, crisis, screening).
_AT = next((a.split("=")[1] for a in sys.argv if a.startswith("--at=")), None)
AT = Thresholds(*(float(x) for x in _AT.split(","))) if _AT else None
MAX_FALSE_ALARMS = float(next((a.split("=")[1] for a in sys.argv if a.startswith("--max-false-alarms=")), 0.05))


DEV_SETS = ("red_flags_dev.yml", "red_flags_dev2.yml", "red_flags_blind.yml", "red_flags_blind2.yml",
            "red_flags_blind3.yml", "red_flags_dev3.yml", "safety_corpus.yml")


def load_sets() -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(text, label, set) red flags and (text, set) near misses of every development set."""
    yaml = YAML(typ="safe")
    flags: list[tuple[str, str, str]] = []
    misses: list[tuple[str, str]] = []
    for name in DEV_SETS:
        data = yaml.load((DATA / name).read_text())
        flags += [(item["text"], item["kind"], name) for item in data["red_flags"]]
        misses += [(item["text"] if isinstance(item, dict) else item, name) for item in data["near_misses"]]
    return flags, misses


def main() -> None:
    show = "--show-misses" in sys.argv
    rules = load_rules()
    detector = build_detector(default_embedder())
    flags, misses = load_sets()
    # The detector judges the text with the rules' exceptions blanked, as the component does.
    def judge(text):
        return scores_of(detector.probabilities(rules.without_exceptions(text)))

    judged_flags = [(text, label, rules.detect(text), judge(text)) for text, label, _ in flags]
    judged_misses = [(text, rules.detect(text), judge(text)) for text, _ in misses]
    set_of = {text: name for text, _, name in flags} | {text: name for text, name in misses}
    rule_fa = sum(1 for _, flag, _ in judged_misses if flag)
    print(f"{len(flags)} red flags, {len(misses)} near misses in {', '.join(DEV_SETS)};"
          f" the rules alone raise {rule_fa} false alarms")

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
    # The false-alarm budget holds for each set on its own, not only for all of them together.
    budget = {name: MAX_FALSE_ALARMS * sum(1 for _, set_name in misses if set_name == name) for name in DEV_SETS}

    def within_budget(alarms: list[str]) -> bool:
        return all(sum(1 for text in alarms if set_of[text] == name) <= budget[name] for name in DEV_SETS)

    allowed = [r for r in results if within_budget(r[4])]
    # Fewest misses within the false-alarm budget; then fewest false alarms; then the most
    # central thresholds (furthest from the grid's edges), so a small shift changes little.
    allowed.sort(key=lambda r: (r[0], r[1], -min(r[2].emergency, r[2].crisis, r[2].screening)))
    print(f"best with at most {MAX_FALSE_ALARMS:.0%} of each set's near misses alarmed:")
    for missed, alarms, t, _, _ in allowed[:10]:
        print(f"  emergency {t.emergency:.2f} crisis {t.crisis:.2f} screening {t.screening:.2f}: "
              f"{missed} red flags missed, {alarms} false alarms ({alarms / len(misses):.1%})")
    if not allowed:
        print("no combination keeps the false alarms within the budget")
        if not AT:
            return
    else:
        _, _, t, missed, alarms = allowed[0]
    if AT:  # the figures at the given thresholds instead (e.g. those in config.yml)
        _, _, t, missed, alarms = next(r for r in results if r[2] == AT)
    where = "the given" if AT else "the best"
    print(f"per set, at {where} (emergency {t.emergency:.2f} crisis {t.crisis:.2f} screening {t.screening:.2f}):")
    for name in DEV_SETS:
        figures = []
        for label in ACCEPTED:
            total = sum(1 for _, lab, set_name in flags if lab == label and set_name == name)
            lost = sum(1 for text, lab in missed if lab == label and set_of[text] == name)
            figures.append(f"{label} {total - lost}/{total}")
        total = sum(1 for _, set_name in misses if set_name == name)
        fa = sum(1 for text in alarms if set_of[text] == name)
        figures.append(f"near misses alarmed {fa}/{total} ({fa / max(total, 1):.1%})")
        print(f"  {name:20} " + ", ".join(figures))
    if show:
        print("missed:", *[f"  [{set_of[text]}] [{label}] {text}" for text, label in missed], sep="\n")
        print("false alarms:", *[f"  [{set_of[text]}] {text}" for text in alarms], sep="\n")


if __name__ == "__main__":
    main()
