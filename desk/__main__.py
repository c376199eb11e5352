"""``python -m desk``: the staff desk, started without TensorFlow.

spaCy's thinc imports TensorFlow whenever it is installed, and the desk never uses it (its
test runs are ``rasa test`` in a process of their own): the import alone was 6.5 of the
desk's 12 s of start-up CPU, taken from the Rasa server starting beside it on two cores. Kept
out as the action server keeps it out (scripts/action_server.py): ``import tensorflow`` fails
and thinc carries on without it.
"""

import sys

if "tensorflow" not in sys.modules:
    sys.modules["tensorflow"] = None  # type: ignore[assignment]

from desk.app import main  # noqa: E402

main()
