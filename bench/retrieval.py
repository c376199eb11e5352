"""Benchmark of the retrieval function alone: ``KnowledgeIndex.answer`` over synthetic libraries.

    .venv/bin/python bench/retrieval.py [--sizes 1,100,1000,10000] [--queries 400] [--profile]

For each library size it builds a ``KnowledgeIndex`` from synthetic articles and passages
(made-up medical-sounding text from a fixed seed, mixed with the real article's words and the
real vocabulary's synonyms, so the spaCy entity ruler and the topic prior fire as they do in
production), times the index build, then times ``answer`` on real visitor questions
(tests/data/retrieval_cases.yml, with the intent the NLU gives them).

Each size is timed four ways (µs per call):
  new question   ``answer`` on a wording not seen before (a trailing number the tokenizer drops
                 makes each call unique): what a visitor's question costs in production
  repeated       ``answer`` on the same 40 questions again and again: what a per-question cache,
                 if the index has one, makes of them
  spaCy pass     ``tokens`` on a new question: the fixed part, independent of the library
  scoring        ``lexical_scores`` on an already seen question: every passage's TF-IDF score
                 (the words part of every answer)
The library-dependent part of a cost is what it costs above the smallest library's; its growth
from the second largest to the largest size, as an exponent of the passage ratio, gives the
verdict (about 1: linear; well below 1: sub-linear). ``--profile`` adds a cProfile of ``answer``
at the largest size, which shows which lines carry that part.
Nothing here changes assistant/; it only measures it.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import io
import math
import os
import platform
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # spaCy's thinc imports TensorFlow when it is installed

import spacy  # noqa: E402
import yaml  # noqa: E402

from assistant.articles import Article, Passage, load_passages  # noqa: E402
from assistant.knowledge import build_index  # noqa: E402
from assistant.paths import SPACY_PIPELINE_DIR  # noqa: E402
from assistant.retrieval import KnowledgeIndex  # noqa: E402
from assistant.spacy_pipeline import build_pipeline  # noqa: E402
from assistant.terms import load_vocabulary  # noqa: E402
from assistant.topics import Topic, load_menu, load_topics  # noqa: E402

CASES_FILE = ROOT / "tests" / "data" / "retrieval_cases.yml"
PASSAGES_PER_ARTICLE = 12

# Pieces of made-up clinical words ("neurolaxitis", "myoferosis"): a vocabulary that grows with
# the library, as a real library's does.
_PREFIXES = ["neuro", "myo", "osteo", "arthro", "somno", "hypno", "fibro", "chondro", "spondy", "cervi",
             "lumbo", "thoraco", "dermo", "vaso", "cardio", "pneumo", "gastro", "hemo", "lipo", "teno",
             "synovo", "capsu", "radi", "noci", "algo", "proprio", "kine", "sclero", "pleo", "dyso"]
_ROOTS = ["lax", "fer", "trop", "plas", "stat", "cort", "gen", "lept", "morph", "path", "phren", "therm",
          "tens", "vert", "crin", "duct", "mel", "ton", "kin", "cyt", "glob", "fas", "lig", "sarc", "rhyt"]
_SUFFIXES = ["itis", "osis", "algia", "emia", "opathy", "ectomy", "oplasty", "ogenic", "otomy", "ia", "ine",
             "ase", "oid", "ic", "al"]
_TEMPLATES = [
    "{term} is often linked to {part} pain and may disturb {word} during the night.",
    "Patients with {word} frequently report {term}, especially when {part} discomfort persists.",
    "Research on {word} suggests that {treatment} can reduce {term} and improve {real} {real}.",
    "When {part} pain lingers, {word} and {word2} may lead to {real} {real} and daytime fatigue.",
    "A clinician may assess {word} with a sleep study before recommending {treatment}.",
    "Chronic {word} can heighten {real} sensitivity, which makes {term} harder to manage.",
    "{treatment} combined with {treatment2} may help people whose {part} pain causes {term}.",
    "Symptoms of {word} include {real} {real}, {word2} and poor {real} at night.",
    "In some studies, {word} was associated with lower {real} tolerance and more {term}.",
    "Gentle routines before bed, such as {treatment}, may ease {word} in the {part}.",
]


def made_up_words(rng: random.Random, count: int) -> list[str]:
    words = {rng.choice(_PREFIXES) + rng.choice(_ROOTS) + rng.choice(_SUFFIXES) for _ in range(count * 3)}
    return sorted(words)[:count]


def real_words() -> list[str]:
    text = " ".join(p.text for p in load_passages())
    return sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)})


def synthetic_library(size: int, vocabulary, seed: int) -> list[Passage]:
    """``size`` passages in articles of PASSAGES_PER_ARTICLE, from a fixed seed."""
    rng = random.Random(seed)
    synonyms = {kind: [s for t in vocabulary.terms if t.entity == kind for s in t.synonyms]
                for kind in ("disorder", "treatment", "body_part")}
    real = real_words()
    # Zipf-like use of the made-up words: a few common, most rare.
    invented = made_up_words(rng, max(200, min(6000, size // 2)))
    weights = [1 / (rank + 1) for rank in range(len(invented))]

    def word() -> str:
        return rng.choices(invented, weights)[0]

    def sentence() -> str:
        return rng.choice(_TEMPLATES).format(
            term=rng.choice(synonyms["disorder"]), part=rng.choice(synonyms["body_part"] or ["back"]),
            treatment=rng.choice(synonyms["treatment"]), treatment2=rng.choice(synonyms["treatment"]),
            word=word(), word2=word(), real=rng.choice(real),
        ).capitalize()

    passages: list[Passage] = []
    article = None
    for number in range(size):
        if number % PASSAGES_PER_ARTICLE == 0:
            slug = f"synthetic-{number // PASSAGES_PER_ARTICLE:05d}"
            article = Article(slug=slug, title=f"{word().capitalize()} and {rng.choice(synonyms['disorder'])}",
                              authors=("Synthetic Author",), editor=None, medical_reviewer="Synthetic Reviewer, MD",
                              reviewed_on=None, source_url=None, notice=None, path=f"synthetic/{slug}.md")
        section = f"{word().capitalize()} {rng.choice(['and sleep', 'and pain', 'treatment', 'symptoms'])}"
        paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(1, 3))]
        passages.append(Passage(f"{article.slug}/p{number:05d}", article, (section,), "\n\n".join(paragraphs), 1))
    return passages


def synthetic_topics(topics: list[Topic], passages: list[Passage]) -> list[Topic]:
    """The real topics (intents, terms, related), pointing at synthetic passages: as many topics
    and passages per topic as in production, whatever the library size."""
    ids = [p.id for p in passages]
    step = max(1, len(ids) // 97)
    cursor = 0
    moved: list[Topic] = []
    for topic in topics:
        chosen = []
        for _ in topic.passages:
            chosen.append(ids[cursor % len(ids)])
            cursor += step
        moved.append(dataclasses.replace(topic, passages=tuple(dict.fromkeys(chosen))))
    return moved


def load_queries() -> list[tuple[str, str | None]]:
    cases = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]
    return [(c["text"], c.get("intent")) for c in cases]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))]


def time_calls(function, arguments: list[tuple], repeat: int) -> list[float]:
    """Microseconds per call, cycling through ``arguments`` ``repeat`` times in all."""
    for args in arguments[:20]:  # warm-up
        function(*args)
    samples = []
    gc.collect()
    for i in range(repeat):
        args = arguments[i % len(arguments)]
        start = time.perf_counter_ns()
        function(*args)
        samples.append((time.perf_counter_ns() - start) / 1000)
    return samples


def unique_questions(queries, repeat: int, salt: str) -> list[tuple[str, str | None]]:
    """Each question made unique by a trailing number (not a word: the tokenizer drops it, so the
    answer is the same), as visitors' own wordings are: no cache can answer these from memory."""
    return [(f"{text} {salt}{i}", intent) for i, (text, intent) in enumerate(queries[i % len(queries)]
                                                                            for i in range(repeat))]


