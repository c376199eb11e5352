"""What each patch to Rasa (connectors/rasa_patches.py) still gains: the Rasa server's CPU per
turn at 20 visitors with every patch, with each one left out in turn, and with none.

    .venv/bin/python bench/patches.py [--duration 15] [--rounds 2]

Each setting runs `bench/load.py --no-reference` (the assistant alone) with RASA_PATCHES_OFF
set; the settings alternate round by round, so a busy spell of the machine hits all of them.
CPU per turn (not turns/s) is compared: it holds up when other work steals the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from connectors.rasa_patches import PATCHES  # noqa: E402


def rasa_cpu_ms_per_turn(off: str, duration: float) -> float:
    with tempfile.TemporaryDirectory() as folder:
        figures = Path(folder) / "figures.json"
        subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--no-reference", "--concurrency", "20",
                        "--duration", str(duration), "--json", str(figures)],
                       cwd=ROOT, env={**os.environ, "RASA_PATCHES_OFF": off}, check=True,
                       stdout=subprocess.DEVNULL)
        level = json.loads(figures.read_text())["levels"][0]
        return level["cpu_ms_per_turn"]["rasa"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=15, help="measured seconds per run (default 15)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each setting (default 2)")
    args = parser.parse_args()
    settings = {"every patch": "", **{f"without {p.name}": p.name for p in PATCHES}, "no patch": "all"}
    runs: dict[str, list[float]] = {name: [] for name in settings}
    for round_number in range(args.rounds):
        for name, off in settings.items():
            runs[name].append(rasa_cpu_ms_per_turn(off, args.duration))
            print(f"round {round_number + 1}: {name}: {runs[name][-1]:.1f} ms", file=sys.stderr, flush=True)
    base = statistics.median(runs["every patch"])
    print(f"Rasa server CPU per turn at 20 visitors (median of {args.rounds} runs of {args.duration:.0f} s):")
    for name, values in runs.items():
        value = statistics.median(values)
        print(f"  {name:40s} {value:6.1f} ms  ({value - base:+.1f} ms, {100 * (value / base - 1):+.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
