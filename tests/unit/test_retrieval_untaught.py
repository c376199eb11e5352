"""Articles nobody has taught (issue 13, round 13): a new article's passages, with no example
questions and no topics, answer in visitors' words, and are kept as honest as taught ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.logistics import LogisticsPhrases
from assistant.retrieval import Weights

DEV_ARTICLES = Path(__file__).parents[1] / "fixtures" / "library_dev"


@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The library with the two development articles added, as staff would drop them in."""
    from assistant.knowledge import build_index
    from tests.integration.servers import library_copy

    return build_index(library_copy(tmp_path_factory.mktemp("grown"), DEV_ARTICLES) / "articles")


def test_a_practical_phrase_inside_a_phrase_an_article_uses_is_that_articles_subject():
    phrases, library = LogisticsPhrases(["test for", "cost"]), LogisticsPhrases(["blood test"])
    assert phrases.found("is there a blood test for gout?") == "test for"
    assert phrases.found("is there a blood test for gout?", library) is None
    # Another practical phrase in the same question still counts.
    assert phrases.found("what does a blood test for gout cost?", library) == "cost"
    assert phrases.found("can I get a test for gout?", library) == "test for"


def test_overlapping_phrases_are_all_found():
    spans = LogisticsPhrases(["blood test", "test for"]).spans("a blood test for it")
    assert [phrase for _, _, phrase in spans] == ["blood test", "test for"]


def test_the_new_articles_passages_are_untaught(grown):
    untaught = {p.article.slug for p, taught in zip(grown.passages, grown._taught, strict=True) if not taught}
    assert untaught == {"osteoarthritis-and-sleep", "plantar-fasciitis-and-sleep"}


def test_a_blood_test_an_untaught_article_explains_is_answered_and_its_price_is_not(grown):
    answer = grown.answer("is there a blood test that shows osteoarthritis?", None, unsure=True)
    assert [p.id for p in answer.passages] == ["osteoarthritis-and-sleep/how-osteoarthritis-is-diagnosed"]
    assert grown.answer("how much does a blood test for osteoarthritis cost?", None, unsure=True).reason == "logistics"


def test_a_question_on_an_untaught_articles_subject_that_it_does_not_answer_gets_the_honest_no(grown):
    # The article names knee replacement; how long recovery takes it never says (not_answered.yml).
    answer = grown.answer("how long is the recovery after a knee replacement operation?", None, unsure=True)
    assert (answer.found, answer.reason) == (False, "not_answered")


def test_an_untaught_passage_still_wins_where_it_answers(grown):
    answer = grown.answer("does a night splint help heel pain in the morning?", None, unsure=True)
    assert [p.id for p in answer.passages] == ["plantar-fasciitis-and-sleep/self-care/night-splints"]


def test_the_untaught_margin_is_wider_than_the_taught_one():
    assert Weights().untaught_unanswered_margin > Weights().unanswered_margin


def test_where_it_hurts_meets_a_new_articles_passages_only(grown):
    # A taught passage is not chosen by the body part ("back, hip, or leg pain" in passing); a new
    # article's passage that speaks of the knee is met by "knees" (an article on a joint is about it).
    scores = grown.lexical_scores("my knees")
    taught = [score for score, is_taught in zip(scores, grown._taught, strict=True) if is_taught]
    on_knees = [score for passage, score, is_taught in zip(grown.passages, scores, grown._taught, strict=True)
                if not is_taught and "knee" in passage.text.lower()]
    assert on_knees and all(score > 0 for score in on_knees)
    assert not any(taught)


def test_a_question_on_how_to_lie_in_bed_finds_an_added_articles_passage_on_sleeping_positions(grown):
    # The osteoarthritis article (added by staff, untaught) has a passage on positions and pillows.
    answer = grown.answer("what's the best way to lie in bed with arthritis in my knees?")
    assert [p.id for p in answer.passages] == [
        "osteoarthritis-and-sleep/self-care-that-can-help/sleep-position-and-pillows"]


