"""The meaning-based red-flag detector: a second net behind the rules of red_flags.yml.

Rules catch the wordings staff listed; visitors in pain or in crisis write things nobody
listed. This detector learns what red flags mean from the files of ``knowledge/red_flag_meanings/``
(short examples per category, and "safe" examples that look alarming but are not) plus the
project's NLU training data (ordinary questions, and the safety intents' examples). It fits a
logistic regression on sentence embeddings (wordllama's model, ``assistant.embeddings``) and
word and character n-grams when it is created: editing the file needs a restart, not a
retraining of the Rasa model. The fit takes seconds, so the fitted model is kept in
``var/cache/red_flag_detector/`` under a hash of everything it was fitted from (the examples,
the embedding model, this module's code, the library versions): a start with unchanged files
loads it, and any change fits afresh.

Visitors in a hurry misspell ("consiousness", "tempreture", "dosnt"): every example of the
meanings files is also learnt once more as a misspelt copy (``misspelt``: a letter dropped,
doubled, swapped or a vowel changed in some longer words, the same copy at every start), so
that a misspelt message is not judged only by the few words it spelt right.

Each sentence of a message is judged on its own and so is the whole message, so that a red
flag in one sentence of a long message about back pain still counts. The thresholds come from
``config.yml`` (tuned on the development set by ``scripts/tune_red_flags.py``).

Plain Python (no Rasa imports), so the tuning script and the unit tests use it directly.
"""

from __future__ import annotations

import hashlib
import inspect
import random
import re
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from assistant.datafiles import ContentError, line_of, load_yaml
from assistant.embeddings import SentenceEmbedder
from assistant.kept_files import keep, read_kept
from assistant.linear_scorer import LinearScorer
from assistant.names import Intent
from assistant.paths import DETECTOR_CACHE_DIR, PROJECT_ROOT, RED_FLAG_DEVELOPMENT_SETS, RED_FLAG_MEANINGS_DIR
from assistant.red_flags import MASK_WORD, normalise

# The classes the model tells apart; "none" is every ordinary message.
CLASSES = ("none", "emergency", "poisoning", "crisis")
MEANING_KINDS = CLASSES[1:]
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
# NLU intents whose examples are red flags of a kind (the rest are ordinary messages).
NLU_KINDS = {
    Intent.REPORT_EMERGENCY: "emergency", Intent.REPORT_CRISIS: "crisis", Intent.REPORT_POSSIBLE_CRISIS: "crisis",
}
# NLU intents whose examples the detector does not learn from: other languages, and a visitor
# telling the assistant it misread them ("i'm not suicidal, i meant ..."), whose negated crisis
# words, learnt as ordinary, cost two development red flags (session 21).
NOT_LEARNT_INTENTS = frozenset({Intent.OTHER_LANGUAGE, Intent.SAY_MISUNDERSTOOD})
# Long messages are judged sentence by sentence; a sentence shorter than this many
# characters is joined to the next one ("Help. My dad fell.").
MIN_SENTENCE_CHARS = 12
MAX_SENTENCES = 40
_SENTENCE_END = re.compile(r"(?<=[.!?;\n])\s+|\n+")
# The logistic regression's C (inverse regularisation). Round 7, with three new writers' 1,919
# examples: fitted without one writer and judged on that writer's examples (rules included, at
# 0.85/0.90/0.80), C=4 missed 46 of their 1,020 red flags against 55 at C=1 and 61 at C=0.3, with
# as many of their 898 ordinary messages alarmed (90, 87, 88). Round 10, with two more new
# writers' 1,350 messages (tests/data/red_flags_dev5.yml and dev6.yml, never fitted on): C=25 at
# 0.85/0.95/0.65 missed 15 of their 510 red flags against 19 at C=4 with round 9's 0.85/0.90/0.60,
# with as many of their 840 ordinary messages alarmed (124, 126), and fewer on the other
# development sets at once (21 missed and 180 alarmed, against 22 and 186).
REGULARISATION = 25.0


@dataclass(frozen=True)
class Thresholds:
    """When a probability counts (each between 0 and 1)."""

    emergency: float = 0.85  # emergency + poisoning (or any red flag) probability: guidance
    crisis: float = 0.9  # crisis probability: crisis guidance
    screening: float = 0.6  # crisis probability: ask the screening question (config.yml has the deployed values)


