"""Tune retrieval's weights on the development set, in-process (no servers), and print the figures.

    .venv/bin/python scripts/tune_library.py [--search N] [--show-misses] [--without-hints]
                                             [--add-articles DIR] [--after-another] [SET ...]

The NLU's parse of each question comes from the trained model (cached in
results/library_parses.json for this model); each intent goes where data/rules/ sends it
(the answer action, or a safety, refusal or greeting action). Default set: the development
set, tests/data/library_dev.yml; the others are tests/data/library_dev2.yml and, since round 11,
tests/data/library_blind.yml (the earlier rounds' blind set). --search N runs N rounds of a coordinate search from the
current weights (assistant.retrieval.Weights) and prints the best few: copy one into Weights by
hand. --without-hints serves the library without its topics and example questions, as an
article staff have just added is served: a development proxy for the test article
(tests/fixtures/library), whose questions are held out. --add-articles DIR serves a copy of the
library with DIR's articles added: for a stand-in article of your own and its question set
(e.g. one about a condition knowledge/terms.yml lists, to see how an article about one condition
is answered), never the held-out fixture. Never tune on, open or load the blind set
(tests/data/library_blind3.yml): it is measured once through the servers with
scripts/evaluate_library.py. --after-another also asks each question that is not a follow-up
right after another question of the sets that another passage answers, as the second question of
a conversation (the sets ask each alone): how many of those still get a right passage, or the
honest no.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.answering import (  # noqa: E402
    answer_in_booking,
    answer_in_greeting,
    answer_read_as_chat,
    booking_replies,
    read_as_chat,
    respond_to_medicine_question,
    respond_to_question,
)
from assistant.clinic import load_clinic  # noqa: E402
from assistant.evaluation import Question, Report, judge, load_questions  # noqa: E402
from assistant.knowledge import build_index  # noqa: E402
from assistant.names import CONVERSATIONAL_INTENTS, OPENING_INTENTS, Entity, Intent  # noqa: E402
from assistant.retrieval import Weights  # noqa: E402

MODEL = ROOT / "models" / "current.tar.gz"
CACHE = ROOT / "results" / "library_parses.json"
SAFETY = {Intent.REPORT_EMERGENCY: "alert", Intent.REPORT_CRISIS: "alert", Intent.REPORT_POSSIBLE_CRISIS: "screening"}
CONVERSATION = CONVERSATIONAL_INTENTS | {Intent.ASK_CAPABILITIES, Intent.OTHER_LANGUAGE}
SLOT_ENTITIES = (Entity.DISORDER, Entity.TREATMENT)


# What a parse depends on besides the trained model: the pipeline's own components and the
# red-flag files they read at start (a changed guard or rule parses the same text differently).
PARSE_INPUTS = ("components/*.py", "assistant/red_flags.py", "assistant/red_flag_meaning.py",
                "knowledge/red_flags.yml", "knowledge/red_flag_meanings/*.yml",
                "knowledge/chat_words.yml")  # the language guard's English words too


def parses(texts: set[str]) -> dict[str, dict]:
    digest = hashlib.sha256(MODEL.read_bytes())
    for pattern in PARSE_INPUTS:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    key = digest.hexdigest()[:16]
    cache = json.loads(CACHE.read_text()) if CACHE.exists() else {}
    if cache.get("model") != key or any("confidence" not in parse for parse in cache.get("parses", {}).values()):
        cache = {"model": key, "parses": {}}
    missing = sorted(texts - set(cache["parses"]))
    if missing:
        from rasa.core.agent import Agent

        agent = Agent.load(str(MODEL))

        async def parse_all() -> None:
            for text in missing:
                parsed = await agent.parse_message(text)
                cache["parses"][text] = {
                    "intent": parsed["intent"]["name"],
                    "confidence": float(parsed["intent"].get("confidence") or 0.0),
                    "ranking": [r["name"] for r in parsed.get("intent_ranking") or []],
                    "entities": [(e["entity"], e["value"]) for e in parsed.get("entities") or []],
                }

        asyncio.run(parse_all())
        CACHE.parent.mkdir(exist_ok=True)
        CACHE.write_text(json.dumps(cache))
    return cache["parses"]


def replies_to(index, clinic, parsed: dict, text: str, context: list[str], previous: str) -> list[dict]:
    intent = parsed["intent"]
    if intent in SAFETY:
        return [{"text": "", "custom": {"kind": SAFETY[intent]}}]
    if intent == "ask_medication":
        # As action_refuse_dosing: an unsure medicine question that speaks of none is answered.
        return respond_to_medicine_question(index, clinic, text, parsed["entities"], context, previous,
                                            parsed["confidence"])
    if read_as_chat(index, intent, text):
        answered = answer_read_as_chat(index, clinic, text, context, previous)
        if answered:
            return answered
    if intent == Intent.BOOK_CONSULTATION:
        # As action_offer_booking: a health question read as one answered, else the offer, or the
        # honest no for a detail it does not answer.
        return answer_in_booking(index, clinic, text, context, previous) or booking_replies(index, clinic, text)
    if intent in OPENING_INTENTS:
        answered = answer_in_greeting(index, clinic, text, context, previous)
        if answered:
            return answered
    if intent in CONVERSATION:
        return [{"text": "", "custom": {"kind": "info"}}]
    return respond_to_question(index, clinic, text, intent, parsed["entities"], context, parsed["ranking"], previous)


def run(index, clinic, questions: list[Question], parsed: dict[str, dict]) -> Report:
    report = Report()
    for q in questions:
        context: list[str] = []
        if q.context:
            context = [str(v) for e, v in parsed[q.context]["entities"] if e in SLOT_ENTITIES]
        replies = replies_to(index, clinic, parsed[q.text], q.text, context, q.context)
        report.results.append(judge(q, replies))
    return report


def after_another(index, clinic, questions: list[Question], parsed: dict[str, dict]) -> str:
    """Each question that is not a follow-up, asked alone and right after another question whose
    answers differ from its own (chosen at random, the same every run)."""
    rng = random.Random(0)
    answerable = [q for q in questions if q.answerable and not q.context]
    if not answerable:
        return "after another question: no answerable question to ask first"
    right = {False: [0, 0], True: [0, 0]}  # asked after another: [alone, after]
    for q in (q for q in questions if not q.context):
        earlier = rng.choice([p for p in answerable if not set(p.answers) & set(q.answers)] or answerable)
        context = [str(v) for e, v in parsed[earlier.text]["entities"] if e in SLOT_ENTITIES]
        counts = right[q.answerable]
        counts[0] += judge(q, replies_to(index, clinic, parsed[q.text], q.text, [], "")).right
        counts[1] += judge(q, replies_to(index, clinic, parsed[q.text], q.text, context, earlier.text)).right
    (a0, a1), (h0, h1) = right[True], right[False]
    return (f"after another question: right passage {a1} (alone {a0}) of {sum(not q.context for q in answerable)};"
            f" honest no {h1} (alone {h0}) of {sum(1 for q in questions if not q.answerable and not q.context)}")


def figure(report: Report) -> float:
    right, total = report.share(True)
    honest, unanswerable = report.share(False)
    return right / total + honest / unanswerable


def coordinate_search(index, clinic, questions, parsed, rounds: int) -> list[tuple[float, Weights]]:
    """Each weight in turn over a range of multiples of its value, keeping the best; a few rounds."""
    best = index.weights
    best_score = figure(run(index, clinic, questions, parsed))
    history = [(best_score, best)]
    for _ in range(rounds):
        for f in dataclasses.fields(best):
            value = getattr(best, f.name)
            if not isinstance(value, float):
                continue
            # The threshold decides most: a fine grid for it, coarse steps for the rest.
            coarse = (0.0, 0.5, 0.7, 0.85, 1.15, 1.4, 2.0)
            factors = [0.8 + 0.025 * i for i in range(17)] if f.name == "threshold" else coarse
            for factor in factors:
                candidate = dataclasses.replace(best, **{f.name: round(value * factor, 3)})
                index.weights = candidate
                score = figure(run(index, clinic, questions, parsed))
                if score > best_score + 1e-9:
                    best, best_score = candidate, score
                    history.append((score, candidate))
    index.weights = best
    return sorted(history, key=lambda pair: -pair[0])[:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=[ROOT / "tests" / "data" / "library_dev.yml"])
    parser.add_argument("--search", type=int, default=0, help="rounds of coordinate search")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--add-articles", type=Path, help="serve a copy of the library with these articles added")
    parser.add_argument("--without-hints", action="store_true", help="no topics, no example questions")
    parser.add_argument("--after-another", action="store_true",
                        help="also ask each question right after another one (see above)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="try a weight other than assistant.retrieval.Weights' (repeatable)")
    args = parser.parse_args()
    if args.add_articles:
        import tempfile

        from tests.integration.servers import library_copy

        articles = library_copy(Path(tempfile.mkdtemp()), args.add_articles) / "articles"
    else:
        articles = None
    questions = [q for path in args.sets for q in load_questions(path)]
    parsed = parses({q.text for q in questions} | {q.context for q in questions if q.context})
    index, clinic = build_index(articles, hints=not args.without_hints), load_clinic()
    changes = {name: float(value) for name, value in (item.split("=", 1) for item in args.set)}
    index.weights = dataclasses.replace(index.weights, **changes)
    report = run(index, clinic, questions, parsed)
    print(report.summary())
    if args.show_misses:
        for r in report.results:
            if not r.right:
                print(f"  MISS {r.question.id} [{r.question.kind}] {r.question.text[:90]!r} -> {r.got}")
    if args.after_another:
        print(after_another(index, clinic, questions, parsed))
    if args.search:
        for score, weights in coordinate_search(index, clinic, questions, parsed, args.search):
            print(f"{score:.3f} {weights}")
        print(run(index, clinic, questions, parsed).summary())


if __name__ == "__main__":
    main()
