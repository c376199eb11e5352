"""A saved article is served without a restart; a bad one is refused and the last good library serves."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from assistant.knowledge import build_index
from assistant.live_library import LiveLibrary
from assistant.paths import ARTICLES_DIR

FIXTURE = Path(__file__).parents[1] / "fixtures" / "library" / "fibromyalgia-and-sleep.md"


@pytest.fixture()
def library(tmp_path):
    for article in ARTICLES_DIR.glob("*.md"):
        shutil.copy(article, tmp_path / article.name)
    live = LiveLibrary(lambda fresh, meanwhile: build_index(tmp_path, meanwhile=meanwhile),
                       files=lambda: sorted(tmp_path.glob("*.md")))
    return live, tmp_path


def slugs(index) -> set[str]:
    return {p.article.slug for p in index.passages}


def test_an_added_article_is_served_and_its_condition_is_covered(library):
    live, folder = library
    assert not live.refresh()  # nothing changed
    assert "fibromyalgia" not in live.current().covered_terms
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    assert live.refresh()
    index = live.current()
    assert "fibromyalgia-and-sleep" in slugs(index) and "fibromyalgia" in index.covered_terms
    answer = index.answer("what is fibromyalgia", "ask_disorder")
    assert answer.found and answer.passages[0].article.slug == "fibromyalgia-and-sleep"


def test_a_removed_article_stops_being_served(library):
    live, folder = library
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    live.refresh()
    (folder / FIXTURE.name).unlink()
    assert live.refresh()
    assert "fibromyalgia-and-sleep" not in slugs(live.current())
    assert not live.current().answer("what is fibromyalgia", "ask_disorder").found


def test_a_bad_article_is_refused_with_file_and_line_and_the_last_good_library_serves(library, caplog):
    live, folder = library
    before = live.current()
    bad = FIXTURE.read_text(encoding="utf-8").replace("medical_reviewer: Test Fixture Reviewer, MD\n", "")
    (folder / FIXTURE.name).write_text(bad, encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        assert not live.refresh()
    assert live.current() is before
    assert f"{FIXTURE.name}:" in str(live.last_error) and "medical_reviewer" in str(live.last_error)
    assert "last good one keeps serving" in caplog.text and FIXTURE.name in caplog.text
    # Fixed, it is served.
    shutil.copy(FIXTURE, folder / FIXTURE.name)
    assert live.refresh(), live.last_error
    assert live.last_error is None
    assert "fibromyalgia-and-sleep" in slugs(live.current())