def measure(size: int, nlp, vocabulary, topics: list[Topic], queries, repeat: int, seed: int) -> dict:
    """Build an index of ``size`` synthetic passages (0: the production library) and time it."""
    gc.collect()
    if size:
        passages = synthetic_library(size, vocabulary, seed)
        moved = synthetic_topics(topics, passages)
        start = time.perf_counter()
        index = KnowledgeIndex(passages, moved, vocabulary, nlp, load_menu(moved))
    else:
        start = time.perf_counter()
        index = build_index()
    build_s = time.perf_counter() - start
    # The same 40 questions again and again: what a per-question cache (if any) makes of them.
    repeated = time_calls(lambda text, intent: index.answer(text, intent), queries, repeat)
    # Every question new, as in production.
    unique = time_calls(lambda text, intent: index.answer(text, intent),
                        unique_questions(queries, repeat + 5, f"{size}0"), repeat)
    # One spaCy pass over a new question (the part that does not depend on the library).
    tokenise = time_calls(lambda text, _intent: index.tokens(text),
                          unique_questions(queries, repeat + 5, f"{size}1"), repeat)
    # Every passage's word score for an already analysed question.
    score = time_calls(lambda text, _intent: index.lexical_scores(text), queries, repeat)
    found = sum(index.answer(text, intent).found for text, intent in queries)
    return {"size": size, "build_s": build_s, "repeated": repeated, "unique": unique, "tokenise": tokenise,
            "score": score, "found": found, "index": index}


