"""What visitors get from the whole library, end to end (NLU + retrieval + action, over REST),
measured on question sets nobody tuned against, and what happens when staff add an article
while the assistant runs.

Figures are printed (`make test` shows them); misses of the blind set are not (read them by
kind with scripts/evaluate_library.py --show-misses for a closing note, never tune on one).
Issue 13's bars: blind set >= 95% right passage and >= 95% honest no; test article >= 90%
and 5 of 5. Not met yet: the floors below are the measured figures less a tolerance (3
answerable, 2 not answerable; 2 and 1 on the small test article), because two trainings of the
NLU model differ by a question or two; they are held so that nothing slips back while the work
goes on. The blind set is library_blind7.yml (written blind on 2026-12-02 in session 12, frozen
before any change of that session, measured before and after it), with a third test article
nobody tuned on (tests/fixtures/library_blind2/: jaw pain, teeth grinding and sleep, 25 questions it
answers and 5 it does not, by the article's writer), and since session 17 a fourth and a fifth
(tests/fixtures/library_blind3/ and library_blind4/: sciatica and frozen shoulder, 30 and 6 each).
library_blind6.yml and the carpal tunnel article (tests/fixtures/library_blind/), session 11's, are
development sets since session 12.
library_blind5.yml (session 8's, measured before and after
round 15) is a development set since session 11; library_blind4.yml (round 14's, measured around rounds 14 and 15) is a
development set from round 16 on. library_blind3.yml (round 12's blind set) is a development set
since round 14, library_blind2.yml (round 11's) since round 12 and
library_blind.yml (the blind set of the earlier rounds) since round 11: their misses were read
by kind.
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path

import pytest

from assistant.evaluation import Report, evaluate, load_questions, said_no_answer, sent_passages
from tests.integration.conftest import FIGURES
from tests.integration.servers import MODEL, ROOT, Servers, library_copy

DATA = ROOT / "tests" / "data"
FIXTURE_ARTICLE = ROOT / "tests" / "fixtures" / "library" / "fibromyalgia-and-sleep.md"
FIXTURE_QUESTIONS = ROOT / "tests" / "fixtures" / "library" / "fibromyalgia-questions.yml"
RELOAD_LIMIT_S = 10

# (right passage, honest no), each a count of that part of the set.
# tests/data/library_blind.yml: the blind set of rounds up to 10, a development set since round 11.
# Measured after round 11: 112 of 138, 40 of 45 (before it: 101 and 34); after round 12: 111 and 42;
# with its examples counted by the best one again (round 12's mean of the 3 best taken back, 2026-12-01): 111 and 36;
# round 14: 112 and 40, then 113 and 40. Floors for development sets: measured less 3 and 2, as for
# the blind set, since CI trains its own model on a clean clone.
BLIND_FLOOR = (110, 38)
# tests/data/library_blind3.yml, round 12's blind set, measured twice through the servers: before
# rounds 12 and 13 (at 82a428e) 109 of 162 answerable, 44 of 59 not answerable; after them 107 and 45;
# after round 12's top-3 example scoring was taken back (it sent "how does pain affect sleep?" to the
# wrong passage; a decision on that REST test, not on this set): 117 and 40. A development set since round 14
# (its misses read by kind): 119 and 45 after round 14's first commit, 120 and 45 after its second, 120 and 48
# after its third; round 15 (questions asking for a number, knowledge/number_questions.yml): 120 and 51.
BLIND3_DEVELOPMENT_FLOOR = (117, 49)
# tests/data/library_blind4.yml, round 14's blind set (written blind on 2026-12-02 while round 14
# worked), measured twice through the servers: before round 14 (at d3a6ced) 119 of 171 answerable,
# 32 of 59 not answerable; after it 122 and 33. Round 15 (questions asking for a number, 2026-12-02),
# before it 122 and 33, after it 122 and 37. A development set from round 16 on.
BLIND4_FLOOR = (119, 35)
# tests/data/library_blind6.yml, written blind on 2026-12-02 (session 11) and frozen before any
# change of that session: before it (at 5430d93) 142 of 181 answerable, 36 of 49 not answerable;
# after its red-flag round 12 and the follow-up guard, 145 and 36; after all of it (make test at
# 542be9b), 145 and 36: 80.1% and 73.5%, against bars of 95%. Its misses are not read while
# developing. Floor: measured less 3 and 2, as for the earlier blind sets.
BLIND6_FLOOR = (142, 34)
# tests/data/library_blind7.yml, written blind on 2026-12-02 (session 12) and frozen before any
# change of that session: before it (at 5d4ee33) 148 of 200 answerable, 39 of 50 not answerable;
# after its red-flag round 13 (no retrieval change), 148 and 39: 74.0% and 78.0%, against bars of
# 95%. Session 13 (remedies no article names get the honest no): 147 and 40. Session 17 (a
# follow-up question is not a question about the chat): 148 and 40. Session 18 (a passage
# classifier learnt from the example questions): 160 and 40 (80.0%, 80.0%). Its misses are not
# read while developing. Floor: measured less 3 and 2.
BLIND7_FLOOR = (157, 38)
# tests/data/library_conversations_blind.yml, two-message conversations (the second question judged:
# 95 on another subject than the first, 40 follow-ups, 15 unanswerable), written blind on 2026-12-03
# (session 19) after the first form of its change (a question of its own is not read as a
# follow-up) and frozen before it was first measured. Before the change 107 of 135 and 10 of 15
# (another subject 75/95, follow-ups 32/40); the first form 119 and 10 (88/95, 31/40); the form
# kept, chosen on the development sets (a follow-up must point back), 118 and 11 (88/95, 30/40).
# Its misses are not read while developing. Floor: measured less 3 and 2.
CONVERSATIONS_FLOOR = (115, 9)
# tests/data/library_blind5.yml, written blind on 2026-12-02 (session 8): before round 15 (at
# 7da9361) 138 of 182 answerable, 30 of 58 not answerable; after it 138 and 35. A development set
# since session 11 (its questions count as near misses in scripts/tune_red_flags.py).
BLIND5_FLOOR = (135, 33)
# tests/fixtures/library_blind/: a second test article (carpal tunnel syndrome), written blind on
# 2026-12-02 with its questions by a writer who saw only the fixture's format; frozen before any
# change of session 11. Added with no other change: before (at 5430d93) 7 of 25, 2 of 5; after
# session 11's red-flag round 6 and 2; after all of it (make test at 542be9b) 6 and 2: 24% against
# a bar of 90%. The untaught path stays far below the taught one. Floor: measured less 2 and 1.
# A development article since session 12 (its questions count as near misses in
# scripts/tune_red_flags.py); not served by these tests any more.
# tests/fixtures/library_blind2/: a third test article (jaw pain, teeth grinding and sleep), written
# blind on 2026-12-02 with its questions by a writer who saw only the fixture's format; frozen
# before any change of session 12. Added with no other change: before (at 5d4ee33) 2 of 25, 5 of 5;
# after session 12's red-flag round, the same: 8% against a bar of 90%. Session 13 (a title's own
# words name its subject: the article was held down on every question that did not say "teeth
# grinding"): 9 of 25, 3 of 5, in-process and through the servers; 36% against 90%, and two of the
# five it does not answer now get one of its passages. Then, with remedies no article names listed in
# knowledge/terms.yml (a question about one gets the honest no): 9 of 25, 4 of 5 through the servers.
# Floor: measured less 1 and 1.
BLIND_ARTICLE = ROOT / "tests" / "fixtures" / "library_blind2"
BLIND_ARTICLE_FLOOR = (8, 3)
SCIATICA_FLOOR = (4, 2)  # measured 6 of 30, 3 of 6 (see BLIND_ARTICLES)
FROZEN_SHOULDER_FLOOR = (14, 1)  # measured 16 of 30, 2 of 6 (session 18; 13 before)
# tests/data/library_blind2.yml, round 11's blind set (86 and 31 before round 11, 92 and 33 after it),
# a development set since round 12 (its misses read by kind): 97 and 33 after round 12; 96 and 31 with
# the top-3 example scoring taken back; round 14: 99 and 35, then 101 and 35, then 102 and 36; round 15:
# 102 and 41.
BLIND2_DEVELOPMENT_FLOOR = (99, 39)
# The test article: 16 of 25, 5 of 5 before round 11; after it 15 and 4; rounds 12, 13: 16, 15 and 4;
# session 10 (red-flag rounds 10 and 11, each with a freshly trained DIET): 15, then 14 and 4, the
# same 3 of its 30 questions alarmed throughout (the floor: measured less 2 and 1, as documented);
# session 11 (red-flag round 12, the follow-up guard, body parts for untaught passages): 16 and 5.
FIXTURE_FLOOR = (14, 4)
OWN_CASES_FLOOR = (76, 22)  # tests/data/answer_cases.yml: measured 77 of 81, 24 of 24; round 14: 78 and 23
# tests/fixtures/library_dev/: two development articles nobody taught (osteoarthritis, plantar fasciitis),
# 25 answerable and 5 unanswerable questions each (not blind). Round 13: 20 of 50, 3 of 10 before it;
# 23 and 4, 20 and 4, 23 and 4 after it (three runs through the servers; the red-flag work in progress
# in the shared tree sent 7, 13 and 5 of them an alert or the screening question, hence the tolerance).
DEV_ARTICLES = ROOT / "tests" / "fixtures" / "library_dev"
DEV_ARTICLES_FLOOR = (18, 3)


def check(report: Report, floor: tuple[int, int], name: str) -> None:
    FIGURES.append(f"{name}: " + " | ".join(report.summary().splitlines()[:2]))
    print(f"\n== {name}\n{report.summary()}")
    right, _ = report.share(True)
    honest, _ = report.share(False)
    assert right >= floor[0] and honest >= floor[1], report.summary()


def test_blind_visitor_questions_on_the_current_article(servers):
    check(evaluate(load_questions(DATA / "library_blind7.yml"), servers.say), BLIND7_FLOOR, "blind set")


def test_blind_second_questions_of_a_conversation(servers):
    check(evaluate(load_questions(DATA / "library_conversations_blind.yml"), servers.say), CONVERSATIONS_FLOOR,
          "blind two-message conversations")


def test_session_11s_blind_set_as_a_development_set(servers):
    check(evaluate(load_questions(DATA / "library_blind6.yml"), servers.say), BLIND6_FLOOR,
          "session 11's blind set, a development set since session 12")


def test_session_8s_blind_set_as_a_development_set(servers):
    check(evaluate(load_questions(DATA / "library_blind5.yml"), servers.say), BLIND5_FLOOR,
          "session 8's blind set, a development set since session 11")


def test_round_14s_blind_set(servers):
    check(evaluate(load_questions(DATA / "library_blind4.yml"), servers.say), BLIND4_FLOOR,
          "round 14's blind set (measured around round 15 too), a development set from round 16")


def test_round_12s_blind_set_as_a_development_set(servers):
    check(evaluate(load_questions(DATA / "library_blind3.yml"), servers.say), BLIND3_DEVELOPMENT_FLOOR,
          "round 12's blind set, a development set since round 14")


def test_round_11s_blind_set_as_a_development_set(servers):
    check(evaluate(load_questions(DATA / "library_blind2.yml"), servers.say), BLIND2_DEVELOPMENT_FLOOR,
          "round 11's blind set, a development set since round 12")


def test_the_earlier_blind_set_now_a_development_set(servers):
    check(evaluate(load_questions(DATA / "library_blind.yml"), servers.say), BLIND_FLOOR, "earlier blind set")


def test_the_projects_own_answer_cases(servers):
    check(evaluate(load_questions(DATA / "answer_cases.yml"), servers.say), OWN_CASES_FLOOR, "own answer cases")


def test_a_question_asking_for_a_number_the_article_never_gives_gets_the_honest_no(servers):
    replies = servers.say("how-long", "how long does cbt-i take to work?")
    kinds = [r.get("custom", {}).get("kind") for r in replies]
    assert kinds[0] == "no_answer" and replies[0]["custom"]["reason"] == "asks_for_a_number"
    assert "answer" not in kinds and "booking" in kinds
    # The same subject, no number asked: the passage.
    assert "answer" in [r.get("custom", {}).get("kind") for r in servers.say("what-is", "what is cbt-i?")]


def test_a_passage_button_sends_that_passage_through_rasa(servers):
    from assistant.knowledge import build_index
    from assistant.replies import passage_button

    passage = build_index().passages[-1]
    replies = servers.say(f"button-{uuid.uuid4().hex[:8]}", passage_button(passage)["payload"])
    assert sent_passages(replies) == [passage.id]


def servers_over_a_copy(tmp_path_factory, name: str, add_articles: Path | None = None) -> tuple[Servers, Path]:
    """Started servers over a copy of the library (with ``add_articles``' articles, nothing else
    changed), and the copy's articles folder."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it first)")
    workdir = tmp_path_factory.mktemp(name)
    knowledge = library_copy(workdir, add_articles)
    return Servers(workdir, extra_env={"KNOWLEDGE_DIR": str(knowledge)}).start(), knowledge / "articles"


