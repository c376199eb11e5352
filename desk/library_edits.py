"""Changes the desk makes to the staff-edited files: ordinary file changes, reviewed in git
like any other (a Teach adds an example question; Needs an article adds to the content gaps)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ruamel.yaml import YAML

from assistant import paths

EXAMPLES_HEADER = (
    "# Example questions for the passages of one article: visitors' own words that a passage answers.\n"
    "# Retrieval uses them at once, with no retraining. Staff may add or remove examples; each key\n"
    "# must be a passage id (`make passages` lists them).\n")
GAPS_HEADER = (
    "# Questions visitors asked that no vetted article answers, for the medical reviewer: the\n"
    "# staff desk adds them (\"Needs an article\"). Remove a question once an article answers it.\n")


def round_trip_yaml() -> YAML:
    """YAML as staff files are written: comments, order and quotes kept, long lines not folded,
    so that git shows the line a change added, not the whole file written again."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _write(path: Path, yaml: YAML, data, header: str) -> None:
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    if not text.startswith("#"):
        text = header + text
    replace_file(path, text)


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole: the live library (and rasa test) never read half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")  # not *.md nor *.yml: never read as content
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def add_example(passage_id: str, question: str, examples_dir: Path | None = None) -> Path:
    """Save ``question`` as an example of the passage, in its article's examples file."""
    question = " ".join(question.split())
    slug = passage_id.split("/", 1)[0]
    path = (examples_dir or paths.EXAMPLES_DIR) / f"{slug}.yml"
    yaml = round_trip_yaml()
    data = yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    if not data:
        data = {"article": slug, "examples": {}}
    examples = data.setdefault("examples", {})
    questions = examples.setdefault(passage_id, [])
    if question.lower() not in {str(q).lower() for q in questions}:
        questions.append(question)
    _write(path, yaml, data, EXAMPLES_HEADER)
    return path


def add_content_gap(question: str, user: str, path: Path | None = None) -> Path:
    path = path or (paths.KNOWLEDGE_DIR / "content_gaps.yml")
    yaml = round_trip_yaml()
    data = yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    data = data or {"questions": []}
    questions = data.setdefault("questions", [])
    if not any(str(q.get("question", "")).lower() == question.lower() for q in questions):
        questions.append({"question": " ".join(question.split()), "added_by": user,
                          "added_on": dt.date.today().isoformat()})
    _write(path, yaml, data, GAPS_HEADER)
    return path