@pytest.mark.parametrize("question, passages", [
    # Each got the current article's passage on exercise or inflammation before (session 22).
    ("is stretching my calf enough or should I do more?", {"plantar-fasciitis-and-sleep/self-care/stretching"}),
    # Both passages of the article that speak of heel pain severe at night answer it.
    ("does inflammation in the foot get worse at night?", {"plantar-fasciitis-and-sleep/how-heel-pain-affects-sleep",
                                                          "plantar-fasciitis-and-sleep/when-to-see-a-clinician"}),
])
def test_a_word_only_one_article_uses_often_points_to_that_article(grown, question, passages):
    # "calf" and "foot" are in no title, but in a third of the plantar fasciitis article's passages
    # and in no other article's.
    sent = [p.id for p in grown.answer(question).passages]
    assert len(sent) == 1 and sent[0] in passages


def test_such_a_word_stays_in_the_question(grown):
    # "stiffness" points to the osteoarthritis article but is what is asked: the passage on it answers.
    assert [p.id for p in grown.answer("does stiffness in the mornings mean anything?").passages] == [
        "osteoarthritis-and-sleep/symptoms-to-recognise/stiffness-after-rest"]


@pytest.mark.parametrize("question, passage", [
    # "change" is in a third of the osteoarthritis article's passages and "stand" in the plantar
    # fasciitis article's, in no other article's: each took the current article's answer away
    # (the honest no) before session 43.
    ("What I must change in my bedroom for to sleep better?",
     "sleep-disorders-and-msk-pain/approaches-to-breaking-the-cycle/proper-sleep-hygiene"),
    ("Is it true that running short on sleep changes some chemical in your nerves that controls pain?",
     "sleep-disorders-and-msk-pain/how-poor-sleep-can-worsen-pain"),
])
def test_a_word_common_in_english_points_to_no_article(grown, question, passage):
    assert [p.id for p in grown.answer(question).passages] == [passage]


@pytest.mark.parametrize("word, article_word", [
    ("change", False), ("stand", False), ("foot", True), ("heel", True), ("calf", True), ("stiffness", True)])
def test_an_article_word_is_one_the_article_uses_far_more_than_english_does(grown, word, article_word):
    assert (word in grown._article_words) is article_word


def test_keyness_compares_an_articles_share_of_a_word_with_englishs():
    from collections import Counter

    from assistant.retrieval import keyness

    article = Counter({"heel": 10, "change": 10, "pain": 80})
    # The same share of the article: the word English uses less is the more telling one.
    assert keyness("heel", article) > keyness("change", article) > 0
    assert keyness("missing", article) == float("-inf")


def test_make_validate_names_a_listed_question_that_a_new_article_now_answers(grown):
    # Session 24's staff tester: an added article on pillows never answered "what pillow should I
    # buy?", as not_answered.yml listed it, and nothing said so.
    from assistant.logistics import NOT_ANSWERED_FILE
    from assistant.validate import listed_yet_answered

    warnings = listed_yet_answered(grown, NOT_ANSWERED_FILE)
    foot = next(w for w in warnings if "bottom of my foot hurt when I first stand up" in w)
    assert foot.startswith("knowledge/not_answered.yml:")
    assert "'plantar-fasciitis-and-sleep/" in foot and "take the line out" in foot
    # Only a passage nobody taught yet is named: the current article's were taught with the list.
    assert all("'sleep-disorders-and-msk-pain/" not in w for w in warnings)


def test_make_validate_names_no_listed_question_for_the_taught_library():
    from assistant.knowledge import build_index
    from assistant.logistics import NOT_ANSWERED_FILE
    from assistant.validate import listed_yet_answered

    assert listed_yet_answered(build_index(), NOT_ANSWERED_FILE) == []


@pytest.mark.parametrize("text, names", [
    ("is it true that typing on a computer all day gives you plantar fasciitis??", True),  # the article's title
    ("are you a computer? does cbt-i help?", True),  # a treatment terms.yml lists and an article covers
    ("is a doctor reading this?", False),
    ("are you a bot? my hip hurts", False),  # where it hurts is no condition
])
def test_what_a_message_names_that_the_library_covers(grown, text, names):
    # "Are you a bot?" is read as a health question only when it names one (see names.READ_AS_CHAT_WHEN_NAMED).
    assert grown.names_what_it_covers(text) is names