def configured_thresholds(config_path: Path = PROJECT_ROOT / "config.yml") -> Thresholds:
    """The RedFlagClassifier's thresholds as config.yml deploys them."""
    config = load_yaml(config_path)
    part = next(c for c in config["pipeline"] if str(c["name"]).endswith("RedFlagClassifier"))
    return Thresholds(float(part["emergency_threshold"]), float(part["crisis_threshold"]),
                      float(part["screening_threshold"]))


@dataclass(frozen=True)
class Verdict:
    kind: str  # "emergency", "poisoning", "crisis" or "possible_crisis"
    score: float  # the probability that decided it
    sentence: str  # the part of the message that raised it


@dataclass(frozen=True)
class Meanings:
    examples: tuple[tuple[str, str], ...]  # (text, class) pairs from the meanings files


def load_meanings(folder: Path = RED_FLAG_MEANINGS_DIR) -> Meanings:
    """Read every ``*.yml`` file of the meanings folder; a mistake raises ContentError
    naming the file and line."""
    files = sorted(Path(folder).glob("*.yml"))
    if not files:
        raise ContentError(folder, None, "no .yml files of red-flag meanings in this folder")
    return Meanings(tuple(pair for path in files for pair in _read_meanings(path)))


def _read_meanings(path: Path) -> list[tuple[str, str]]:
    """One file: ``categories`` (each with a kind and examples) and/or ``safe`` examples,
    either as one list or in named groups."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not set(data) & {"categories", "safe"} or set(data) - {"categories", "safe"}:
        raise ContentError(path, 1, "expected a 'categories' section, a 'safe' section, or both (and nothing else)")
    pairs: list[tuple[str, str]] = []
    categories = data.get("categories") or {}
    if not isinstance(categories, dict):
        raise ContentError(path, line_of(data, "categories"), "'categories' must name categories, each with a kind")
    for name, category in categories.items():
        line = line_of(categories, name)
        if not isinstance(category, dict):
            raise ContentError(path, line, f"category '{name}' needs a 'kind' and 'examples'")
        kind = category.get("kind")
        if kind not in MEANING_KINDS:
            raise ContentError(
                path, line_of(category, "kind") if "kind" in category else line,
                f"category '{name}': 'kind' must be one of {', '.join(MEANING_KINDS)}, not '{kind}'",
            )
        pairs += [(text, kind) for text in _examples(path, category, f"category '{name}'", line)]
    safe = data.get("safe")
    if safe is not None:
        line = line_of(data, "safe")
        if not isinstance(safe, dict):
            raise ContentError(path, line, "'safe' needs 'examples', or groups that each have 'examples'")
        groups = {"safe": safe} if "examples" in safe else safe
        for name, group in groups.items():
            if not isinstance(group, dict):
                raise ContentError(path, line_of(safe, name) or line, f"safe group '{name}' needs 'examples'")
            group_line = line_of(safe, name) or line
            pairs += [(text, "none") for text in _examples(path, group, f"safe group '{name}'", group_line)]
    return pairs


def _examples(path: Path, section: dict, what: str, line: int | None) -> list[str]:
    examples = section.get("examples")
    if not isinstance(examples, list) or not examples:
        raise ContentError(path, line, f"{what} needs a non-empty list of 'examples'")
    for index, text in enumerate(examples):
        if not isinstance(text, str) or not text.strip():
            raise ContentError(path, line_of(examples, index) or line, f"{what}: each example must be some text")
    return [str(text) for text in examples]


def misspelt(text: str) -> str:
    """A misspelt copy of ``text``, the same for the same text: in about a third of the words of
    five letters or more, one letter dropped, swapped with the next, doubled, or a vowel
    changed (first and last letters kept)."""
    rng = random.Random(zlib.crc32(text.encode("utf-8")))
    words = []
    for word in text.split(" "):
        if len(word) >= 5 and word.isalpha() and rng.random() < 0.3:
            i = rng.randrange(1, len(word) - 1)
            change = rng.randrange(4)
            if change == 0:
                word = word[:i] + word[i + 1:]
            elif change == 1 and i + 1 < len(word) - 1:
                word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            elif change == 2:
                word = word[:i] + word[i] + word[i:]
            else:
                vowels = [k for k in range(1, len(word) - 1) if word[k] in "aeiou"]
                if vowels:
                    k = rng.choice(vowels)
                    word = word[:k] + rng.choice("aeiou".replace(word[k], "")) + word[k + 1:]
        words.append(word)
    return " ".join(words)


def with_misspelt_copies(examples: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The examples, then a misspelt copy of each (when it differs from the example)."""
    copies = [(copy, label) for text, label in examples if (copy := misspelt(text)) != text]
    return [*examples, *copies]


