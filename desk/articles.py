"""Articles as the desk edits them: front-matter fields and the Markdown body, checked by the
same code as `make validate` and the running assistant before anything is saved."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from assistant import paths
from assistant.articles import load_library, parse_article, slugify
from assistant.datafiles import ContentError
from assistant.examples import load_examples
from assistant.terms import load_vocabulary
from assistant.topics import check_passages_exist, load_topics
from desk.library_edits import replace_file, round_trip_yaml

FIELDS = ("title", "slug", "authors", "editor", "medical_reviewer", "reviewed_on", "source_url", "notice")
REVIEW_MAX_AGE_DAYS = 365


@dataclass
class ArticleForm:
    title: str = ""
    slug: str = ""
    authors: list[str] = field(default_factory=list)
    editor: str = ""
    medical_reviewer: str = ""
    reviewed_on: str = ""
    source_url: str = ""
    notice: str = ""
    body: str = ""

    @classmethod
    def from_fields(cls, values: dict[str, str]) -> ArticleForm:
        form = cls(**{name: " ".join(str(values.get(name, "")).split()) for name in FIELDS if name != "authors"})
        form.authors = [line.strip() for line in str(values.get("authors", "")).splitlines() if line.strip()]
        form.body = str(values.get("body", "")).replace("\r\n", "\n").strip("\n")
        form.slug = form.slug or slugify(form.title)
        return form


def split(text: str) -> tuple[CommentedMap, str]:
    """An article file as (front matter, kept with its comments; body)."""
    lines = text.splitlines()
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    meta = round_trip_yaml().load("\n".join(lines[1:end]) or "{}") or CommentedMap()
    return meta, "\n".join(lines[end + 1:]).strip("\n")


def read(slug: str, articles_dir: Path | None = None) -> ArticleForm:
    meta, body = split(((articles_dir or paths.ARTICLES_DIR) / f"{slug}.md").read_text(encoding="utf-8"))
    form = ArticleForm(**{name: "" if meta.get(name) is None else str(meta.get(name)) for name in FIELDS
                          if name != "authors"})
    authors = meta.get("authors") or []
    form.authors = [str(authors)] if isinstance(authors, str) else [str(a) for a in authors]
    form.body = body
    return form


def compose(form: ArticleForm, previous: str | None = None) -> tuple[str, int]:
    """The file's text, and how many lines come before the body. An edited article keeps the
    comments of its front matter."""
    meta = split(previous)[0] if previous else CommentedMap()
    values = {"title": form.title, "slug": form.slug, "authors": form.authors, "editor": form.editor,
              "medical_reviewer": form.medical_reviewer, "reviewed_on": form.reviewed_on,
              "source_url": form.source_url, "notice": form.notice}
    for name in FIELDS:
        value = values[name]
        if value or name in meta or name in ("title", "slug", "authors", "medical_reviewer"):
            meta[name] = value if value else None
    buffer = io.StringIO()
    round_trip_yaml().dump(meta, buffer)
    front = buffer.getvalue().rstrip("\n")
    text = f"---\n{front}\n---\n\n{form.body}\n"
    return text, front.count("\n") + 4


def check(text: str, slug: str, articles_dir: Path | None = None) -> None:
    """Raise ContentError (file line) if the library with this article would not load: the
    same checks `make validate` runs, against every other article too (a slug used twice)."""
    folder = articles_dir or paths.ARTICLES_DIR
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for other in folder.glob("*.md"):
            if other.name != f"{slug}.md":
                shutil.copy(other, copy / other.name)
        (copy / f"{slug}.md").write_text(text, encoding="utf-8")
        library = load_library(copy)
    # The topics and example questions must still find every passage they name.
    passage_ids = {p.id for _, passages in library for p in passages}
    check_passages_exist(load_topics(load_vocabulary()), passage_ids)
    load_examples(passage_ids)


def save(text: str, slug: str, articles_dir: Path | None = None) -> Path:
    path = (articles_dir or paths.ARTICLES_DIR) / f"{slug}.md"
    replace_file(path, text)
    return path


LABELS = {"title": "Title", "slug": "Short name", "authors": "Authors", "editor": "Editor",
          "medical_reviewer": "Medical reviewer", "reviewed_on": "Reviewed on", "source_url": "Address on the "
          "clinic's website", "notice": "Notice"}


def where(error: ContentError, body_offset: int, text: str = "", slug: str = "") -> str:
    """The error as staff find it in the form: a line of the text box, or the field above it
    (with its line in the saved file's front matter); an error in another file (another article,
    topics.yml, an examples file) names that file, which this form cannot correct."""
    if slug and Path(error.path).name != f"{slug}.md":
        shown = (f"knowledge/{error.path.split('knowledge/', 1)[1]}" if "knowledge/" in error.path
                 else f"knowledge/articles/{Path(error.path).name}")  # another article, checked in a copy
        return (f"Another file has a problem, which keeps this change (and any other) from going live: "
                f"{shown}{f', line {error.line}' if error.line else ''}: {error.problem}. Correct that file "
                "(`make validate` lists every problem), then save this again.")
    if error.line and error.line > body_offset:
        return f"Line {error.line - body_offset} of the text: {error.problem}"
    named = [name for name in LABELS if f"'{name}'" in error.problem]
    if named:
        # "the front matter needs 'medical_reviewer'" is about that field, whatever line it names.
        return f"In the details above, “{LABELS[named[0]]}”: {error.problem}"
    lines = text.splitlines()
    if error.line and 1 < error.line <= len(lines):
        name = lines[error.line - 1].split(":", 1)[0].strip()
        if name in LABELS:
            # Not the line of the file: staff see the form (session 35's staff tester).
            return f"In the details above, “{LABELS[name]}”: {error.problem}"
    return f"In the details above: {error.problem}"


def overdue(reviewed_on: dt.date | None, today: dt.date | None = None) -> bool:
    return reviewed_on is None or ((today or dt.date.today()) - reviewed_on).days > REVIEW_MAX_AGE_DAYS


def title_of(path: Path) -> str | None:
    """An article file's title, spaces and letter case folded; None when it cannot be read."""
    try:
        article, _ = parse_article(path.read_text(encoding="utf-8"), path)
    except (ContentError, OSError, UnicodeDecodeError):
        return None
    return " ".join(article.title.split()).casefold()
