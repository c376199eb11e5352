"""Example questions for passages (``knowledge/examples/``): visitors' words a passage answers.

Optional, like topics: an article is answered without them. With them, retrieval also
compares a question with each example of a passage (by meaning and by words), so phrasings
the article's own text does not share still find it. No retraining: the running assistant
reads a saved file within seconds (assistant.live_library).

An article may have several files, each for one article: ``knowledge/examples/<slug>.yml``
(where the desk's Teach saves) and any others, e.g. by who wrote them or what kind of
question they hold, as ``knowledge/examples/<slug>.<name>.yml`` or in a folder of the
article's own, ``knowledge/examples/<slug>/<name>.yml``. Every ``*.yml`` under
``knowledge/examples/`` is read, in name order, and their examples are added up. Each file:

    article: <article slug>
    examples:
      <passage id>:
        - "a question the passage answers"

Each key must be a passage id of that article (`make passages` lists them). The same question
listed twice for a passage counts once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from assistant import paths
from assistant.datafiles import ContentError, display_path, line_of, load_yaml

log = logging.getLogger(__name__)

Examples = dict[str, tuple[str, ...]]  # passage id -> example questions


def example_files(directory: Path | None = None) -> list[Path]:
    """Every examples file: ``*.yml`` in the folder and in its sub-folders, in name order."""
    folder = directory or paths.EXAMPLES_DIR
    return sorted(folder.rglob("*.yml")) if folder.is_dir() else []


def load_examples(passage_ids: set[str], directory: Path | None = None) -> Examples:
    """Every file's examples; ContentError with file and line for an unknown passage id, a
    passage of another article than the file's, or a malformed entry. The files of an article
    that is no longer in the library (see orphaned_files) are left out, with a warning in the log."""
    found: dict[str, dict[str, None]] = {}  # passage id -> its questions, in order, each once
    articles = _articles(passage_ids)
    for path in example_files(directory):
        # The files are large (a thousand questions): read fast, and again with line numbers
        # only to say where a problem is.
        try:
            data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
            orphan = _orphan_of(data, articles)
            if orphan:
                log.warning("%s: %s", display_path(path), orphan_message(orphan))
                continue
            _add(path, data, passage_ids, found)
        except (ContentError, YAMLError, UnicodeDecodeError, FileNotFoundError):
            _add(path, load_yaml(path), passage_ids, found)  # the same problem again, with its line
    return {passage_id: tuple(questions) for passage_id, questions in found.items()}


def orphaned_files(passage_ids: set[str], directory: Path | None = None) -> list[tuple[Path, str]]:
    """(file, article) for the examples files of an article that is not in the library: staff took
    it out. Its examples must not keep the whole library from being read again (the last good
    one, with the withdrawn article in it, kept being served: session 24, an exploratory tester)."""
    articles = _articles(passage_ids)
    orphaned = []
    for path in example_files(directory):
        try:
            data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        except (YAMLError, UnicodeDecodeError, FileNotFoundError):
            continue  # load_examples says what is wrong with it
        orphan = _orphan_of(data, articles)
        if orphan:
            orphaned.append((path, orphan))
    return orphaned


def _articles(passage_ids: set[str]) -> set[str]:
    return {passage_id.split("/", 1)[0] for passage_id in passage_ids}


def _orphan_of(data: object, articles: set[str]) -> str | None:
    """The article an examples file is for, when none of the articles it names is in the library."""
    if not isinstance(data, dict) or not isinstance(data.get("examples"), dict):
        return None  # not an examples file: load_examples says so
    named = data.get("article")
    slugs = {str(p).split("/", 1)[0] for p in data["examples"]} | ({named} if isinstance(named, str) else set())
    if not slugs or slugs & articles:
        return None
    return named if isinstance(named, str) else sorted(slugs)[0]


def orphan_message(article: str) -> str:
    return (f"its article '{article}' is not in the library (taken out?), so its examples are not used; "
            "delete this file if the article is gone for good")


def _add(path: Path, data: object, passage_ids: set[str], found: dict[str, dict[str, None]]) -> None:
    """Check one file's content and add its questions to ``found``."""
    if not isinstance(data, dict) or not isinstance(data.get("examples"), dict):
        raise ContentError(path, 1, "expected 'article: <slug>' and 'examples:' mapping passage ids to questions")
    article = data.get("article")
    if article is not None and not isinstance(article, str):
        raise ContentError(path, line_of(data, "article"), "'article:' must be the article's slug")
    for passage_id, questions in data["examples"].items():
        line = line_of(data["examples"], passage_id)
        if passage_id not in passage_ids:
            raise ContentError(path, line, f"'{passage_id}' is not a passage id (`make passages` lists them)")
        if article and not str(passage_id).startswith(f"{article}/"):
            raise ContentError(path, line, f"'{passage_id}' is not a passage of '{article}', the article this "
                               "file is for (its 'article:'); move it to a file of its own article")
        if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
            raise ContentError(path, line, f"'{passage_id}' must list questions, one '- \"...\"' line each")
        kept = found.setdefault(passage_id, {})
        for question in questions:
            kept.setdefault(" ".join(question.split()), None)