def test_a_section_a_little_longer_than_a_short_message_is_sent_whole(grown, clinic):
    """Session 44's visitor tester: sections of 740-910 characters lost their last sentence, "How Heel
    Pain Affects Sleep" the one that says heel pain at rest is a reason to get checked."""
    from assistant.replies import answer_messages

    passage = grown.passage("plantar-fasciitis-and-sleep/how-heel-pain-affects-sleep")
    assert 700 < len(passage.text)
    answer = grown.chosen(passage.id)
    (sent,) = [m["text"] for m in answer_messages(answer, clinic) if m["custom"]["kind"] == "answer"]
    assert sent == passage.text and "It is a reason to get checked" in sent


@pytest.mark.parametrize("question, says", [
    # The section on treatments a clinician may suggest is longer than a message: its opening speaks
    # of physiotherapy and devices, its later sentences of injections and surgery (session 43's
    # visitor tester never saw those).
    ("how long does a steroid injection for knee osteoarthritis last?", "A steroid injection into the joint"),
    ("is joint replacement surgery an option for osteoarthritis?", "Joint replacement or other surgery"),
    ("what treatments might a clinician suggest for osteoarthritis?", "When self-care alone is not enough"),
])
def test_a_long_passage_sends_the_run_of_its_sentences_that_answers(grown, clinic, question, says):
    from assistant.articles import MAX_PASSAGE_CHARS, sentences
    from assistant.replies import answer_messages

    answer = grown.answer(question)
    (passage,) = answer.passages
    assert passage.id == "osteoarthritis-and-sleep/treatments-a-clinician-may-suggest"
    (sent,) = [m["text"] for m in answer_messages(answer, clinic) if m["custom"]["kind"] == "answer"]
    assert says in sent and len(sent) <= MAX_PASSAGE_CHARS
    # Whole sentences of the passage, verbatim and in its order.
    own = [s for paragraph in passage.text.split("\n\n") for s in sentences(paragraph)]
    told = sentences(sent)
    start = own.index(told[0])
    assert own[start:start + len(told)] == told


@pytest.mark.parametrize(("question", "passage"), [
    # Session 45's visitor tester, the osteoarthritis article added: each got its introduction,
    # which names stiff knees, hips and sleep in passing.
    ("my knees are stiff every morning for like 20 min then ok. is that normal for arthritis?",
     "osteoarthritis-and-sleep/symptoms-to-recognise/stiffness-after-rest"),
    ("best way to sleep with hip arthritis?",
     "osteoarthritis-and-sleep/self-care-that-can-help/sleep-position-and-pillows"),
])
def test_a_new_articles_section_that_answers_ranks_above_its_introduction(grown, question, passage):
    assert [p.id for p in grown.answer(question, None, unsure=True).passages] == [passage]


@pytest.mark.parametrize("question", ["what does the osteoarthritis article cover?",
                                      # Only the introduction says so.
                                      "does poor sleep make osteoarthritis pain feel sharper the next day"])
def test_a_new_articles_introduction_still_answers_what_only_it_says(grown, question):
    answer = grown.answer(question, None, unsure=True)
    assert [p.id for p in answer.passages] == ["osteoarthritis-and-sleep/introduction"]


@pytest.mark.parametrize(("text", "refused"), [
    ("whats plantar fasciitis exactly", False),
    ("is ibuprofen ok for plantar fasciitis", True),  # a medicine named: the refusal stays
    ("how much naproxen should i take for plantar fasciitis", True),
])
def test_a_medicine_question_on_an_added_articles_subject_is_refused_only_when_it_speaks_of_a_medicine(
        grown, clinic, text, refused):
    # Session 48's second visitor tester: "whats plantar fasciitis exactly", which the NLU (never taught
    # the article's words) read as a medicine question, got "I can't advise on medicines" first.
    from assistant.answering import respond_to_medicine_question

    replies = respond_to_medicine_question(grown, clinic, text, confidence=0.95)
    assert (replies[0]["text"] == clinic.say("no_dosing")) is refused
    if not refused:
        assert replies[0]["custom"]["passages"] == ["plantar-fasciitis-and-sleep/what-is-plantar-fasciitis"]
