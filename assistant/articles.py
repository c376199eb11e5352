"""Vetted articles (``knowledge/articles/*.md``) and the passages they are cut into.

An article is Markdown with YAML front matter. ``##`` starts a section, ``###`` a sub-section;
a line ``***`` ends a sub-section so that the paragraphs after it belong to the section again.
Each run of paragraphs under one heading is a passage, quoted verbatim by the assistant.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.datafiles import ContentError, display_path, line_of, parse_yaml
from assistant.paths import ARTICLES_DIR

REQUIRED_FIELDS = ("title", "slug", "authors", "medical_reviewer")
OPTIONAL_FIELDS = ("editor", "reviewed_on", "source_url", "notice")
INTRODUCTION = "Introduction"
# A longer passage is sent as a run of its sentences (see excerpts). 1,000, not 700 (session 44's
# visitor tester): sections of 740-910 characters lost their last sentence, among them "It is a
# reason to get checked" and the one on surgery; the current article's longest passage is 640.
MAX_PASSAGE_CHARS = 1000


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    authors: tuple[str, ...]
    editor: str | None
    medical_reviewer: str
    reviewed_on: dt.date | None
    source_url: str | None
    notice: str | None
    path: str


@dataclass(frozen=True)
class Passage:
    id: str  # "<article slug>/<section slug>[/<sub-section slug>]", stable while headings are
    article: Article
    headings: tuple[str, ...]  # section, then sub-section
    text: str  # verbatim paragraphs, joined by a blank line
    line: int  # where the passage starts in its file

    @property
    def section(self) -> str:
        return self.headings[-1] if self.headings else INTRODUCTION


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load_passages(directory: Path = ARTICLES_DIR) -> list[Passage]:
    return [passage for _, passages in load_library(directory) for passage in passages]


def load_library(directory: Path = ARTICLES_DIR) -> list[tuple[Article, list[Passage]]]:
    files = sorted(directory.glob("*.md"))
    if not files:
        raise ContentError(directory, None, "no articles found (*.md)")
    library = [parse_article(path.read_text(encoding="utf-8"), path) for path in files]
    slugs: dict[str, str] = {}
    for article, _ in library:
        if article.slug in slugs:
            raise ContentError(article.path, 1, f"slug '{article.slug}' is also used by {slugs[article.slug]}")
        slugs[article.slug] = article.path
    return library


def parse_article(text: str, path: Path) -> tuple[Article, list[Passage]]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "an article must start with front matter: a line '---', the fields, a line '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(path, 1, "the front matter is not closed by a line '---'") from None
    article = _parse_front_matter("\n".join(lines[1:end]), path, first_line=2)
    passages = _parse_body(lines, end + 1, article, path)
    if not passages:
        raise ContentError(path, end + 2, "the article has no text after its front matter")
    return article, passages


MAX_PROBLEMS = 10


def text_problems(text: str, path: Path) -> list[ContentError]:
    """The mistakes of an article's text below its front matter, each once, up to MAX_PROBLEMS
    (parse_article stops at the first; staff correcting a form want them all at once). Each
    line found wrong is set aside (blanked, so that the others keep their numbers) and the text
    read again."""
    lines = text.splitlines()
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None) if lines else None
    if end is None or lines[0].strip() != "---":
        return []
    stand_in = Article(path.stem, "", (), None, "", None, None, None, str(path))
    found: list[ContentError] = []
    while len(found) < MAX_PROBLEMS:
        try:
            _parse_body(lines, end + 1, stand_in, path)
            break
        except ContentError as error:
            found.append(error)
            if not error.line or error.line <= end + 1 or error.line > len(lines) or not lines[error.line - 1].strip():
                break  # not a line of the text that can be set aside
            lines[error.line - 1] = ""
    return found


def _parse_front_matter(text: str, path: Path, first_line: int) -> Article:
    meta = parse_yaml(text, path, first_line)
    if not isinstance(meta, dict):
        raise ContentError(path, first_line, "the front matter must be fields such as 'title: ...'")
    for field in REQUIRED_FIELDS:
        if not meta.get(field):
            raise ContentError(path, first_line, f"the front matter needs '{field}' (it is shown in citations)")
    unknown = set(meta) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise ContentError(
            path, line_of(meta, field, first_line),
            f"unknown field '{field}'; the fields are {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}",
        )
    slug = str(meta["slug"])
    if slug != Path(path).stem:
        raise ContentError(
            path, line_of(meta, "slug", first_line), f"slug '{slug}' must match the file name '{Path(path).stem}.md'"
        )
    authors = meta["authors"]
    authors = (str(authors),) if isinstance(authors, str) else tuple(str(a) for a in authors)
    reviewed_on = meta.get("reviewed_on")
    reviewed_line = line_of(meta, "reviewed_on", first_line) if reviewed_on is not None else None
    if reviewed_on is not None and not isinstance(reviewed_on, dt.date):
        written = str(reviewed_on).strip()
        try:
            reviewed_on = dt.date.fromisoformat(written)
        except ValueError:
            problem = (f"reviewed_on {written} is not a date of the calendar (a month from 01 to 12, a day that "
                       "month has)" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", written)
                       else "reviewed_on must be a date written YYYY-MM-DD")
            raise ContentError(path, reviewed_line, problem) from None
    # A review dated ahead (a typo of the year) would be cited, and hide that the review is due,
    # for years (session 35's staff tester). A day's grace: the reviewer's date may be a time zone ahead.
    if isinstance(reviewed_on, dt.date) and reviewed_on > dt.date.today() + dt.timedelta(days=1):
        raise ContentError(path, reviewed_line,
                           f"reviewed_on {reviewed_on.isoformat()} is in the future: check the year")
    source_url = meta.get("source_url")
    if source_url and not str(source_url).startswith(("https://", "http://")):
        raise ContentError(path, line_of(meta, "source_url", first_line), "source_url must start with https://")
    return Article(
        slug=slug,
        title=str(meta["title"]),
        authors=authors,
        editor=str(meta["editor"]) if meta.get("editor") else None,
        medical_reviewer=str(meta["medical_reviewer"]),
        reviewed_on=reviewed_on,
        source_url=str(source_url) if source_url else None,
        notice=str(meta["notice"]) if meta.get("notice") else None,
        path=display_path(path),
    )


def _parse_body(lines: list[str], start: int, article: Article, path: Path) -> list[Passage]:
    passages: list[Passage] = []
    section: str | None = None
    subsection: str | None = None
    paragraphs: list[str] = []
    block_line = start + 1
    used_ids: set[str] = set()
    # The heading (its line and title) that nothing has followed yet: a heading with no text
    # and no sub-section under it answers nothing, and is most likely a slip.
    bare_heading: tuple[int, str, int] | None = None  # line, title, level

    def no_bare_heading() -> None:
        if bare_heading:
            number, title, _ = bare_heading
            raise ContentError(path, number, f"the section '{title}' has no text: write its text under the "
                                             "heading, or remove the heading")

    def flush() -> None:
        if not paragraphs:
            return
        headings = tuple(h for h in (section, subsection) if h)
        base = "/".join([article.slug] + [slugify(h) for h in headings or (INTRODUCTION,)])
        passage_id, n = base, 1
        while passage_id in used_ids:
            n += 1
            passage_id = f"{base}-{n}"
        used_ids.add(passage_id)
        passages.append(Passage(passage_id, article, headings, "\n\n".join(paragraphs), block_line))
        paragraphs.clear()

    current: list[str] = []
    for number, raw in enumerate(lines[start:], start=start + 1):
        line = raw.strip()
        is_structure = line.startswith("#") or line == "***" or not line
        if is_structure and current:
            paragraphs.append(" ".join(current))
            current = []
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            title = line[level:].strip()
            if level not in (2, 3) or not title:
                raise ContentError(path, number, "use '## ' for a section and '### ' for a sub-section")
            flush()
            if level == 2 or bare_heading and bare_heading[2] == 3:
                no_bare_heading()  # a '### ' may follow a '## ' with no text of its own
            bare_heading = (number, title, level)
            if level == 2:
                section, subsection = title, None
            else:
                if section is None:
                    raise ContentError(path, number, "a '### ' sub-section must follow a '## ' section")
                subsection = title
            block_line = number + 1
        elif line == "***":
            flush()
            subsection = None
            block_line = number + 1
        elif line:
            bare_heading = None
            if not current and not paragraphs:
                block_line = number
            # Whitespace inside a paragraph is layout, not wording: fold it.
            current.append(" ".join(line.split()))
    if current:
        paragraphs.append(" ".join(current))
    flush()
    no_bare_heading()
    return passages


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(A-Z0-9])")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


def shorten(text: str, max_chars: int) -> str:
    """Whole sentences from the start of ``text``, at most ``max_chars`` (at least one)."""
    return excerpts(text, max_chars)[0]


def excerpts(text: str, max_chars: int) -> list[str]:
    """``text`` itself when it is at most ``max_chars`` long; else, from each of its sentences in
    turn, the run of whole sentences that follows it, at most ``max_chars`` (at least one)."""
    if len(text) <= max_chars:
        return [text]
    parts = [sentence for paragraph in text.split("\n\n") for sentence in sentences(paragraph)]
    runs: list[str] = []
    for start in range(len(parts)):
        kept = [parts[start]]
        for sentence in parts[start + 1:]:
            if sum(len(s) + 1 for s in kept) + len(sentence) > max_chars:
                break
            kept.append(sentence)
        runs.append(" ".join(kept))
        if start + len(kept) == len(parts):
            break  # the runs after it are parts of this one
    return runs