def nlu_examples(nlu_dir: Path = NLU_DIR) -> list[tuple[str, str]]:
    """(text, class) pairs from the NLU training data; entity markup is removed."""
    pairs = []
    for path in sorted(nlu_dir.glob("*.yml")):
        data = load_yaml(path) or {}
        for block in data.get("nlu") or []:
            intent = block.get("intent")
            if not intent or intent in NOT_LEARNT_INTENTS:
                continue
            for line in str(block.get("examples") or "").splitlines():
                text = line.strip().removeprefix("- ").strip()
                text = re.sub(r"\[([^\]]*)\](\{[^}]*\}|\([^)]*\))", r"\1", text)
                if text:
                    pairs.append((text, NLU_KINDS.get(intent, "none")))
    return pairs


# The development sets' categories whose red flags are poisonings (an overdose is poisoning first,
# taken on purpose too: its guidance carries the crisis line).
POISONING_CATEGORIES = frozenset({"overdose_poisoning", "overdose_and_poisoning"})


def development_examples(paths: Iterable[Path] = RED_FLAG_DEVELOPMENT_SETS) -> list[tuple[str, str]]:
    """(text, class) pairs from red-flag development sets (``red_flags``: text, kind and category;
    ``near_misses``: ordinary messages that sound alarming, learnt as "none"). Session 27: learnt
    from the other sets, each set held out in turn alarmed on fewer of its near misses (round 16's
    blind set 41 -> 33 of 325, round 10's writer E 55 -> 48 of 420) and missed no more of its red
    flags (scripts/cross_check_red_flags.py, docs/safety.md)."""
    pairs: list[tuple[str, str]] = []
    for path in paths:
        data = load_yaml(path) or {}
        for item in data.get("red_flags") or []:
            kind = "poisoning" if item.get("category") in POISONING_CATEGORIES else item["kind"]
            pairs.append((str(item["text"]), kind))
        for item in data.get("near_misses") or []:
            pairs.append((str(item["text"] if isinstance(item, dict) else item), "none"))
    return pairs


