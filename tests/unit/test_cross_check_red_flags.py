"""scripts/cross_check_red_flags.py counts as the component decides: a rule alarms whatever the
thresholds, the detector's scores only above them (what its --sweep compares)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from assistant.red_flag_meaning import Scores, Thresholds
from assistant.red_flags import RedFlag

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "cross_check_red_flags.py"


def _script():
    spec = importlib.util.spec_from_file_location("cross_check_red_flags", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _scores(crisis: float = 0.0, urgent: float = 0.0) -> Scores:
    kind = "crisis" if crisis >= urgent else "emergency"
    return Scores(crisis, "part", urgent, "part", False, max(crisis, urgent), kind, "part")


def test_counts_follow_the_thresholds_and_rules_alarm_whatever_they_are():
    script = _script()
    judged = [
        script.Judged("crisis heard at 0.58", "crisis", None, _scores(crisis=0.58)),
        script.Judged("emergency heard at 0.72", "emergency", None, _scores(urgent=0.72)),
        script.Judged("emergency a rule raises", "emergency", RedFlag("emergency", "chest_pain"), _scores()),
        script.Judged("near miss heard at 0.62", None, None, _scores(crisis=0.62)),
        script.Judged("near miss a rule raises", None, RedFlag("emergency", "chest_pain"), _scores()),
        script.Judged("ordinary", None, None, _scores(crisis=0.01)),
    ]
    assert script.sizes(judged) == (3, 3)
    missed, alarmed = script.counted(judged, Thresholds(0.75, 0.95, 0.55))
    assert missed == ["emergency heard at 0.72"]
    assert alarmed == ["near miss heard at 0.62", "near miss a rule raises"]
    missed, alarmed = script.counted(judged, Thresholds(0.7, 0.95, 0.65))
    assert missed == ["crisis heard at 0.58"]
    assert alarmed == ["near miss a rule raises"]
