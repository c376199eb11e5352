"""Articles: front matter, passages, stable ids, and clear errors for malformed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.articles import excerpts, load_library, load_passages, parse_article, shorten, text_problems
from assistant.datafiles import ContentError
from assistant.paths import KNOWLEDGE_DIR

# The vetted texts as the clinic delivered them; each article must quote its source verbatim.
SOURCES = KNOWLEDGE_DIR / "sources"

GOOD = """---
title: A Second Article
slug: second
authors: [Staff Writer]
medical_reviewer: Jane Doe, MD
reviewed_on: 2026-01-15
source_url: https://clinic.example.org/second
---

## Knee Pain at Night

Knee pain can wake you. It is common.

### Pillows

A pillow between the knees may help some people.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_first_article_passages_have_stable_ids_and_sections():
    passages = {p.id: p for p in load_passages()}
    types = "sleep-disorders-and-msk-pain/types-of-sleep-disorders-commonly-linked-to-msk-pain"
    rls = passages[f"{types}/restless-leg-syndrome-rls"]
    assert rls.section == "Restless Leg Syndrome (RLS)"
    assert rls.text.startswith("Painful sensations and twitchy legs are hallmark features")
    rem = passages["sleep-disorders-and-msk-pain/chronic-pain-and-its-influence-on-sleep-2"]
    # After '***' the paragraph belongs to the section again, not to the RLS sub-section.
    assert rem.section == "Chronic Pain and Its Influence on Sleep"
    assert "rapid eye movement (REM) sleep" in rem.text
    assert rls.article.medical_reviewer == "Matthew Kohler, MD"


def test_every_passage_is_verbatim_from_the_vetted_source():
    checked = 0
    for passage in load_passages():
        source_file = SOURCES / f"{passage.article.slug}.txt"
        if not source_file.exists():
            continue
        source = " ".join(source_file.read_text(encoding="utf-8").split())
        for paragraph in passage.text.split("\n\n"):
            assert paragraph in source, passage.id
            checked += 1
    assert checked >= 20


def test_a_second_article_needs_no_code_change(tmp_path):
    write(tmp_path, "second.md", GOOD)
    write(tmp_path, "third.md", GOOD.replace("slug: second", "slug: third"))
    library = load_library(tmp_path)
    ids = [p.id for _, ps in library for p in ps]
    assert "second/knee-pain-at-night" in ids and "second/knee-pain-at-night/pillows" in ids
    article = library[0][0]
    assert article.reviewed_on.isoformat() == "2026-01-15"
    assert article.source_url == "https://clinic.example.org/second"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("medical_reviewer: Jane Doe, MD\n", ""), 2, "medical_reviewer"),
        (GOOD.replace("reviewed_on: 2026-01-15", "reviewed_on: last spring"), 6, "YYYY-MM-DD"),
        # Session 35's staff tester: a date of no calendar was told to be written YYYY-MM-DD, as it
        # was; a review dated years ahead was cited as such.
        (GOOD.replace("reviewed_on: 2026-01-15", "reviewed_on: 2026-13-45"), 6, "a month from 01 to 12"),
        (GOOD.replace("reviewed_on: 2026-01-15", "reviewed_on: 2062-01-15"), 6, "in the future: check the year"),
        (GOOD.replace("### Pillows", "#### Pillows"), 14, "'## ' for a section"),
        (GOOD.replace("title: A Second", "title: [A Second"), 3, "not valid YAML"),  # where YAML notices
        (GOOD.replace("slug: second", "slug: other"), 3, "must match the file name"),
        (GOOD.replace("source_url:", "colour: blue\nsource_url:"), 7, "unknown field 'colour'"),
        ("no front matter here", 1, "must start with front matter"),
        # Found by a staff tester: an empty heading was saved from the desk without a word.
        (GOOD.replace("### Pillows", "## Empty Section\n\n## Pillows"), 14, "'Empty Section' has no text"),
        (GOOD.replace("## Knee Pain at Night", "## Knee Pain at Night\n\n## Empty Section"), 10,
         "'Knee Pain at Night' has no text"),
        (GOOD + "\n### Mattresses\n", 18, "'Mattresses' has no text"),
    ],
)
def test_malformed_article_names_file_line_and_fix(tmp_path, text, line, words):
    path = write(tmp_path, "second.md", text)
    with pytest.raises(ContentError) as caught:
        parse_article(text, path)
    assert caught.value.path.endswith("second.md")
    assert caught.value.line == line
    assert words in str(caught.value)