def sentences(text: str) -> list[str]:
    """The message's sentences (short ones joined to the next), each once, at most MAX_SENTENCES."""
    parts = [p.strip() for p in _SENTENCE_END.split(text) if p and p.strip()]
    joined: list[str] = []
    carry = ""
    for part in parts:
        carry = f"{carry} {part}".strip()
        if len(carry) >= MIN_SENTENCE_CHARS:
            joined.append(carry)
            carry = ""
    if carry:
        if joined:
            joined[-1] = f"{joined[-1]} {carry}"
        else:
            joined.append(carry)
    # A sentence told twice is judged once; over the cap, the first sentences and the last: the end
    # of a long story is where its question, or a disclosure, often is (session 28's tester: "... I
    # have pills saved up and I'm planning to take them all tonight" after 42 sentences of story
    # got an answer and no crisis guidance).
    unique = list(dict.fromkeys(joined))
    if len(unique) <= MAX_SENTENCES:
        return unique
    return unique[:MAX_SENTENCES // 2] + unique[-(MAX_SENTENCES - MAX_SENTENCES // 2):]


# A sentence in which an exception blanked words ("my husband ~ and carries on.") is judged only
# within the whole message: the fragment alone has lost what it was about, and judged alone it
# raised false alarms (round 15: 463 -> 426 on the development sets, no red flag lost).


# A sentence's alarm counts only when the whole message's probability of some red flag is at least
# this: a short sentence judged alone can sound alarming when the message around it has none
# ("Both the same, no swelling."). Round 15, on the development sets: 426 -> 389 false alarms and
# no red flag lost; the lowest whole-message probability of a red flag that only one of its
# sentences raised was 0.044 (at 0.05, two were lost). Session 30, judged on each development set
# the detector did not learn (four folds): 0.1 alarmed on 354 -> 303 of 6,973 near misses and lost
# none of their red flags, but despair told in a few words before an ordinary question ("nothing
# matters anymore. does pain make insomnia worse?", whole message 0.02-0.05) no longer got the
# screening question: the development sets label such messages as safe, this assistant asks.
WHOLE_MESSAGE_GATE = 0.02
# ... or when a stretch of this many sentences around it does: in a very long story the whole
# message's probability is the story's, and a disclosure in one sentence of it did not count
# (session 28's tester: a suicide plan after 40 sentences about neck pain got an answer).
GATE_WINDOW = 6


# Words that say nothing alone. A message of only these, single letters, digits and symbols has
# nothing to judge: "%s%n{{7*7}}" (read in plain words as "s and 7 7") got the emergency guidance
# at 0.998, the model having learnt "and" from red flags' word pairs (session 23, an exploratory
# tester). No red flag of the development sets is only such words.
EMPTY_WORDS = frozenset({"a", "an", "the", "and", "or", "but", "nor", "yet", "so", "of", "to", "in", "on", "at"})
_LETTERS = re.compile(r"[^\W\d_]+")


def says_something(clean_text: str) -> bool:
    """Whether a normalised text has a word of two letters or more that is not one of EMPTY_WORDS,
    or any word in a script other than the Latin alphabet (one Chinese character is a word)."""
    return any((len(word) >= 2 or not word.isascii()) and word not in EMPTY_WORDS
               for word in _LETTERS.findall(clean_text.lower()))


# A message or sentence that an exception blanked down to fewer words than this has nothing left to
# judge: "my back is absolutely killing me tonight" is "my back ~ tonight", and "tonight" alone got
# the screening question at 0.81 (session 49's visitor tester, "murdering me tonight"). The fewest
# words any red flag of the development sets keeps after blanking is 4 ("~ blood evrywhere wont stop").
MIN_WORDS_AFTER_BLANKING = 4


def enough_left(text: str) -> bool:
    """Whether a text kept enough words, where an exception blanked some, to be judged."""
    return MASK_WORD not in text.split() or len(_LETTERS.findall(text)) >= MIN_WORDS_AFTER_BLANKING


def _judged_alone(sentence: str) -> bool:
    """Whether a sentence is judged on its own as well as within the whole message."""
    return MASK_WORD not in sentence.split()


class MeaningDetector:
    """Fitted on the examples at creation; ``assess`` a message."""

    def __init__(
        self,
        examples: Sequence[tuple[str, str]],
        embedder: SentenceEmbedder,
        thresholds: Thresholds = Thresholds(),
        regularisation: float = REGULARISATION,
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.thresholds = thresholds
        self._embedder = embedder
        texts = [normalise(text) for text, _ in examples]
        labels = [CLASSES.index(label) for _, label in examples]
        self._words = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True)
        self._words.fit(texts)
        self._chars.fit(texts)
        self._model = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=3000)
        self._model.fit(self._features(texts), labels)
        self._ready()

    @classmethod
    def from_fitted(cls, words, chars, model, embedder: SentenceEmbedder,
                    thresholds: Thresholds = Thresholds()) -> MeaningDetector:
        """A detector from vectorizers and a model fitted before (``build_detector``'s cache)."""
        detector = cls.__new__(cls)
        detector.thresholds, detector._embedder = thresholds, embedder
        detector._words, detector._chars, detector._model = words, chars, model
        detector._ready()
        return detector

    def _ready(self) -> None:
        self._columns = {CLASSES[c]: i for i, c in enumerate(self._model.classes_)}
        self._scorer = LinearScorer(self._model, self._embedder.dimensions, [self._words, self._chars])

    def _dense(self, clean_texts: list[str]) -> np.ndarray:
        """The embedding part of the features, weighted against the n-grams."""
        return self._embedder.embed(clean_texts) * EMBEDDING_WEIGHT

    def _features(self, clean_texts: list[str]):
        from scipy.sparse import csr_matrix, hstack

        dense = csr_matrix(self._dense(clean_texts))
        return hstack([dense, self._words.transform(clean_texts), self._chars.transform(clean_texts)]).tocsr()

    def sklearn_probabilities(self, clean_texts: list[str]) -> np.ndarray:
        """scikit-learn's own predict_proba on the features: what ``LinearScorer`` must equal."""
        return self._model.predict_proba(self._features(clean_texts))

    def probabilities(self, text: str) -> list[tuple[str, dict[str, float]]]:
        """Each part judged (the whole message and each sentence), with its class probabilities."""
        parts = sentences(text) if text else []
        units = [text] + [s for s in parts if s != text and _judged_alone(s)] if text else []
        clean = [normalise(unit) for unit in units]
        keep = [i for i, c in enumerate(clean) if c and says_something(c) and enough_left(units[i])]
        if not keep:
            return []
        kept = [clean[i] for i in keep]
        matrix = self._scorer.probabilities(self._dense(kept), kept)
        judged = [
            (units[i], {name: float(row[col]) for name, col in self._columns.items()})
            for i, row in zip(keep, matrix, strict=True)
        ]
        if keep[0] == 0 and 1.0 - judged[0][1]["none"] < WHOLE_MESSAGE_GATE and not self._a_stretch_hears(parts):
            return judged[:1]  # the whole message hears no alarm at all: its sentences do not count
        return judged

    def _a_stretch_hears(self, parts: list[str]) -> bool:
        """Whether some stretch of GATE_WINDOW of a long message's sentences (``parts``) hears an alarm."""
        if len(parts) <= GATE_WINDOW:
            return False
        step = GATE_WINDOW // 2
        stretches = [normalise(" ".join(parts[i:i + GATE_WINDOW])) for i in range(0, len(parts) - step, step)]
        stretches = [c for c in stretches if c and says_something(c)]
        if not stretches:
            return False
        none = self._columns["none"]
        matrix = self._scorer.probabilities(self._dense(stretches), stretches)
        return any(1.0 - float(row[none]) >= WHOLE_MESSAGE_GATE for row in matrix)

    def assess(self, text: str) -> Verdict | None:
        """The red flag the message most likely raises, or None."""
        return decide(self.probabilities(text), self.thresholds)

    def scores(self, text: str) -> Scores | None:
        """The message's highest probabilities over its parts (``verdict_from`` decides on them)."""
        return scores_of(self.probabilities(text))


