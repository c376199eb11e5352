"""The meaning detector judged on development sets it did not learn from.

Usage: .venv/bin/python scripts/cross_check_red_flags.py [SET ...]
       .venv/bin/python scripts/cross_check_red_flags.py --folds=4 [--sweep]

Since session 27 the detector learns from every red-flag development set
(assistant.paths.RED_FLAG_DEVELOPMENT_SETS), so scripts/tune_red_flags.py's figures on those sets
are figures on what it learnt. This script gives the honest ones: each named set (by default four
of them) is held out in turn, the detector is fitted on everything else, and the set is
judged as the component judges it (the rules, then the detector at config.yml's thresholds). Beside
it, the same set judged by the detector fitted on no development set (as before session 27). A set
that is not one of the development sets (a new writer's, say) is judged by the detector fitted on
all of them (the one the assistant uses, from its cache). Each fit takes one to four minutes; the
fits without a set are not kept.

With --folds=4 --sweep it also prints the held-out figures at other thresholds (each message is
scored once): what config.yml's thresholds are best chosen on, since scripts/tune_red_flags.py's
in-sample figures miss no red flag at almost any thresholds (session 38). A better held-out point
is still to be confirmed on the round's blind set: session 38's (0.70, 0.95, 0.60) missed 2 fewer
development red flags with 6 fewer alarms, but on the blind set missed a crisis and alarmed 3 more.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ruamel.yaml import YAML  # noqa: E402
from tune_red_flags import ACCEPTED, flagged, judge, kind_of  # noqa: E402

from assistant.embeddings import default_embedder  # noqa: E402
from assistant.paths import RED_FLAG_DEVELOPMENT_SETS, TEST_DATA_DIR  # noqa: E402
from assistant.red_flag_meaning import (  # noqa: E402
    MeaningDetector,
    Scores,
    Thresholds,
    build_detector,
    configured_thresholds,
)
from assistant.red_flags import RedFlag, RedFlagRules, load_rules  # noqa: E402

DEFAULT_HELD_OUT = ("red_flags_blind15.yml", "red_flags_blind14.yml", "red_flags_dev6.yml", "red_flags_dev5.yml")


def figures(rules: RedFlagRules, detector: MeaningDetector, path: Path) -> tuple[list[str], list[str], int, int]:
    """The set's red flags missed and near misses alarmed, with how many of each it has."""
    judged = judged_set(rules, detector, path)
    missed, alarmed = counted(judged, configured_thresholds())
    return missed, alarmed, *sizes(judged)


@dataclass(frozen=True)
class Judged:
    """One message of a set, as the component reads it before any threshold applies."""

    text: str
    label: str | None  # the red flag's kind, or None for a near miss
    flag: RedFlag | None  # the rule it raises
    scores: Scores | None  # the meaning detector's


def judged_set(rules: RedFlagRules, detector: MeaningDetector, path: Path) -> list[Judged]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    flags = [(item["text"], item["kind"]) for item in data["red_flags"]]
    misses = [item["text"] if isinstance(item, dict) else str(item) for item in data["near_misses"]]
    return ([Judged(text, label, flagged(rules, text), judge(rules, detector, text)) for text, label in flags]
            + [Judged(text, None, rules.detect(text), judge(rules, detector, text)) for text in misses])


def sizes(judged: list[Judged]) -> tuple[int, int]:
    """How many red flags and how many near misses."""
    flags = sum(1 for item in judged if item.label)
    return flags, len(judged) - flags


def counted(judged: list[Judged], thresholds: Thresholds) -> tuple[list[str], list[str]]:
    """The red flags missed and the near misses alarmed at these thresholds."""
    missed = [item.text for item in judged
              if item.label and kind_of(item.flag, item.scores, thresholds) not in ACCEPTED[item.label]]
    # A near miss is judged by its rule as detect() reads it (no injury-with-crisis upgrade needed).
    alarmed = [item.text for item in judged if not item.label and kind_of(item.flag, item.scores, thresholds)]
    return missed, alarmed


# The thresholds --sweep tries (emergency, crisis, screening; screening never above crisis).
SWEEP = (
    (0.6, 0.65, 0.7, 0.72, 0.75, 0.8, 0.85, 0.9),
    (0.8, 0.85, 0.9, 0.95),
    (0.5, 0.55, 0.6, 0.65, 0.7, 0.75),
)


def in_folds(rules: RedFlagRules, embedder, folds: int, sweep: bool = False) -> None:
    """Every development set judged by a detector fitted without it: the sets are dealt into
    ``folds`` folds in their order, each fold held out in turn (session 30's figures, four folds).
    With ``sweep``, the held-out figures at other thresholds too (each message is scored once):
    for each number of red flags missed, the thresholds that alarm on the fewest near misses."""
    sets = list(RED_FLAG_DEVELOPMENT_SETS)
    thresholds = configured_thresholds()
    everything: list[Judged] = []
    for fold in range(folds):
        held = [path for i, path in enumerate(sets) if i % folds == fold]
        detector = build_detector(embedder, development_sets=[p for p in sets if p not in held], cache_dir=None)
        for path in held:
            judged = judged_set(rules, detector, path)
            everything += judged
            set_missed, set_alarmed = counted(judged, thresholds)
            set_flags, set_misses = sizes(judged)
            print(f"  {path.name:24} missed {len(set_missed)}/{set_flags}, alarmed {len(set_alarmed)}/{set_misses}")
        sys.stdout.flush()
    flags, misses = sizes(everything)
    missed, alarmed = (len(found) for found in counted(everything, thresholds))
    print(f"all development sets, {folds} folds: red flags missed {missed}/{flags},"
          f" near misses alarmed {alarmed}/{misses} ({alarmed / max(misses, 1):.1%})")
    if sweep:
        best: dict[int, tuple[int, Thresholds]] = {}
        for emergency, crisis, screening in itertools.product(*SWEEP):
            if screening > crisis:
                continue
            at = Thresholds(emergency, crisis, screening)
            lost, raised = (len(found) for found in counted(everything, at))
            if lost not in best or raised < best[lost][0]:
                best[lost] = (raised, at)
        print("held out, the fewest near misses alarmed for each number of red flags missed:")
        for lost in sorted(best)[:10]:
            raised, at = best[lost]
            print(f"  missed {lost:3}: alarmed {raised} at emergency {at.emergency:.2f},"
                  f" crisis {at.crisis:.2f}, screening {at.screening:.2f}")


def main() -> None:
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or list(DEFAULT_HELD_OUT)
    rules, embedder = load_rules(), default_embedder()
    if folds := next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--folds=")), 0):
        in_folds(rules, embedder, folds, sweep="--sweep" in sys.argv)
        return
    before = build_detector(embedder, development_sets=(), cache_dir=None)
    everything = None
    for name in names:
        path = TEST_DATA_DIR / name
        learnt = [p for p in RED_FLAG_DEVELOPMENT_SETS if p.name != name]
        if len(learnt) == len(RED_FLAG_DEVELOPMENT_SETS):
            everything = everything or build_detector(embedder)
            detector = everything
        else:
            detector = build_detector(embedder, development_sets=learnt, cache_dir=None)
        print(f"{name} (held out):")
        for label, judged_by in (("no development set learnt", before), ("the other sets learnt", detector)):
            missed, alarmed, flags, misses = figures(rules, judged_by, path)
            print(f"  {label:26} red flags missed {len(missed)}/{flags},"
                  f" near misses alarmed {len(alarmed)}/{misses} ({len(alarmed) / max(misses, 1):.1%})")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
