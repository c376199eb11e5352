"""Example questions for passages (``knowledge/examples/*.yml``): visitors' words a passage answers.

Optional, like topics: an article is answered without them. With them, retrieval also
compares a question with each example of a passage (by meaning and by words), so phrasings
the article's own text does not share still find it. No retraining: the running assistant
reads a saved file within seconds (assistant.live_library). One file per article:

    article: <article slug>
    examples:
      <passage id>:
        - "a question the passage answers"
"""

from __future__ import annotations

from pathlib import Path

from assistant import paths
from assistant.datafiles import ContentError, line_of, load_yaml

Examples = dict[str, tuple[str, ...]]  # passage id -> example questions


def example_files(directory: Path | None = None) -> list[Path]:
    folder = directory or paths.EXAMPLES_DIR
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def load_examples(passage_ids: set[str], directory: Path | None = None) -> Examples:
    """Every file's examples; ContentError with file and line for an unknown passage id or a
    malformed entry."""
    found: Examples = {}
    for path in example_files(directory):
        data = load_yaml(path)
        if not isinstance(data, dict) or not isinstance(data.get("examples"), dict):
            raise ContentError(path, 1, "expected 'article: <slug>' and 'examples:' mapping passage ids to questions")
        for passage_id, questions in data["examples"].items():
            line = line_of(data["examples"], passage_id)
            if passage_id not in passage_ids:
                raise ContentError(path, line, f"'{passage_id}' is not a passage id (`make passages` lists them)")
            if not isinstance(questions, list) or not all(isinstance(q, str) and q.strip() for q in questions):
                raise ContentError(path, line, f"'{passage_id}' must list questions, one '- \"...\"' line each")
            found[passage_id] = found.get(passage_id, ()) + tuple(" ".join(q.split()) for q in questions)
    return found
