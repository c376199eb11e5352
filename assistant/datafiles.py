"""Reading the staff-edited YAML files, with errors that name the file and line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError


class ContentError(ValueError):
    """A staff-edited file is malformed; the message says where and what to do."""

    def __init__(self, path: Path | str, line: int | None, problem: str) -> None:
        self.path = display_path(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


def display_path(path: Path | str) -> str:
    """The path as staff see it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_yaml(path: Path) -> Any:
    """Parse ``path`` keeping line numbers (ruamel round-trip nodes carry ``.lc``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, None, "file is missing") from None
    except UnicodeDecodeError:
        raise ContentError(path, None, "file is not UTF-8 text; save it as UTF-8") from None
    return parse_yaml(text, path)


def parse_yaml(text: str, path: Path | str, first_line: int = 1) -> Any:
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + first_line if mark is not None else None
        # YAML's own words ("expected <block end>") say little to staff, and it names the line where
        # it noticed, often below the mistake (session 35's staff tester).
        raise ContentError(path, line, f"not valid YAML ({error.problem}): look at this line and the few above "
                           "it for a quote opened and not closed, a ':' in a value that is not in quotes, or a "
                           "line indented differently from those around it") from None
    except ValueError:
        # YAML reads an unquoted 2026-13-45 as a date and fails with no line ("month must be in
        # 1..12"): a ValueError would stop the library's reload, not name the mistake.
        line, written = _impossible_date(text)
        raise ContentError(path, line + first_line - 1 if line else None,
                           f"{written} is not a date of the calendar (write YYYY-MM-DD, a month from 01 to 12, "
                           "a day that month has)") from None


_DATE_LIKE = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.-])")


def _impossible_date(text: str) -> tuple[int | None, str]:
    """The first line with a date-like word that no calendar has, and that word."""
    for number, line in enumerate(text.splitlines(), start=1):
        for found in _DATE_LIKE.finditer(line):
            try:
                dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                return number, found.group(0)
    return None, "a date"


def line_of(node: Any, key: Any = None, first_line: int = 1) -> int | None:
    """1-based line of ``node`` (or of ``node[key]``) in its file, when known."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + first_line
        if isinstance(key, int):
            return lc.item(key)[0] + first_line
        return lc.key(key)[0] + first_line
    except (KeyError, IndexError, TypeError):
        return lc.line + first_line
