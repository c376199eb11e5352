"""Run the action server (rasa_sdk) without loading TensorFlow.

    .venv/bin/python scripts/action_server.py --actions actions --port 5055

The same server as ``rasa run actions`` (rasa_sdk's own arguments), at about a third of the
memory: spaCy's thinc imports TensorFlow whenever it is installed, and the rasa CLI is not
needed to start rasa_sdk. The actions use spaCy and scikit-learn, never TensorFlow; that import
alone took ~380 of the action server's 555 MB (docs/performance.md).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# One BLAS thread: retrieval's matrices are small (a question against every passage), and
# OpenBLAS's extra threads spin between calls: a whole core busy for nothing (bench/load.py
# measured 22 ms of CPU per turn instead of about 2).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parents[1]


def without_tensorflow() -> None:
    """Make ``import tensorflow`` fail (ImportError), so thinc carries on without it."""
    if "tensorflow" not in sys.modules:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]


def main(argv: list[str] | None = None) -> None:
    without_tensorflow()
    sys.path.insert(0, str(ROOT))  # the actions package, as `rasa run actions` finds it from the project root
    from rasa_sdk.__main__ import main_from_args
    from rasa_sdk.endpoint import create_argument_parser

    main_from_args(create_argument_parser().parse_args(argv))


if __name__ == "__main__":
    main()
