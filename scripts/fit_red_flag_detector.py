"""Fit the red-flag meaning detector before the servers start (`make train`, `make run`).

The Rasa server loads the detector's kept fit (var/cache/red_flag_detector/, under a hash of what
it learnt from); when none is kept for the current examples, NLU data and development sets it
fits one at start, about a minute on a 2-core machine. Fitting it here first keeps `make run`
ready within its 20 s (issue 16) and says why the wait is. Quick when a fit is kept.

Usage: .venv/bin/python scripts/fit_red_flag_detector.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.embeddings import default_embedder  # noqa: E402
from assistant.red_flag_meaning import build_detector, kept_fit  # noqa: E402


def main() -> None:
    embedder = default_embedder()
    # The defaults are the Rasa server's (components/red_flags.py): the same fit.
    if kept_fit(embedder).exists():
        print("Red-flag meaning detector: a fit of the current files is kept.")
        return
    print("Red-flag meaning detector: learning its examples afresh (about a minute, once after they change)...",
          flush=True)
    started = time.monotonic()
    build_detector(embedder)
    print(f"Red-flag meaning detector fitted in {time.monotonic() - started:.0f} s.")


if __name__ == "__main__":
    main()
