"""Example questions staff give a passage (knowledge/examples/) lead visitors' words to it, with no retraining."""

from __future__ import annotations

import pytest

from assistant.datafiles import ContentError
from assistant.examples import load_examples, orphaned_files
from assistant.retrieval import KnowledgeIndex

PLMD = ("sleep-disorders-and-msk-pain/types-of-sleep-disorders-commonly-linked-to-msk-pain/"
        "periodic-limb-movement-disorder-plmd")


def test_an_example_leads_its_words_to_the_passage(index):
    question = "why does my husband's foot keep flicking like a metronome all night long"
    before = index.answer(question, "nlu_fallback", unsure=True)
    examples = {PLMD: ("my husband's foot keeps flicking like a metronome all night",)}
    taught = KnowledgeIndex(index.passages, index.topics, index.vocabulary, index._nlp, index.menu, examples=examples)
    after = taught.answer(question, "nlu_fallback", unsure=True)
    assert after.found and after.passages[0].id == PLMD
    assert after.score > before.score


def test_examples_are_read_per_article_file(tmp_path):
    (tmp_path / "a.yml").write_text(f'article: sleep-disorders-and-msk-pain\nexamples:\n  {PLMD}:\n'
                                    f'    - "legs kick at night"\n    - "  jerky   legs "\n', encoding="utf-8")
    assert load_examples({PLMD}, tmp_path) == {PLMD: ("legs kick at night", "jerky legs")}
    assert load_examples({PLMD}, tmp_path / "missing") == {}


def test_the_examples_of_an_article_taken_out_are_left_out_not_an_error(tmp_path):
    # Found by an exploratory tester: an article staff took out kept being quoted to visitors, as
    # its examples file (left behind) kept the library from being read again.
    (tmp_path / "heat.yml").write_text('article: heat-and-cold\nexamples:\n  heat-and-cold/when-cold-helps:\n'
                                      '    - "ice on a swollen knee?"\n', encoding="utf-8")
    (tmp_path / "a.yml").write_text(f'article: sleep-disorders-and-msk-pain\nexamples:\n  {PLMD}:\n'
                                    '    - "legs kick at night"\n', encoding="utf-8")
    assert load_examples({PLMD}, tmp_path) == {PLMD: ("legs kick at night",)}
    assert orphaned_files({PLMD}, tmp_path) == [(tmp_path / "heat.yml", "heat-and-cold")]


@pytest.mark.parametrize("body, problem", [
    ('article: sleep-disorders-and-msk-pain\nexamples:\n  sleep-disorders-and-msk-pain/no-such-passage:\n'
     '    - "a question"\n', "a.yml:3: 'sleep-disorders-and-msk-pain/no-such-passage' is not a passage id"),
    (f'article: sleep-disorders-and-msk-pain\nexamples:\n  {PLMD}: "just one string"\n',
     "a.yml:3: '" + PLMD + "' must list questions"),
    ("just text\n", "a.yml:1: expected 'article: <slug>' and 'examples:'"),
])
def test_a_bad_examples_file_is_refused_with_file_and_line(tmp_path, body, problem):
    (tmp_path / "a.yml").write_text(body, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_examples({PLMD}, tmp_path)
    assert problem in str(error.value)


def test_an_article_may_have_several_example_files_in_its_own_folder_or_beside(tmp_path):
    intro = "sleep-disorders-and-msk-pain/introduction"
    (tmp_path / "sleep-disorders-and-msk-pain.yml").write_text(
        f'article: sleep-disorders-and-msk-pain\nexamples:\n  {PLMD}:\n    - "legs kick at night"\n', encoding="utf-8")
    (tmp_path / "sleep-disorders-and-msk-pain.slang.yml").write_text(
        f'article: sleep-disorders-and-msk-pain\nexamples:\n  {PLMD}:\n    - "legs   kick at night"\n'
        f'    - "my legs go mental in bed"\n', encoding="utf-8")
    folder = tmp_path / "sleep-disorders-and-msk-pain"
    folder.mkdir()
    (folder / "carers.yml").write_text(f'article: sleep-disorders-and-msk-pain\nexamples:\n  {intro}:\n'
                                       '    - "are my mum\'s sleep and her pain linked"\n', encoding="utf-8")
    found = load_examples({PLMD, intro}, tmp_path)
    # Added up over the files; the same question twice counts once.
    assert found == {PLMD: ("legs kick at night", "my legs go mental in bed"),
                     intro: ("are my mum's sleep and her pain linked",)}


def test_the_project_keeps_several_files_for_the_current_article(index):
    from assistant import paths
    from assistant.examples import example_files

    files = example_files(paths.EXAMPLES_DIR)
    assert len(files) > 1
    examples = load_examples({p.id for p in index.passages})
    assert all(passage_id.startswith("sleep-disorders-and-msk-pain/") for passage_id in examples)
    assert sum(map(len, examples.values())) > 1000


def test_a_passage_of_another_article_is_refused_with_file_and_line(tmp_path):
    folder = tmp_path / "knee-pain"
    folder.mkdir()
    (folder / "more.yml").write_text(f'article: knee-pain\nexamples:\n  {PLMD}:\n    - "a question"\n',
                                     encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_examples({PLMD}, tmp_path)
    assert f"more.yml:3: '{PLMD}' is not a passage of 'knee-pain'" in str(error.value)
