"""An article about one condition, added with no other change: the condition named in a question
says which article, the rest of the question which of its passages (and whether any answers)."""

from __future__ import annotations

import shutil

import pytest

from assistant import paths


def made_up_article(title: str, slug: str, body: list[str], editor: str | None = None) -> str:
    """A test fixture article, not for visitors: its front matter, then ``body``'s lines."""
    front = ["---", f'title: "{title}"', f"slug: {slug}", "authors:", "  - Test Author",
             *([f"editor: {editor}"] if editor else []),
             "medical_reviewer: Test Reviewer", "reviewed_on:", "source_url:",
             'notice: "Test fixture, not for visitors."', "---"]
    return "\n".join([*front, *body])


# A test fixture, not for visitors: a short made-up article on a condition knowledge/terms.yml
# lists as covered by no article.
TEST_ARTICLE = made_up_article("Sciatica and Sleep (test article)", "sciatica-test", editor="Test Editor", body=[
    "",
    "Sciatica is pain that follows the sciatic nerve from the lower back down one leg. "
    "Many people with sciatica also sleep poorly.",
    "",
    "## Why Sciatica Feels Worse at Night",
    "",
    "Lying flat can increase pressure on an irritated nerve root, and with fewer distractions "
    "the brain pays more attention to pain signals.",
    "",
    "## Sleeping Positions",
    "",
    "Sleeping on your side with a pillow between your knees keeps the hips and spine aligned. "
    "Sleeping on the stomach twists the spine.",
    "",
    "## Stretches Before Bed",
    "",
    "Gentle stretches for the hamstrings and the piriformis muscle can loosen tight tissue before bed.",
    "",
    "## Diagnosis",
    "",
    "A scan is rarely needed: the pattern of the pain usually tells the doctor it is sciatica. "
    "Tests of the nerves are only needed when the leg is weak or numb.",
    "",
])


def index_with_article(tmp_path_factory, slug: str, text: str):
    """The library's index with one made-up article added (saved as <slug>.md)."""
    from assistant.knowledge import build_index

    articles = tmp_path_factory.mktemp("articles")
    for article in paths.ARTICLES_DIR.glob("*.md"):
        shutil.copy(article, articles / article.name)
    (articles / f"{slug}.md").write_text(text, encoding="utf-8")
    return build_index(articles)


@pytest.fixture(scope="module")
def with_article(tmp_path_factory):
    return index_with_article(tmp_path_factory, "sciatica-test", TEST_ARTICLE)


def first(index, text, intent="ask_disorder"):
    answer = index.answer(text, intent)
    return answer.passages[0].id if answer.found else answer.reason


def test_the_subject_named_does_not_choose_among_its_articles_passages(with_article):
    assert first(with_article, "why is my sciatica so much worse at night") == (
        "sciatica-test/why-sciatica-feels-worse-at-night")
    assert first(with_article, "is sleeping on my stomach bad for sciatica") == "sciatica-test/sleeping-positions"
    assert first(with_article, "what is sciatica") == "sciatica-test/introduction"


def test_a_passage_elsewhere_that_never_names_the_subject_gives_way(with_article):
    # The taught passage on gentle exercise fits the words well, but says nothing of sciatica.
    assert first(with_article, "what stretches can I do before bed for sciatica", "ask_treatment") == (
        "sciatica-test/stretches-before-bed")


def test_what_the_article_does_not_say_about_its_subject_gets_the_honest_no(with_article):
    answer = with_article.answer("is sciatica hereditary", "ask_disorder")
    assert not answer.found and answer.condition == "sciatica"


def test_without_subject_keeps_a_question_that_is_only_the_name(with_article):
    assert with_article.without_subject("Why is my Sciatica worse?", {"sciatica"}) == "Why is my worse?"
    assert with_article.without_subject("what is sciatica", {"sciatica"}) == "what is sciatica"
    assert with_article.without_subject("what is sciatica", set()) == "what is sciatica"


def test_a_practical_phrase_an_article_itself_uses_is_its_subject_there(with_article, index):
    # knowledge/logistics.yml lists "scan"; the test article speaks of one, the library did not.
    assert index.answer("do I need a scan", "ask_disorder").reason == "logistics"
    assert first(with_article, "do I need a scan for sciatica") == "sciatica-test/diagnosis"
    assert with_article.answer("does insurance cover sciatica care", "ask_treatment").reason == "logistics"


def test_a_practical_phrase_is_the_subjects_where_its_article_speaks_of_it(with_article, index):
    # "test for" is listed as practical; the sciatica article explains its tests, the library's
    # article on sleep apnoea does not.
    assert first(with_article, "how do they test for sciatica") == "sciatica-test/diagnosis"
    assert with_article.answer("how do they test for sleep apnea", "ask_disorder").reason == "logistics"
    # Every practical phrase of the question must be the subject's: not the cost of that test.
    assert with_article.answer("what does a test for sciatica cost", "ask_disorder").reason == "logistics"