# How sure the detector must be of the other kind for a message to get the guidance of both
# (``hears_also``). Development sets (session 26): the crises raised by a rule whose meaning
# sounded urgent at 0.76-0.84 were no emergencies ("I can't go on", a method question, an urge
# not acted on); the self-harm with bleeding or a broken bone, 0.93-1.0.
BOTH_KINDS_SURE = 0.9

# The embedding's share of the features, against the n-grams' (each part is unit length).
EMBEDDING_WEIGHT = 2.0


@dataclass(frozen=True)
class Scores:
    """A message's highest probabilities over its parts."""

    crisis: float
    crisis_part: str
    urgent: float  # emergency + poisoning
    urgent_part: str
    poisoning_first: bool  # in the most urgent part, poisoning is likelier than other emergencies
    alarm: float  # the highest probability of any red flag (1 - ordinary), over the parts
    alarm_kind: str  # the likeliest kind in that part
    alarm_part: str


def scores_of(judged: list[tuple[str, dict[str, float]]]) -> Scores | None:
    if not judged:
        return None
    crisis, crisis_part = max(((p.get("crisis", 0.0), unit) for unit, p in judged), key=lambda x: x[0])
    urgent, urgent_part, urgent_p = max(
        ((p.get("emergency", 0.0) + p.get("poisoning", 0.0), unit, p) for unit, p in judged), key=lambda x: x[0],
    )
    poisoning_first = urgent_p.get("poisoning", 0.0) >= urgent_p.get("emergency", 0.0)
    alarm, alarm_part, alarm_p = max(((1.0 - p.get("none", 0.0), unit, p) for unit, p in judged), key=lambda x: x[0])
    alarm_kind = max(MEANING_KINDS, key=lambda kind: alarm_p.get(kind, 0.0))
    return Scores(crisis, crisis_part, urgent, urgent_part, poisoning_first, alarm, alarm_kind, alarm_part)


def verdict_from(s: Scores | None, t: Thresholds) -> Verdict | None:
    if s is None:
        return None
    if s.urgent >= t.emergency and s.poisoning_first:
        # An overdose is poisoning first, even when taken on purpose: its guidance carries
        # the crisis line as well.
        return Verdict("poisoning", s.urgent, s.urgent_part)
    if s.crisis >= t.crisis:
        return Verdict("crisis", s.crisis, s.crisis_part)
    if s.urgent >= t.emergency:
        return Verdict("emergency", s.urgent, s.urgent_part)
    if s.alarm >= t.emergency:
        # Surely a red flag, but the kinds share the probability ("I can't feel my legs and I
        # want it to end"): the likeliest kind's guidance; when that is a crisis not sure
        # enough for the crisis guidance, the screening question (it shows the crisis line and
        # the emergency number), so that crisis_threshold keeps its meaning.
        if s.alarm_kind == "crisis":
            return Verdict("possible_crisis", s.crisis, s.crisis_part)
        return Verdict(s.alarm_kind, s.alarm, s.alarm_part)
    if s.crisis >= t.screening:
        return Verdict("possible_crisis", s.crisis, s.crisis_part)
    return None