def profile_answer(index: KnowledgeIndex, queries, repeat: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(repeat):
        text, intent = queries[i % len(queries)]
        index.answer(text, intent)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(line.replace(str(ROOT) + "/", "") for line in lines[start:])


def growth(small: dict, large: dict, base: dict, key: str) -> tuple[float, float]:
    """(library-dependent ratio, exponent) of the medians of ``key`` from the small to the large
    size; the library-dependent part is the median above the smallest library's."""
    p50 = {r["size"]: percentile(r[key], 50) for r in (small, large, base)}
    dependent_small = max(p50[small["size"]] - p50[base["size"]], 0.5)  # 0.5 µs: below the clock's noise
    dependent = max(p50[large["size"]] - p50[base["size"]], 0.5) / dependent_small
    exponent = math.log(dependent) / math.log(large["size"] / small["size"])
    return dependent, exponent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,100,1000,10000",
                        help="library sizes in passages (default 1,100,1000,10000; 1,000 steadies the fit)")
    parser.add_argument("--queries", type=int, default=400, help="timed answer calls per size (default 400)")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--profile", action="store_true", help="cProfile answer() at the largest size")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})

    vocabulary = load_vocabulary()
    topics = load_topics(vocabulary)
    pipeline_source = "build/spacy_pipeline" if (SPACY_PIPELINE_DIR / "meta.json").exists() else "built in memory"
    nlp = spacy.load(SPACY_PIPELINE_DIR) if (SPACY_PIPELINE_DIR / "meta.json").exists() else build_pipeline(vocabulary)
    queries = load_queries()
    real = load_passages()
    print(f"Retrieval benchmark: KnowledgeIndex.answer, {args.queries} calls per size over {len(queries)} real "
          f"questions; {len(topics)} topics; spaCy pipeline {pipeline_source}; Python {platform.python_version()}; "
          f"seed {args.seed}. Production library: {len(real)} passages.")
    header = (f"{'passages':>9} {'build s':>8} {'found':>6} | {'new question: mean':>18} {'p50':>6} {'p95':>6} | "
              f"{'repeated: mean':>14} {'p50':>6} {'p95':>6} | {'spaCy pass':>10} {'scoring':>8}")
    print(header + "   (µs per call)")
    print("-" * len(header))
    results = []
    for size in [0, *sizes]:
        r = measure(size, nlp, vocabulary, topics, queries, args.queries, args.seed)
        label = f"{len(r['index'].passages)} real" if not size else str(size)
        if size:
            results.append(r)
        print(f"{label:>9} {r['build_s']:>8.2f} {r['found']:>3}/{len(queries):<2} | "
              f"{statistics.fmean(r['unique']):>18.0f} {percentile(r['unique'], 50):>6.0f} "
              f"{percentile(r['unique'], 95):>6.0f} | {statistics.fmean(r['repeated']):>14.0f} "
              f"{percentile(r['repeated'], 50):>6.0f} {percentile(r['repeated'], 95):>6.0f} | "
              f"{statistics.fmean(r['tokenise']):>10.0f} {statistics.fmean(r['score']):>8.0f}")
    print(f"  '{len(real)} real': the production library (build_index: files read and spaCy pipeline loaded "
          "within build s); the others are synthetic.")
    print("  new question: each call a wording not seen before (production); repeated: the same 40 questions "
          "cycled;\n  spaCy pass: KnowledgeIndex.tokens on a new question; scoring: lexical_scores on an already "
          "seen question.")

    by_size = {r["size"]: r for r in results}
    if 100 in by_size and 10000 in by_size:
        a, b = by_size[100], by_size[10000]
        print()
        print("Growth 10,000 vs 100 passages (whole call): new question mean "
              f"{statistics.fmean(b['unique']) / statistics.fmean(a['unique']):.1f}x, p50 "
              f"{percentile(b['unique'], 50) / percentile(a['unique'], 50):.1f}x; repeated question mean "
              f"{statistics.fmean(b['repeated']) / statistics.fmean(a['repeated']):.1f}x, p50 "
              f"{percentile(b['repeated'], 50) / percentile(a['repeated'], 50):.1f}x.")
    if len(results) >= 3:
        base, small, large = results[0], results[-2], results[-1]
        ratio = large["size"] / small["size"]
        print(f"Library-dependent part (median above the {base['size']}-passage library's), {small['size']} -> "
              f"{large['size']} passages ({ratio:.0f}x more):")
        exponents = []
        for key, label in (("unique", "answer, new question"), ("repeated", "answer, repeated question"),
                           ("score", "lexical_scores")):
            dependent, exponent = growth(small, large, base, key)
            per_1000 = ((percentile(large[key], 50) - percentile(small[key], 50))
                        / (large["size"] - small["size"]) * 1000)
            exponents.append(exponent)
            print(f"  {label:<26} {dependent:6.1f}x (~ passages^{exponent:.2f}); +{per_1000:.0f} µs per 1,000 "
                  "passages")
        if max(exponents) >= 0.8:
            print("VERDICT: LINEAR. The library-dependent cost grows about in proportion to the number of passages "
                  "(--profile shows where). Target 'retrieval cost sub-linear in passages': MISSED.")
        else:
            print("VERDICT: sub-linear: the library-dependent cost grows slower than the number of passages. "
                  "Target 'retrieval cost sub-linear in passages': MET.")
    if args.profile:
        print()
        print(f"cProfile of {args.queries} answer() calls (the 40 questions cycled) at {results[-1]['size']} "
              "passages, top 12 by own time:")
        print(profile_answer(results[-1]["index"], queries, args.queries))
    return 0


if __name__ == "__main__":
    sys.exit(main())
