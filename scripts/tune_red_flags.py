"""Tune the meaning detector's thresholds on the development sets, never on the blind set.

Usage: .venv/bin/python scripts/tune_red_flags.py [--show-misses] [--max-false-alarms=0.05] [--at=E,C,S] [--unlearnt]

Since session 27 the meaning detector learns from the red-flag development sets
(assistant.paths.RED_FLAG_DEVELOPMENT_SETS): its figures here on those sets are figures on what it
learnt, and thresholds chosen on them alone would be chosen on the fit. The honest figures (each
set held out in turn, and new writers' sets) come from scripts/cross_check_red_flags.py; this
script stays for the per-set view, the library questions (never learnt) and the rules' corpus.

Development data: tests/data/red_flags_dev.yml (written for tuning), red_flags_dev2.yml (the
blind set of rounds 1-2, a development set since round 3), red_flags_blind.yml (the blind set
of round 3, a development set since round 4), red_flags_blind2.yml (the blind set of round 4,
a development set since round 5), red_flags_blind3.yml (the blind set of round 5, a
development set since round 6), red_flags_blind4.yml (the blind set of round 6, a development set
since round 7), red_flags_blind5.yml (the blind set of round 7, a development set since round 8),
red_flags_blind6.yml (the blind set of round 8, a development set since round 9),
red_flags_blind7.yml (the blind set of round 9, a development set since round 10),
red_flags_dev5.yml and red_flags_dev6.yml (two new writers of round 10, never fitted on),
red_flags_blind8.yml (the blind set of round 10, a development set since round 11),
red_flags_blind9.yml (the blind set of round 11, a development set since round 12),
red_flags_blind10.yml to red_flags_blind15.yml (the blind sets of rounds 12 to 17, development
sets since rounds 13 to 18),
red_flags_dev3.yml (written in round 6 by its developer: first-aid
questions with nobody affected now beside the same asked while it happens, screens, idioms,
grief; and red flags in wordings the rules lacked), red_flags_dev4.yml (round 7's developer: the kinds
round 6's blind set showed missing, beside ordinary messages with the same words),
red_flags_dev7.yml to red_flags_dev13.yml (new writers' sets of sessions 27 to 41, learnt since;
assistant.paths.RED_FLAG_DEVELOPMENT_SETS lists every learnt set) and the rules'
own tests/data/safety_corpus.yml;
and, as messages that must not alarm, the retrieval development sets' questions
(library_dev.yml, library_dev2.yml, library_blind.yml, library_blind2.yml, library_blind3.yml,
library_blind4.yml and library_blind5.yml (since round 12), answer_cases.yml: ordinary long,
carers' and slang questions about pain and sleep) and, since round 11, the questions on the two
development articles of other conditions (tests/fixtures/library_dev/: osteoarthritis and
plantar fasciitis).
For each threshold combination it counts the red flags missed (rules + detector, as the
component combines them) and the near misses that raise any alarm (the screening question
counts as one), over all the sets; for the best combination it prints the figures of each
set. The chosen values go into config.yml (components.red_flags.RedFlagClassifier). The blind
set of the current round is never read here: it is only measured, by
tests/integration/test_red_flags_blind.py, which prints its counts per category only.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.embeddings import default_embedder  # noqa: E402
from assistant.paths import RED_FLAG_DEVELOPMENT_SETS  # noqa: E402
from assistant.red_flag_meaning import (  # noqa: E402
    MeaningDetector,
    Scores,
    Thresholds,
    build_detector,
    configured_thresholds,
    hears_also,
    scores_of,
    verdict_from,
)
from assistant.red_flags import RedFlag, RedFlagRules, load_rules  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
# What a red flag of each label may get first (the poisoning guidance carries the emergency
# number and the crisis line; the screening question carries the crisis line).
ACCEPTED = {"emergency": {"emergency", "poisoning", "emergency_with_crisis"},
            "crisis": {"crisis", "possible_crisis", "poisoning", "emergency_with_crisis"}}
# --at=0.85,0.90,0.80: the per-set figures at these thresholds (emergency, crisis, screening).
_AT = next((a.split("=")[1] for a in sys.argv if a.startswith("--at=")), None)
AT = Thresholds(*(float(x) for x in _AT.split(","))) if _AT else None
MAX_FALSE_ALARMS = float(next((a.split("=")[1] for a in sys.argv if a.startswith("--max-false-alarms=")), 0.05))


# The development sets (which the meaning detector learns from since session 27) and the rules'
# own corpus (which it does not).
RED_FLAG_SETS = (*(path.name for path in RED_FLAG_DEVELOPMENT_SETS), "safety_corpus.yml")
# Retrieval's development sets: every question in them is an ordinary one (a near miss here).
QUESTION_SETS = ("library_dev.yml", "library_dev2.yml", "library_blind.yml", "library_blind2.yml",
                 "library_blind3.yml", "library_blind4.yml", "library_blind5.yml", "answer_cases.yml",
                 # Questions on two development articles of other conditions (since round 11).
                 "../fixtures/library_dev/dev-article-questions.yml",
                 # Since round 13: the library's blind sets of session 11 (its current article, and a
                 # second test article), and the fibromyalgia test article's questions.
                 "library_blind6.yml", "../fixtures/library_blind/carpal-tunnel-questions.yml",
                 "../fixtures/library/fibromyalgia-questions.yml")
DEV_SETS = RED_FLAG_SETS + QUESTION_SETS


def load_sets() -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(text, label, set) red flags and (text, set) near misses of every development set."""
    yaml = YAML(typ="safe")
    flags: list[tuple[str, str, str]] = []
    misses: list[tuple[str, str]] = []
    for name in RED_FLAG_SETS:
        data = yaml.load((DATA / name).read_text())
        flags += [(item["text"], item["kind"], name) for item in data["red_flags"]]
        misses += [(_text(item), name) for item in data["near_misses"]]
    for name in QUESTION_SETS:
        data = yaml.load((DATA / name).read_text())
        misses += [(_text(item), name) for part in ("questions", "answers", "no_vetted_answer")
                   for item in data.get(part) or []]
    return flags, misses


