"""Articles as the desk edits them: front-matter fields and the Markdown body, checked by the
same code as `make validate` and the running assistant before anything is saved."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from assistant import paths
from assistant.articles import load_library, parse_article, slugify, text_problems
from assistant.datafiles import ContentError
from assistant.examples import example_files, load_examples
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


def problems(first: ContentError, text: str, slug: str) -> list[ContentError]:
    """``first`` (what ``check`` raised), then the other mistakes of the article's text, each once."""
    found = [first]
    if Path(first.path).name == f"{slug}.md":
        seen = {(first.line, first.problem)}
        for error in text_problems(text, paths.ARTICLES_DIR / f"{slug}.md"):
            if (error.line, error.problem) not in seen:
                seen.add((error.line, error.problem))
                found.append(error)
    return found


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
        # "the front matter needs 'medical_reviewer'" is about that field, whatever line it names;
        # "front matter" is the file's word, not the form's (session 45's staff tester).
        return f"In the article's details, “{LABELS[named[0]]}”: {_in_the_forms_words(error.problem)}"
    lines = text.splitlines()
    if error.line and 1 < error.line <= len(lines):
        name = lines[error.line - 1].split(":", 1)[0].strip()
        if name in LABELS:
            # Not the line of the file: staff see the form (session 35's staff tester).
            return f"In the article's details, “{LABELS[name]}”: {_in_the_forms_words(error.problem)}"
    return f"In the article's details: {_in_the_forms_words(error.problem)}"


def _in_the_forms_words(problem: str) -> str:
    return re.sub(r"the front matter needs '\w+'", "fill it in", problem)


def overdue(reviewed_on: dt.date | None, today: dt.date | None = None) -> bool:
    return reviewed_on is None or ((today or dt.date.today()) - reviewed_on).days > REVIEW_MAX_AGE_DAYS


def title_of(path: Path) -> str | None:
    """An article file's title, spaces and letter case folded; None when it cannot be read."""
    try:
        article, _ = parse_article(path.read_text(encoding="utf-8"), path)
    except (ContentError, OSError, UnicodeDecodeError):
        return None
    return folded(article.title)


def folded(title: str) -> str:
    return " ".join(title.split()).casefold()


def with_title(title: str | None, besides: Path) -> str | None:
    """The short name of an article of the library, other than ``besides``, with this title
    (``title`` folded as title_of does); None when there is none."""
    return next((other.stem for other in sorted(paths.ARTICLES_DIR.glob("*.md"))
                 if title and other != besides and title_of(other) == title), None)


class NotDone(Exception):
    """Why the desk did not withdraw or put back an article, in staff's words."""


def withdraw(slug: str) -> None:
    """Take the article out of the library: its file and its example questions go to
    ``knowledge/withdrawn/<slug>/`` (never read by the assistant), from where ``put_back`` returns
    them. The assistant stops quoting it within seconds, with no restart. Refused (NotDone)
    while a topic names one of its passages: the library would no longer load, and the
    assistant would keep serving the last one, this article included."""
    source = paths.ARTICLES_DIR / f"{slug}.md"
    target = paths.WITHDRAWN_DIR / slug
    if not source.exists():
        raise NotDone("This article is not in the library.")
    if not any(other != source for other in paths.ARTICLES_DIR.glob("*.md")):
        # A library with no article does not load: the assistant would keep quoting this one.
        raise NotDone("This is the only article in the library: add the one that replaces it first.")
    if target.exists():
        raise NotDone(f"An earlier withdrawn copy of this article is in knowledge/withdrawn/{slug}/: put that one "
                      "back first, or take that folder out.")
    try:
        topics = load_topics(load_vocabulary())
    except ContentError as error:
        raise NotDone(f"knowledge/topics.yml cannot be read ({error}): correct it first.") from error
    naming = sorted({topic.title for topic in topics if any(p.startswith(f"{slug}/") for p in topic.passages)})
    if naming:
        raise NotDone(f"These topics in knowledge/topics.yml name passages of this article: {', '.join(naming)}. "
                      "Take those passages out of them first (see the staff guide, “Take an article out”), "
                      "then withdraw it.")
    target.mkdir(parents=True)
    # The article first: visitors stop getting it even if moving its examples fails.
    source.replace(target / source.name)
    for path in examples_of(slug, paths.EXAMPLES_DIR):
        moved = target / "examples" / path.relative_to(paths.EXAMPLES_DIR)
        moved.parent.mkdir(parents=True, exist_ok=True)
        path.replace(moved)


def examples_of(slug: str, folder: Path) -> list[Path]:
    """The examples files of an article, by the names the staff guide gives them
    (``<slug>.yml``, ``<slug>.<name>.yml``, ``<slug>/*.yml``) or by the article they name."""
    found = []
    for path in example_files(folder):
        relative = path.relative_to(folder)
        named = relative.parts[0] == slug if len(relative.parts) > 1 else path.name.split(".")[0] == slug
        if named or _article_named(path) == slug:
            found.append(path)
    return found


def _article_named(path: Path) -> str | None:
    try:
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    except (YAMLError, OSError, UnicodeDecodeError):
        return None
    return str(data.get("article")) if isinstance(data, dict) else None


def withdrawn_articles() -> list[tuple[str, str]]:
    """(short name, title) of each withdrawn article; the file's name when its title cannot be read."""
    found = []
    for path in sorted(paths.WITHDRAWN_DIR.glob("*/*.md")) if paths.WITHDRAWN_DIR.is_dir() else []:
        try:
            title = parse_article(path.read_text(encoding="utf-8"), path)[0].title
        except (ContentError, OSError, UnicodeDecodeError):
            title = path.stem
        found.append((path.parent.name, title))
    return found


def put_back(slug: str) -> None:
    """Return a withdrawn article and its example questions to the library, after the same
    checks as a save (NotDone says what keeps it out)."""
    folder = paths.WITHDRAWN_DIR / slug
    article = folder / f"{slug}.md"
    if slug != slugify(slug) or not article.exists():
        raise NotDone("There is no withdrawn article of that name.")
    if (paths.ARTICLES_DIR / article.name).exists():
        raise NotDone(f"An article named '{slug}' is in the library now: withdraw it, or rename this one in "
                      f"knowledge/withdrawn/{slug}/, first.")
    same_title = with_title(title_of(article), paths.ARTICLES_DIR / article.name)
    if same_title:
        raise NotDone(f"The article '{same_title}' in the library has this title: two articles that say the same "
                      "would both be quoted.")
    try:
        check(article.read_text(encoding="utf-8"), slug)
    except ContentError as error:
        raise NotDone(f"It would not load: {error}. Correct it in knowledge/withdrawn/{slug}/, then put it back.") \
            from error
    examples = folder / "examples"
    returning = [(path, paths.EXAMPLES_DIR / path.relative_to(examples)) for path in example_files(examples)]
    taken = [str(to.relative_to(paths.KNOWLEDGE_DIR)) for _, to in returning if to.exists()]
    if taken:
        raise NotDone(f"These example files are in the library now: {', '.join(taken)}. Merge or remove them first.")
    # The examples first, so that the article is answered with them from its first reading.
    for path, to in returning:
        to.parent.mkdir(parents=True, exist_ok=True)
        path.replace(to)
    article.replace(paths.ARTICLES_DIR / article.name)
    shutil.rmtree(folder)