def hears_also(kind: str, s: Scores | None) -> bool:
    """Whether the detector surely hears a crisis in a message raised as an emergency, or an
    emergency (not a poisoning: its guidance carries both already) in one raised as a crisis:
    self-harm with heavy bleeding, a burn or a broken bone. Either guidance alone leaves out
    half of what the message needs."""
    if s is None:
        return False
    if kind == "emergency":
        return s.crisis >= BOTH_KINDS_SURE
    if kind == "crisis":
        return s.urgent >= BOTH_KINDS_SURE and not s.poisoning_first
    return False


def decide(judged: list[tuple[str, dict[str, float]]], t: Thresholds) -> Verdict | None:
    """The verdict on a message from its parts' probabilities (see ``probabilities``)."""
    return verdict_from(scores_of(judged), t)


def build_detector(
    embedder: SentenceEmbedder,
    thresholds: Thresholds = Thresholds(),
    meanings_dir: Path = RED_FLAG_MEANINGS_DIR,
    nlu_dir: Path = NLU_DIR,
    extra: Iterable[tuple[str, str]] = (),
    cache_dir: Path | None = DETECTOR_CACHE_DIR,
    development_sets: Sequence[Path] = RED_FLAG_DEVELOPMENT_SETS,
) -> MeaningDetector:
    """The detector fitted on the meanings files (each example also misspelt once), the NLU
    training data, the red-flag development sets and ``extra`` (from the cache when it was fitted
    on exactly these files before: then no file is parsed, which saves a minute of a start;
    ``cache_dir=None`` always fits)."""
    if cache_dir is not None:
        path = kept_fit(embedder, meanings_dir, nlu_dir, extra, cache_dir, development_sets)
        kept = read_kept(path, lambda fitted: MeaningDetector.from_fitted(*fitted, embedder, thresholds),
                         "red-flag detector")
        if kept is not None:
            return kept
    examples = (with_misspelt_copies(load_meanings(meanings_dir).examples) + nlu_examples(nlu_dir)
                + development_examples(development_sets) + list(extra))
    detector = MeaningDetector(examples, embedder, thresholds)
    if cache_dir is not None:
        keep(path, (detector._words, detector._chars, detector._model), KEEP_FITS, "fitted red-flag detector")
    return detector


def kept_fit(
    embedder: SentenceEmbedder,
    meanings_dir: Path = RED_FLAG_MEANINGS_DIR,
    nlu_dir: Path = NLU_DIR,
    extra: Iterable[tuple[str, str]] = (),
    cache_dir: Path = DETECTOR_CACHE_DIR,
    development_sets: Sequence[Path] = RED_FLAG_DEVELOPMENT_SETS,
) -> Path:
    """Where ``build_detector`` keeps the fit of these files (it exists once they were fitted)."""
    return Path(cache_dir) / f"{fitted_on(meanings_dir, nlu_dir, extra, embedder, development_sets)}.pickle"


KEEP_FITS = 4  # fits of files since edited are of no more use: the newest few are kept


def fitted_on(meanings_dir: Path, nlu_dir: Path, extra: Iterable[tuple[str, str]], embedder: SentenceEmbedder,
              development_sets: Sequence[Path] = ()) -> str:
    """A hash of everything a fit depends on: the bytes of the meanings files, of the NLU
    training data and of the development sets, ``extra``, the embedding model, this module's code
    (which reads the files, misspells and fits), the text normalisation it uses and the versions
    of the libraries that fit it. (``LinearScorer`` is not among them: it is built afresh from
    the fitted model at every start.)"""
    import scipy
    import sklearn

    digest = hashlib.sha256()
    for folder in (meanings_dir, nlu_dir):
        for path in sorted(Path(folder).glob("*.yml")):
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    for path in development_sets:
        digest.update(Path(path).name.encode("utf-8") + b"\0" + Path(path).read_bytes() + b"\0")
    for part in (repr(list(extra)), inspect.getsource(sys.modules[__name__]), inspect.getsource(normalise),
                 repr(EMBEDDING_WEIGHT),
                 sklearn.__version__, scipy.__version__, np.__version__):
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    digest.update(embedder.fingerprint())
    return digest.hexdigest()[:32]


