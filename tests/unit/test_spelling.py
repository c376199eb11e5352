"""Visitors' spelling in plain words (assistant.spelling): what the red-flag nets read a second time."""

from __future__ import annotations

import pytest

from assistant.spelling import Respeller


@pytest.fixture(scope="module")
def respell(tmp_path_factory):
    vocabulary = tmp_path_factory.mktemp("words") / "words.yml"
    vocabulary.write_text("examples:\n  - nobody would miss me if I was gone\n  - I wrote a letter to say goodbye\n"
                          "  - I have been keeping my tablets in a drawer\n  - I really miss my sister\n",
                          encoding="utf-8")
    chat_words = {"wud": "would", "evry1": "everyone", "w/o": "without", "killing me": "hurting me badly", "lol": ""}
    return Respeller([vocabulary], chat_words)


def test_text_speak_and_misspelt_words_are_put_right(respell):
    assert respell("nobdy wud mis me") == "nobody would mis me"  # "mis": too short to put right
    assert respell("evry1 is beter off w/o me") == "everyone is beter off without me"  # "beter": not in the words
    assert respell("i wrote a goodby leter") == "i wrote a goodbye letter"
    assert respell("keepin my tablts in a drawr") == "keeping my tablets in a drawer"


def test_slang_phrases_and_fillers_stay_as_typed(respell):
    # The red-flag rules' idioms ("killing me") and jokes ("lol") are written in these words.
    assert respell("my back is killing me lol") == "my back is killing me lol"


def test_english_words_and_empty_text_are_left_alone(respell):
    assert respell("") == ""
    assert respell("I wrote a letter to my daughter") == "I wrote a letter to my daughter"


def test_a_dropped_g_is_put_back_where_the_word_with_it_is_english(respell):
    assert respell("thinkin about endin it") == "thinking about ending it"
    assert respell("my cousin Robin") == "my cousin Robin"


def test_how_common_a_word_is_in_english():
    from assistant.spelling import COMMON_FLOOR, rare_words, word_log_probability

    assert word_log_probability("change") > word_log_probability("heel") > COMMON_FLOOR
    # A word rarer than the floor, or no English word at all, is only "not common".
    assert word_log_probability("fasciitis") == word_log_probability("qwxzvb") == COMMON_FLOOR
    assert "osteoporosis" in rare_words() and "surgery" not in rare_words()


@pytest.mark.parametrize("text, plain", [
    ("my name is Joan Reilly and I keep my tablts in a drawr",
     "my name is Joan Reilly and I keep my tablets in a drawer"),
    ("hi, I'm Joan Reilly, I reilly miss my sistr", "hi, I'm Joan Reilly, I really miss my sister"),
])
def test_a_name_the_visitor_gives_stays_as_written(respell, text, plain):
    # Session 48's visitor tester: "my name is Joan Reilly ..." read as "Joan really" got the
    # emergency guidance. The same word elsewhere is still put right.
    assert respell(text) == plain
