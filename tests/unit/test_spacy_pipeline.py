"""The project's spaCy pipeline reads a word as a phone capitalises it as it reads it in lower case."""

import pytest
import spacy

from assistant.paths import SPACY_PIPELINE_DIR


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(SPACY_PIPELINE_DIR)


@pytest.mark.parametrize("word", ["hi", "ok", "nope", "does", "legs", "running", "thanks"])
def test_a_capitalised_word_has_the_lemma_of_the_word_in_lower_case(nlp, word):
    # Found by an exploratory tester: "Hi" (lemma "Hi") was "not understood" while "hi" (lemma
    # "hello") was greeted; phones capitalise a message's first letter.
    lower = nlp(word)[0].lemma_
    assert nlp(word.capitalize())[0].lemma_ == lower
    assert nlp(word.upper())[0].lemma_ == lower