@pytest.fixture(scope="module")
def growing(tmp_path_factory):
    """Servers over a copy of the library, which the tests add an article to."""
    running, articles = servers_over_a_copy(tmp_path_factory, "growing")
    yield running, articles
    running.stop()


def fibromyalgia_answer(servers: Servers, sender: str) -> list[str]:
    return sent_passages(servers.say(sender, "what is fibromyalgia and how does it affect sleep?"))


def add_fixture_article(servers: Servers, articles: Path) -> float:
    """Save the test article into the served library; seconds until a question is answered from it."""
    shutil.copy(FIXTURE_ARTICLE, articles / FIXTURE_ARTICLE.name)
    saved = time.monotonic()
    while time.monotonic() - saved < RELOAD_LIMIT_S + 5:
        if any(p.startswith("fibromyalgia-and-sleep/") for p in fibromyalgia_answer(servers, "reload-probe")):
            return time.monotonic() - saved
        time.sleep(0.5)
    raise AssertionError(f"the new article was not answered within {RELOAD_LIMIT_S + 5} s:\n{servers.log('actions')}")


def test_an_article_saved_while_running_is_answered_within_10_s_in_the_same_conversation(growing):
    servers, articles = growing
    if (articles / FIXTURE_ARTICLE.name).exists():
        (articles / FIXTURE_ARTICLE.name).unlink()
        time.sleep(3)
    sender = f"growing-{uuid.uuid4().hex[:8]}"
    before = servers.say(sender, "what is fibromyalgia and how does it affect sleep?")
    assert said_no_answer(before) and not sent_passages(before)
    assert "fibromyalgia" in before[0]["text"]  # the honest no names the condition
    seconds = add_fixture_article(servers, articles)
    FIGURES.append(f"new article answered {seconds:.1f} s after it was saved (limit {RELOAD_LIMIT_S} s)")
    assert seconds <= RELOAD_LIMIT_S
    # The same conversation goes on, now answered from the new article, with its citation.
    after = servers.say(sender, "what is fibromyalgia and how does it affect sleep?")
    assert sent_passages(after)[0].startswith("fibromyalgia-and-sleep/")
    citations = [m["text"] for m in after if m.get("custom", {}).get("kind") == "citation"]
    assert citations and "Fibromyalgia and Sleep: What Patients Should Know" in citations[0]


