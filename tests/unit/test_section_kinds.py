"""Kinds of section (knowledge/section_kinds.yml): an article nobody has taught answers "should I
get it looked at?" or "what causes it?" from its own section of that kind, when the question is
on its subject; a bad file is refused with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.articles import load_passages
from assistant.datafiles import ContentError
from assistant.section_kinds import SectionKind, kind_of, load_section_kinds, section_questions

DEV_ARTICLES = Path(__file__).parents[1] / "fixtures" / "library_dev"
SEE = SectionKind("when_to_see", ("when to see",), ("should I get it checked?",))
DIAGNOSIS = SectionKind("diagnosis", ("diagnos",), ("how do they test for it?",))


def _build(tmp_path_factory, name, with_kinds: bool):
    from assistant import knowledge
    from tests.integration.servers import library_copy

    library = library_copy(tmp_path_factory.mktemp(name), DEV_ARTICLES)
    with pytest.MonkeyPatch.context() as patch:
        if not with_kinds:
            patch.setattr(knowledge, "load_section_kinds", lambda: ())
        return knowledge.build_index(library / "articles")


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The library with the two development articles added, as staff would drop them in."""
    return _build(tmp_path_factory, "grown", with_kinds=True)


@pytest.fixture(scope="module")
def grown_without_kinds(tmp_path_factory):
    return _build(tmp_path_factory, "bare", with_kinds=False)


def test_the_kinds_file_loads_and_every_kind_has_generic_questions():
    kinds = load_section_kinds()
    assert {k.name for k in kinds} >= {"when_to_see_a_clinician", "how_it_is_diagnosed", "causes_and_risk_factors"}
    assert all(len(k.questions) >= 10 and k.headings for k in kinds)


def test_a_heading_phrase_holds_from_the_start_of_a_word():
    assert DIAGNOSIS.names("How It Is Diagnosed") and DIAGNOSIS.names("Diagnosis")
    assert not DIAGNOSIS.names("Prediagnostic Notes")
    assert SEE.names("When to  See a Clinician") and not SEE.names("When Symptoms Start")


def test_a_passage_takes_the_kind_of_its_own_heading_and_taught_passages_none():
    passages = {p.id: p for p in load_passages(DEV_ARTICLES)}
    see = "plantar-fasciitis-and-sleep/when-to-see-a-clinician"
    assert kind_of(passages[see], [DIAGNOSIS, SEE]) is SEE
    # A sub-section is its own kind or none: "Night Splints" under "Self-Care" is not self-care's lead-in.
    assert kind_of(passages["plantar-fasciitis-and-sleep/self-care/night-splints"], [DIAGNOSIS, SEE]) is None
    assert see in section_questions(passages.values(), [SEE], taught=())
    assert see not in section_questions(passages.values(), [SEE], taught={see})


@pytest.mark.parametrize("text, problem", [
    ("kinds: []\n", "expected 'kinds:'"),
    ("kinds:\n  see:\n    headings: ['when to see']\n", "must have 'headings:' and 'questions:'"),
    ("kinds:\n  see:\n    headings: ['when to see']\n    questions: []\n", "'questions:' must list at least one"),
    ("kinds:\n  see:\n    headings: ['when to see']\n    questions:\n      - 'ok?'\n      - ''\n",
     "each of 'questions:' must be a question"),
])
def test_a_bad_kinds_file_is_refused_with_its_line(tmp_path, text, problem):
    path = tmp_path / "section_kinds.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_section_kinds(path)
    assert problem in str(raised.value) and "section_kinds.yml:" in str(raised.value)


def test_no_kinds_file_means_no_kinds(tmp_path):
    assert load_section_kinds(tmp_path / "section_kinds.yml") == ()


@pytest.mark.parametrize("question, section", [
    ("is my heel bad enough to see a doctor about", "plantar-fasciitis-and-sleep/when-to-see-a-clinician"),
    ("what causes plantar fasciitis", "plantar-fasciitis-and-sleep/causes-and-risk-factors"),
])
def test_a_question_of_a_kind_on_an_added_articles_subject_gets_its_section_of_that_kind(
        grown, grown_without_kinds, question, section):
    assert [p.id for p in grown.answer(question, None, unsure=True).passages] == [section]
    # Without the kinds the article's own words did not lead there (what the kinds are for).
    assert [p.id for p in grown_without_kinds.answer(question, None, unsure=True).passages] != [section]


def test_a_question_of_a_kind_on_no_subject_keeps_to_the_taught_article(grown):
    # "should I see a doctor?" alone is not about heel pain: the current article's passage on
    # consulting a provider, as before any article was added.
    answer = grown.answer("should I see a doctor about my sleep?", None, unsure=True)
    assert [p.article.slug for p in answer.passages] == ["sleep-disorders-and-msk-pain"]