# A second made-up article whose title names its subject in more words than the condition's term:
# "migraine" is a term, "neck" only a body part, and no other article speaks of the neck; nor of a
# "practical guide", but that is what the title says of itself, not of its subject.
NECK_ARTICLE = made_up_article(
    "Neck Pain, Migraine and Sleep: A Practical Guide (test article)", "neck-migraine-test", body=[
    "",
    "Neck pain and migraine often come together, and both disturb sleep.",
    "",
    "## Pillows for a Sore Neck",
    "",
    "A pillow that keeps the neck level with the rest of the spine eases morning neck stiffness. "
    "A pillow that is too high bends the neck forward all night.",
    "",
    "## Migraine Triggers at Night",
    "",
    "Irregular sleep, skipped meals and bright screens late in the evening can set off a migraine. "
    "Some people keep a diary of magnesium-rich meals, but a diary of sleep times helps more.",
    "",
])


@pytest.fixture(scope="module")
def with_neck_article(tmp_path_factory):
    return index_with_article(tmp_path_factory, "neck-migraine-test", NECK_ARTICLE)


def test_a_word_only_the_title_uses_names_the_articles_subject(with_neck_article):
    # Without it the question is off the subject (migraine): its passage is held down and the
    # current article's passage on chronic pain and sleep is sent instead.
    assert first(with_neck_article, "my neck is killing me and I can't get comfortable in bed",
                 "ask_treatment") == "neck-migraine-test/pillows-for-a-sore-neck"
    # A question with no word of the title, or only a word the article's text never uses, is still
    # off the article's subject.
    assert first(with_neck_article, "any practical tips for sleeping with a bad back?", "ask_treatment") \
        .startswith("sleep-disorders-and-msk-pain/")
    assert with_neck_article.answer("how does poor sleep make pain worse", "ask_pain_sleep_link").passages[0].id \
        .startswith("sleep-disorders-and-msk-pain/")


def test_a_treatment_counts_as_covered_when_an_article_names_it(with_neck_article, index):
    # knowledge/terms.yml lists magnesium as a remedy no article names: the honest no, until one does.
    assert index.answer("does magnesium help migraines at night", "ask_treatment").reason == "not_covered"
    assert "magnesium" in with_neck_article.covered_terms
    assert first(with_neck_article, "does magnesium help migraines at night", "ask_treatment") == (
        "neck-migraine-test/migraine-triggers-at-night")


# A third made-up article on a condition knowledge/terms.yml does not list: its title's own words
# ("ganglion", "cyst": no other article uses them) are its subject, with no term added for it.
CYST_ARTICLE = made_up_article("Ganglion Cysts and Sleep (test article)", "ganglion-cyst-test", body=[
    "",
    "A ganglion cyst is a lump filled with jelly-like fluid. A ganglion cyst often sits on the back of "
    "the wrist. Many people with a ganglion cyst notice the cyst more at night.",
    "",
    "## What Is a Ganglion Cyst?",
    "",
    "It grows out of the lining of a joint or tendon, like a small balloon on a stalk.",
    "",
    "## Why a Ganglion Cyst Aches at Night",
    "",
    "A cyst can press on a nearby nerve when the wrist is bent during sleep, which wakes some people "
    "with an ache.",
    "",
    "## Resting the Wrist While Typing",
    "",
    "A soft wrist rest and short breaks from the keyboard ease the strain on the joint during the day.",
    "",
    "## Will It Go Away?",
    "",
    "Many cysts shrink or disappear on their own within months, without any treatment.",
    "",
])


@pytest.fixture(scope="module")
def with_cyst_article(tmp_path_factory):
    return index_with_article(tmp_path_factory, "ganglion-cyst-test", CYST_ARTICLE)


def test_a_title_naming_no_listed_condition_still_names_its_articles_subject(with_cyst_article):
    # The introduction repeats the name most; the rest of the question says which passage answers.
    assert first(with_cyst_article, "why does my ganglion cyst hurt more at night") == (
        "ganglion-cyst-test/why-a-ganglion-cyst-aches-at-night")
    assert first(with_cyst_article, "will my ganglion cyst go away by itself") == "ganglion-cyst-test/will-it-go-away"
    assert with_cyst_article.without_subject("do ganglion cysts come back?", {"title:ganglion-cyst-test"}) == (
        "do come back?")


def test_a_title_words_subject_does_not_hold_down_questions_that_do_not_name_it(with_cyst_article):
    # Unlike a listed condition's article, one whose subject only its title's words name is not
    # held down on a question that names no condition: "a lump on my wrist" may be about it.
    assert first(with_cyst_article, "what can I rest my wrist on while typing, it aches", "ask_treatment") == (
        "ganglion-cyst-test/resting-the-wrist-while-typing")
    # Nor does a question naming the subject get another article's passage on the same theme.
    assert first(with_cyst_article, "what helps a ganglion cyst when I type all day", "ask_treatment") == (
        "ganglion-cyst-test/resting-the-wrist-while-typing")


def test_a_question_that_is_only_the_name_gets_what_the_article_says_it_is(with_cyst_article, with_article):
    # Nothing else in the question chooses a passage: not the one that repeats the name most.
    assert first(with_cyst_article, "what even is a ganglion cyst") == "ganglion-cyst-test/what-is-a-ganglion-cyst"
    assert first(with_cyst_article, "ganglion cysts??") == "ganglion-cyst-test/what-is-a-ganglion-cyst"
    # An article with no "What is" section says it in its introduction.
    assert first(with_article, "tell me about sciatica") == "sciatica-test/introduction"
    # A question that asks something else of the subject is not one of these.
    assert not with_cyst_article.only_the_name("why does a ganglion cyst ache", {"title:ganglion-cyst-test"})