def test_shorten_cuts_only_at_sentence_boundaries():
    text = "First sentence here. Second one is longer than that. Third."
    assert shorten(text, 1000) == text
    assert shorten(text, 30) == "First sentence here."
    assert shorten(text, 5) == "First sentence here."  # never an empty answer


def test_an_article_file_that_does_not_end_in_md_is_named_by_make_validate(tmp_path, monkeypatch):
    # Found by an exploratory tester: "heat.md.txt" (as editors save it) and "heat.MD" left the
    # library without a word ("Content OK").
    import assistant.validate as validate

    for name in ["heat-and-cold.md.txt", "pillows.MD", "ok.md"]:
        (tmp_path / name).write_text("---\n", encoding="utf-8")
    monkeypatch.setattr(validate, "ARTICLES_DIR", tmp_path)
    _, warnings = validate.check()
    named = [w for w in warnings if "must end in '.md'" in w]
    assert len(named) == 2
    assert any("heat-and-cold.md.txt" in w and "rename it to 'heat-and-cold.md'" in w for w in named)


def test_the_example_booking_details_are_placeholders_whatever_the_list_says(tmp_path):
    # Found by an exploratory tester: with `placeholders: []`, the example phone passed make validate.
    from assistant.clinic import load_clinic
    from assistant.paths import CLINIC_FILE

    clinic_file = tmp_path / "clinic.yml"
    clinic_file.write_text(CLINIC_FILE.read_text(encoding="utf-8").replace(
        "placeholders: [booking_url, phone, opening_hours, privacy_url]", "placeholders: []"), encoding="utf-8")
    assert set(load_clinic(clinic_file).placeholders) == {"booking_url", "phone", "privacy_url"}


def test_every_mistake_of_an_articles_text_is_found_at_once_with_its_line():
    text = ("---\ntitle: T\nslug: t\nauthors: [A]\nmedical_reviewer: R, MD\n---\n\n"
            "Opening.\n\n# One hash\n\nText.\n\n### Sub-section first\n\nText.\n\n"
            "## Nothing under it\n\n## Fine\n\nText.\n")
    found = text_problems(text, Path("t.md"))
    assert [(e.line, e.problem.split(":")[0]) for e in found] == [
        (10, "use '## ' for a section and '### ' for a sub-section"),
        (14, "a '### ' sub-section must follow a '## ' section"),
        (18, "the section 'Nothing under it' has no text")]
    with pytest.raises(ContentError) as first:
        parse_article(text, Path("t.md"))
    assert (first.value.line, first.value.problem) == (found[0].line, found[0].problem)
    assert text_problems(text.replace("# One hash", "## One hash").replace("### Sub-section first", "Plain.")
                         .replace("## Nothing under it\n", ""), Path("t.md")) == []


def test_a_long_text_is_cut_into_runs_of_whole_sentences_from_each_sentence_on():
    text = "First one here. Second one here.\n\nThird one here. Fourth one here."
    assert excerpts(text, 1000) == [text]
    runs = excerpts(text, 33)
    assert runs == ["First one here. Second one here.", "Second one here. Third one here.",
                    "Third one here. Fourth one here."]
    assert runs[0] == shorten(text, 33)
    # A sentence longer than the limit is a run of its own: never an empty answer.
    assert excerpts("A very long first sentence indeed. Short.", 10) == ["A very long first sentence indeed.", "Short."]