def test_a_bad_article_is_refused_and_the_last_good_library_keeps_answering(growing):
    servers, articles = growing
    if not (articles / FIXTURE_ARTICLE.name).exists():
        add_fixture_article(servers, articles)
    broken = articles / "broken-draft.md"
    broken.write_text("---\ntitle: A draft\nslug: broken-draft\n---\n\nNo reviewer yet.\n", encoding="utf-8")
    try:
        deadline = time.monotonic() + RELOAD_LIMIT_S
        while "broken-draft.md" not in servers.log("actions") and time.monotonic() < deadline:
            time.sleep(0.5)
        log = servers.log("actions")
        assert "broken-draft.md:" in log and "last good one keeps serving" in log
        answered = fibromyalgia_answer(servers, f"after-bad-{uuid.uuid4().hex[:8]}")
        assert answered and answered[0].startswith("fibromyalgia-and-sleep/")
    finally:
        broken.unlink()


def test_questions_on_an_added_article_are_answered_with_no_other_change(growing):
    servers, articles = growing
    if not (articles / FIXTURE_ARTICLE.name).exists():
        add_fixture_article(servers, articles)
    check(evaluate(load_questions(FIXTURE_QUESTIONS), servers.say), FIXTURE_FLOOR, "test article")


@pytest.fixture(scope="module")
def with_dev_articles(tmp_path_factory):
    """Servers over a copy of the library with the two development articles added, nothing else."""
    running, _ = servers_over_a_copy(tmp_path_factory, "dev-articles", DEV_ARTICLES)
    yield running
    running.stop()


