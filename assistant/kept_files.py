"""Work kept between starts under ``var/cache`` (the fitted red-flag detector, the compiled
red-flag rules), each file named by a hash of everything it was made from.

Reading never fails a start: a missing file is made again, a damaged one too (with a warning).
Writing is whole or not at all, so that two servers starting at once never read half a file,
and only the newest few files are kept: the others were made from files since edited.
"""

from __future__ import annotations

import logging
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable, TypeVar

logger = logging.getLogger(__name__)
T = TypeVar("T")


def read_kept(path: Path, use: Callable[[Any], T], what: str) -> T | None:
    """``use`` of the value kept in ``path``, or None when there is none or it cannot be used."""
    try:
        with path.open("rb") as file:
            return use(pickle.load(file))  # noqa: S301 (written by keep() only)
    except FileNotFoundError:
        return None
    except Exception as error:  # a damaged file is made again, never fatal
        logger.warning("The kept %s %s could not be read (%s); making it again.", what, path, error)
        return None


def keep(path: Path, value: Any, newest: int, what: str) -> None:
    """Write ``value`` to ``path``; keep the ``newest`` files of its folder."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, path)  # whole or not at all, even with two servers starting
        kept = sorted(path.parent.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[newest:]:
            old.unlink(missing_ok=True)
    except OSError as error:  # a read-only folder: it works, the next start makes it again
        logger.warning("The %s could not be kept in %s (%s).", what, path.parent, error)
