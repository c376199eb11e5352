"""The passage classifier (assistant/passage_classifier.py): what staff's example questions teach
it, what it says of a passage nobody taught, and that a kept fit is the fit itself. How much it
helps visitors is measured on the question sets (tests/integration/test_library_answers.py)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import assistant.passage_classifier as passage_classifier
from assistant.embeddings import default_embedder
from assistant.passage_classifier import PassageClassifier

# Made-up examples for three passages, and a fourth passage nobody taught.
EXAMPLES = [
    ["my legs won't stay still at night", "I have to keep moving my legs in bed", "restless legs at bedtime",
     "an urge to move my legs when I lie down", "why do my legs feel jumpy in the evening"],
    ["my husband snores and stops breathing", "I wake up gasping for air", "is loud snoring a problem",
     "do pauses in breathing during sleep matter", "I choke in my sleep"],
    ["how can I sleep better", "tips for a good night's sleep", "should I stop screens before bed",
     "is a regular bedtime important", "what helps me fall asleep"],
    [],
]
ELSEWHERE = ["how much does a visit cost", "is melatonin safe for children", "can I drive after a sleep study"]


@pytest.fixture(scope="module")
def classifier(tmp_path_factory):
    return PassageClassifier(default_embedder(), EXAMPLES, ELSEWHERE, cache_dir=tmp_path_factory.mktemp("fits"))


def test_a_question_in_other_words_is_most_like_its_passages_examples(classifier):
    for question, passage in [("my legs keep twitching and moving when I'm in bed", 0),
                              ("he snores then goes silent and gasps", 1),
                              ("any advice to sleep better, I stare at my phone in bed", 2)]:
        probabilities = classifier.probabilities(question)
        assert int(np.argmax(probabilities)) == passage, (question, probabilities)


def test_a_passage_nobody_taught_gets_nothing_and_the_rest_is_elsewhere(classifier):
    probabilities = classifier.probabilities("how much does an appointment cost")
    assert probabilities[3] == 0.0
    assert probabilities.sum() < 0.5  # most of it is the "elsewhere" class's
    assert probabilities.shape == (4,) and (probabilities >= 0).all()
    assert not classifier.probabilities("   ").any()


def test_probabilities_are_scikit_learns_own(tmp_path):
    kept = PassageClassifier(default_embedder(), EXAMPLES, ELSEWHERE, cache_dir=tmp_path)
    (path,) = tmp_path.glob("*.pickle")
    words, chars, model = pickle.loads(path.read_bytes())
    from scipy.sparse import csr_matrix, hstack

    for text in ["restless legs", "snoring and gasping at night", "what does it cost", "random words here"]:
        features = hstack([csr_matrix(default_embedder().embed([text])), words.transform([text]),
                           chars.transform([text])]).tocsr()
        expected = dict(zip(model.classes_.tolist(), model.predict_proba(features)[0], strict=True))
        assert kept.probabilities(text)[:3] == pytest.approx([expected[0], expected[1], expected[2]], abs=1e-6)


def test_a_kept_fit_is_read_back_instead_of_fitting_again(tmp_path, monkeypatch):
    first = PassageClassifier(default_embedder(), EXAMPLES, ELSEWHERE, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.pickle"))) == 1

    def no_fit(*_args):
        raise AssertionError("fitted again although the examples did not change")

    monkeypatch.setattr(passage_classifier, "_fit", no_fit)
    again = PassageClassifier(default_embedder(), EXAMPLES, ELSEWHERE, cache_dir=tmp_path)
    question = "legs jumping about at night"
    assert np.array_equal(again.probabilities(question), first.probabilities(question))
    # Edited examples are fitted afresh.
    with pytest.raises(AssertionError, match="fitted again"):
        PassageClassifier(default_embedder(), [*EXAMPLES[:3], ["a new example"]], ELSEWHERE, cache_dir=tmp_path)


def test_with_too_few_kinds_to_learn_from_it_gives_no_opinion(tmp_path):
    lone = PassageClassifier(default_embedder(), [EXAMPLES[0], []], [], cache_dir=tmp_path)
    assert not lone.probabilities("restless legs at night").any()


def test_meanwhile_the_serving_classifier_answers_by_passage_id_until_the_fit_is_done(tmp_path):
    """A library saved while the assistant runs: a new passage first in the index (a new
    article), one taught passage gone. Until ``finish_fitting`` the serving classifier answers for
    the passages both have; then the new fit, the one a fresh start would make."""
    serving = PassageClassifier(default_embedder(), EXAMPLES, ELSEWHERE, cache_dir=tmp_path,
                                passage_ids=["legs", "snoring", "tips", "untaught"])
    examples = [[], EXAMPLES[0], EXAMPLES[2], []]  # "snoring" left the library
    ids = ["new", "legs", "tips", "untaught"]
    new_sentences = ["Fibromyalgia is widespread pain with poor sleep."]
    saved = PassageClassifier(default_embedder(), examples, [*ELSEWHERE, *new_sentences], cache_dir=tmp_path,
                              passage_ids=ids, meanwhile=serving)
    assert saved.fitting_left
    question = "my legs won't stop twitching in bed"
    before = serving.probabilities(question)
    assert saved.probabilities(question).tolist() == [0.0, before[0], before[2], 0.0]
    saved.finish_fitting()
    assert not saved.fitting_left
    fresh = PassageClassifier(default_embedder(), examples, [*ELSEWHERE, *new_sentences], cache_dir=None,
                              passage_ids=ids)
    assert saved.probabilities(question) == pytest.approx(fresh.probabilities(question), abs=1e-9)
    assert int(np.argmax(saved.probabilities(question))) == 1
    # The fit is kept: the next start reads it with no classifier to wait for.
    again = PassageClassifier(default_embedder(), examples, [*ELSEWHERE, *new_sentences], cache_dir=tmp_path,
                              passage_ids=ids, meanwhile=serving)
    assert not again.fitting_left
