"""The meaning detector judged on development sets it did not learn from.

Usage: .venv/bin/python scripts/cross_check_red_flags.py [SET ...]
       .venv/bin/python scripts/cross_check_red_flags.py --folds=4

Since session 27 the detector learns from every red-flag development set
(assistant.paths.RED_FLAG_DEVELOPMENT_SETS), so scripts/tune_red_flags.py's figures on those sets
are figures on what it learnt. This script gives the honest ones: each named set (by default four
of them) is held out in turn, the detector is fitted on everything else, and the set is
judged as the component judges it (the rules, then the detector at config.yml's thresholds). Beside
it, the same set judged by the detector fitted on no development set (as before session 27). A set
that is not one of the development sets (a new writer's, say) is judged by the detector fitted on
all of them (the one the assistant uses, from its cache). Each fit takes one to four minutes; the
fits without a set are not kept.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ruamel.yaml import YAML  # noqa: E402
from tune_red_flags import ACCEPTED, flagged, judge, kind_of  # noqa: E402

from assistant.embeddings import default_embedder  # noqa: E402
from assistant.paths import RED_FLAG_DEVELOPMENT_SETS, TEST_DATA_DIR  # noqa: E402
from assistant.red_flag_meaning import MeaningDetector, build_detector, configured_thresholds  # noqa: E402
from assistant.red_flags import RedFlagRules, load_rules  # noqa: E402

DEFAULT_HELD_OUT = ("red_flags_blind15.yml", "red_flags_blind14.yml", "red_flags_dev6.yml", "red_flags_dev5.yml")


def figures(rules: RedFlagRules, detector: MeaningDetector, path: Path) -> tuple[list[str], list[str], int, int]:
    """The set's red flags missed and near misses alarmed, with how many of each it has."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    thresholds = configured_thresholds()
    flags = [(item["text"], item["kind"]) for item in data["red_flags"]]
    misses = [item["text"] if isinstance(item, dict) else str(item) for item in data["near_misses"]]
    missed = [text for text, label in flags
              if kind_of(flagged(rules, text), judge(rules, detector, text), thresholds) not in ACCEPTED[label]]
    alarmed = [text for text in misses
               if kind_of(rules.detect(text), judge(rules, detector, text), thresholds)]
    return missed, alarmed, len(flags), len(misses)


def in_folds(rules: RedFlagRules, embedder, folds: int) -> None:
    """Every development set judged by a detector fitted without it: the sets are dealt into
    ``folds`` folds in their order, each fold held out in turn (session 30's figures, four folds)."""
    sets = list(RED_FLAG_DEVELOPMENT_SETS)
    missed = alarmed = flags = misses = 0
    for fold in range(folds):
        held = [path for i, path in enumerate(sets) if i % folds == fold]
        detector = build_detector(embedder, development_sets=[p for p in sets if p not in held], cache_dir=None)
        for path in held:
            set_missed, set_alarmed, set_flags, set_misses = figures(rules, detector, path)
            missed, alarmed = missed + len(set_missed), alarmed + len(set_alarmed)
            flags, misses = flags + set_flags, misses + set_misses
            print(f"  {path.name:24} missed {len(set_missed)}/{set_flags}, alarmed {len(set_alarmed)}/{set_misses}")
        sys.stdout.flush()
    print(f"all development sets, {folds} folds: red flags missed {missed}/{flags},"
          f" near misses alarmed {alarmed}/{misses} ({alarmed / max(misses, 1):.1%})")


def main() -> None:
    names = [a for a in sys.argv[1:] if not a.startswith("--")] or list(DEFAULT_HELD_OUT)
    rules, embedder = load_rules(), default_embedder()
    if folds := next((int(a.split("=")[1]) for a in sys.argv if a.startswith("--folds=")), 0):
        in_folds(rules, embedder, folds)
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