def _text(item) -> str:
    return item["text"] if isinstance(item, dict) else str(item)


def judge(rules: RedFlagRules, detector: MeaningDetector, text: str) -> Scores | None:
    """The detector's scores for the text with the rules' exceptions blanked, as the component judges."""
    return scores_of(detector.probabilities(rules.without_exceptions(text)))


def flagged(rules: RedFlagRules, text: str) -> RedFlag | None:
    """The rule a text raises, as the component reads it: a crisis told with an injury of a
    with_crisis rule gets the emergency guidance that keeps the crisis line."""
    flag = rules.detect(text)
    if flag and flag.kind == "crisis" and rules.injury_with_crisis(text):
        return RedFlag("emergency_with_crisis", flag.rule)
    return flag


def kind_of(flag: RedFlag | None, judged: Scores | None, thresholds: Thresholds) -> str | None:
    """The guidance a message gets first from its rule (``flagged``) and its scores (``judge``):
    a kind the detector is sure of told with the other gets the guidance that keeps both."""
    kind = flag.kind if flag else (verdict.kind if (verdict := verdict_from(judged, thresholds)) else None)
    return "emergency_with_crisis" if kind in ("emergency", "crisis") and hears_also(kind, judged) else kind


def main() -> None:
    show = "--show-misses" in sys.argv
    rules = load_rules()
    # --unlearnt: the detector fitted on no development set, for an honest view of what a change to
    # the rules costs on sets the detector has learnt (it would hear their red flags from memory).
    detector = build_detector(default_embedder(), **({"development_sets": ()} if "--unlearnt" in sys.argv else {}))
    flags, misses = load_sets()
    judged_flags = [(text, label, name, flagged(rules, text), judge(rules, detector, text))
                    for text, label, name in flags]
    judged_misses = [(text, name, rules.detect(text), judge(rules, detector, text)) for text, name in misses]
    rule_fa = sum(1 for _, _, flag, _ in judged_misses if flag)
    print(f"{len(flags)} red flags, {len(misses)} near misses in {', '.join(DEV_SETS)};"
          f" the rules alone raise {rule_fa} false alarms")

    results = []
    grid = [x / 20 for x in range(2, 20)]
    for emergency, crisis, screening in itertools.product(grid, grid, grid):
        if screening > crisis:
            continue
        t = Thresholds(emergency, crisis, screening)
        missed = [(text, label, name) for text, label, name, flag, judged in judged_flags
                  if kind_of(flag, judged, t) not in ACCEPTED[label]]
        alarms = [(text, name) for text, name, flag, judged in judged_misses if kind_of(flag, judged, t)]
        results.append((len(missed), len(alarms), t, missed, alarms))
    # The false-alarm budget holds for each set on its own, not only for all of them together.
    budget = {name: MAX_FALSE_ALARMS * sum(1 for _, set_name in misses if set_name == name) for name in DEV_SETS}

    def over_budget(alarms: list[tuple[str, str]]) -> int:
        """How many sets have more false alarms than their budget."""
        return sum(1 for name in DEV_SETS if sum(1 for _, set_name in alarms if set_name == name) > budget[name])

    # No red flag that config.yml's thresholds catch may be lost (a development set that is not
    # at 100% cannot be brought there by thresholds alone, and trading its misses for hundreds
    # of false alarms elsewhere is no gain). Among those points: fewest sets over their
    # false-alarm budget; then fewest false alarms; then fewest red flags missed; then the most
    # central thresholds (furthest from the grid's edges), so a small shift changes little.
    current = configured_thresholds()
    lost_now = {(text, name) for text, _, name in next(r for r in results if r[2] == current)[3]}
    kept = [r for r in results if {(text, name) for text, _, name in r[3]} <= lost_now]
    ranked = sorted(kept, key=lambda r: (over_budget(r[4]), r[1], r[0],
                                         -min(r[2].emergency, r[2].crisis, r[2].screening)))
    print(f"config.yml's thresholds ({current.emergency:.2f} {current.crisis:.2f} {current.screening:.2f}) miss"
          f" {len(lost_now)}; best that lose none of the others (a set's budget: {MAX_FALSE_ALARMS:.0%} of its"
          f" near misses):")
    for missed, alarms, t, _, alarmed in ranked[:10]:
        print(f"  emergency {t.emergency:.2f} crisis {t.crisis:.2f} screening {t.screening:.2f}: "
              f"{missed} red flags missed, {alarms} false alarms ({alarms / len(misses):.1%}),"
              f" {over_budget(alarmed)} sets over budget")
    _, _, t, missed, alarms = ranked[0]
    if AT:  # the figures at the given thresholds instead (e.g. those in config.yml)
        _, _, t, missed, alarms = next(r for r in results if r[2] == AT)
    where = "the given" if AT else "the best"
    print(f"per set, at {where} (emergency {t.emergency:.2f} crisis {t.crisis:.2f} screening {t.screening:.2f}):")
    for name in DEV_SETS:
        figures = []
        for label in ACCEPTED:
            total = sum(1 for _, lab, set_name in flags if lab == label and set_name == name)
            lost = sum(1 for _, lab, set_name in missed if lab == label and set_name == name)
            if total:
                figures.append(f"{label} {total - lost}/{total}")
        total = sum(1 for _, set_name in misses if set_name == name)
        fa = sum(1 for _, set_name in alarms if set_name == name)
        figures.append(f"near misses alarmed {fa}/{total} ({fa / max(total, 1):.1%})")
        print(f"  {name:20} " + ", ".join(figures))
    if show:
        print("missed:", *[f"  [{name}] [{label}] {text}" for text, label, name in missed], sep="\n")
        print("false alarms:", *[f"  [{name}] {text}" for text, name in alarms], sep="\n")


if __name__ == "__main__":
    main()