def test_two_untaught_development_articles_are_answered_with_no_other_change(with_dev_articles):
    check(evaluate(load_questions(DEV_ARTICLES / "dev-article-questions.yml"), with_dev_articles.say),
          DEV_ARTICLES_FLOOR, "development articles (untaught)")


# Blind test articles: (folder, questions file, floor, name). Each is added alone to a copy of
# the library, with no other change.
BLIND_ARTICLES = {
    "jaw": (BLIND_ARTICLE, "tmd-bruxism-questions.yml", BLIND_ARTICLE_FLOOR, "third test article (blind)"),
    # tests/fixtures/library_blind3/ and library_blind4/: sciatica (18 passages) and frozen shoulder
    # (21 passages), 30 questions each article answers and 6 it does not, written blind on
    # 2026-12-03 (session 17) with their questions by a writer who saw only the fixture's format and
    # a description of the visitors; frozen (93ae793) before they were first measured. Counts only.
    # Measured at 93ae793, in-process and through the servers alike: sciatica 6 of 30, 3 of 6 (20%
    # against a bar of 90%), frozen shoulder 13 of 30, 2 of 6 (43%); the same after session 17's
    # guard change (CI of 5684f9a). Session 18 (a title's own words name the subject of an article
    # whose condition terms.yml does not list, as "frozen shoulder" is not), in-process: frozen
    # shoulder 16 of 30, 2 of 6; jaw and sciatica unchanged. Floor: measured less 2 and 1.
    "sciatica": (ROOT / "tests" / "fixtures" / "library_blind3", "sciatica-questions.yml", SCIATICA_FLOOR,
                 "fourth test article (blind): sciatica"),
    "frozen shoulder": (ROOT / "tests" / "fixtures" / "library_blind4", "frozen-shoulder-questions.yml",
                        FROZEN_SHOULDER_FLOOR, "fifth test article (blind): frozen shoulder"),
}


@pytest.fixture(scope="module", params=list(BLIND_ARTICLES))
def with_blind_article(request, tmp_path_factory):
    """Servers over a copy of the library with one blind test article added, nothing else."""
    folder, questions, floor, name = BLIND_ARTICLES[request.param]
    running, _ = servers_over_a_copy(tmp_path_factory, f"blind-{request.param.replace(' ', '-')}", folder)
    yield running, folder / questions, floor, name
    running.stop()


def test_a_test_article_nobody_tuned_on_is_answered_with_no_other_change(with_blind_article):
    servers, questions, floor, name = with_blind_article
    check(evaluate(load_questions(questions), servers.say), floor, name)
