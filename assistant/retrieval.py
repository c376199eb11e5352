"""Choosing the vetted passage that answers a question.

A question is scored against every passage by TF-IDF cosine over spaCy lemmas, with each
recognised term (knowledge/terms.yml) added as its own token, so "sleep apnoea" and "OSA"
meet on ``obstructive_sleep_apnea``. Topics (knowledge/topics.yml) add a prior: a passage
the NLU intent and the named term point to is favoured. Nothing below the thresholds is
sent: the visitor is told honestly that there is no vetted answer.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from assistant.articles import Passage
from assistant.terms import Vocabulary
from assistant.topics import Topic

# Tuned with scripts/tune_retrieval.py on tests/data/retrieval_cases.yml (README: "How an answer is chosen").
TOPIC_THRESHOLD = 0.45  # prior + lexical score a topic answer needs
LEXICAL_THRESHOLD = 0.36  # lexical score an answer needs when no topic points to it
BONUS_INTENT_AND_TERM = 0.6  # the intent's topic for the term the visitor named
BONUS_TERM = 0.45  # a topic for a term the visitor named, under another intent
# A topic of the predicted intent that needs no term: the words must add a little evidence
# (topic keywords in knowledge/topics.yml count), so a confident but wrong intent alone
# ("how long before bed should I stop drinking coffee" -> see a provider) answers nothing.
BONUS_INTENT = 0.4
PREFER_MARGIN = 0.1  # how much better another passage of a topic must fit to beat the first
# Slack for float rounding when a sum of largest weights bounds a passage's score.
_ROUNDING = 1e-9

COVERED_ENTITIES = ("disorder", "treatment")
INCIDENTAL_ENTITIES = ("body_part",)
# Generic words that say nothing about which passage fits.
_EXTRA_STOP = {"know", "tell", "help", "thing", "like", "want", "need", "question"}


@dataclass(frozen=True)
class Answer:
    passages: tuple[Passage, ...]  # empty when there is no vetted answer
    topic: Topic | None
    score: float
    reason: str  # "topic", "lexical", "not_covered" or "below_threshold"
    related: tuple[Topic, ...] = field(default=())

    @property
    def found(self) -> bool:
        return bool(self.passages)


class KnowledgeIndex:
    """All passages, indexed once at start-up; ``answer`` is cheap per question."""

    def __init__(
        self, passages: list[Passage], topics: list[Topic], vocabulary: Vocabulary, nlp: Language,
        menu: list[Topic] | None = None,
    ):
        self.passages = passages
        self.topics = topics
        self.menu = menu or topics[:4]
        self.topic_threshold = TOPIC_THRESHOLD
        self.lexical_threshold = LEXICAL_THRESHOLD
        self.vocabulary = vocabulary
        self._nlp = nlp
        self._topic_by_id = {t.id: t for t in topics}
        self._passage_by_id = {p.id: p for p in passages}
        self._position = {p.id: i for i, p in enumerate(passages)}
        topic_words: dict[str, list[str]] = {p.id: [] for p in passages}
        for topic in topics:
            term = vocabulary.get(topic.term) if topic.term else None
            for passage_id in topic.passages:
                topic_words.setdefault(passage_id, []).extend([topic.title, *topic.keywords])
                if term:
                    topic_words[passage_id].extend(term.synonyms)
        documents = [
            " ".join([p.article.title if not p.headings else "", *p.headings, p.text, *topic_words[p.id]])
            for p in passages
        ]
        # Documents are analysed here; a query arrives already analysed (a token list).
        self._vectorizer = TfidfVectorizer(
            analyzer=lambda doc: doc if isinstance(doc, list) else self._analyse(doc)[0], sublinear_tf=True
        )
        matrix = self._vectorizer.fit_transform(documents).tocsc()
        matrix.sort_indices()  # each posting list in passage order: looked up by binary search
        # An inverted index: token -> (passages it occurs in, their weights). Scoring a query
        # reads only the postings of its own tokens, never every passage.
        self._idf = dict(zip(self._vectorizer.get_feature_names_out(), self._vectorizer.idf_, strict=True))
        self._postings = {}
        for token, j in self._vectorizer.vocabulary_.items():
            column = slice(matrix.indptr[j], matrix.indptr[j + 1])
            self._postings[token] = (matrix.indices[column], matrix.data[column])
        self._passage_count = matrix.shape[0]
        # The same postings ordered by weight, heaviest first: the best passage is searched from
        # the top of each list down, and the search stops as soon as nothing below can beat it.
        self._by_weight = {}
        for token, (positions, values) in self._postings.items():
            order = np.argsort(-values, kind="stable")
            self._by_weight[token] = (positions[order], values[order])
        # The topic prior only ever needs these passages' scores: a fixed set, whatever the library size.
        self._topic_positions = np.array(
            sorted({self._position[p] for topic in topics for p in topic.passages if p in self._position}),
            dtype=np.int64,
        )
        self._analyse = functools.lru_cache(maxsize=4096)(self._analyse)

    def _analyse(self, text: str) -> tuple[list[str], tuple[str, ...]]:
        """One spaCy pass: (index tokens, ids of the terms named)."""
        doc = self._nlp(text.lower())
        term_ids = tuple(ent.ent_id_ for ent in doc.ents if ent.ent_id_)
        # Where it hurts does not choose the passage: the articles name body parts only in
        # passing ("back, hip, or leg pain"), so a sore hip must not pull in the RLS passage.
        incidental = {i for ent in doc.ents if ent.label_ in INCIDENTAL_ENTITIES for i in range(ent.start, ent.end)}
        incidental_ids = {ent.ent_id_ for ent in doc.ents if ent.label_ in INCIDENTAL_ENTITIES}
        tokens = [term_id for term_id in term_ids if term_id not in incidental_ids]
        tokens += [
            t.lemma_ for t in doc
            if t.is_alpha and t.i not in incidental and t.lemma_ not in STOP_WORDS and t.lemma_ not in _EXTRA_STOP
            and len(t) > 1
        ]
        return tokens, term_ids

    def tokens(self, text: str) -> list[str]:
        return list(self._analyse(text)[0])

    def terms_in(self, text: str, entities: Iterable[tuple[str, str]] = ()) -> dict[str, str]:
        """Term id -> entity type, for the terms the text or the NLU entities name."""
        found: dict[str, str] = {}
        for _entity, value in entities:
            term = self.vocabulary.get(str(value)) or self.vocabulary.canonical(str(value))
            if term:
                found[term.id] = term.entity
        for term_id in self._analyse(text)[1] if text else ():
            term = self.vocabulary.get(term_id)
            if term:
                found[term.id] = term.entity
        return found

    def query_weights(self, text: str) -> list[tuple[str, float]]:
        """The query weighted as the passages were (sublinear TF x IDF, L2-normalised)."""
        counts = Counter(token for token in self._analyse(text)[0] if token in self._idf)
        weights = {token: (1.0 + math.log(n)) * self._idf[token] for token, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return [(token, weight / norm) for token, weight in weights.items()]

    def _scores_at(self, query: list[tuple[str, float]], positions: np.ndarray) -> np.ndarray:
        """Cosine of the query with the passages at ``positions`` (sorted), summed token by token
        in query order, as a dense sum over every passage would: the same floats, bit for bit."""
        scores = np.zeros(len(positions))
        for token, scale in query:
            passages, values = self._postings[token]
            where = np.minimum(np.searchsorted(passages, positions), len(passages) - 1)
            hit = passages[where] == positions
            scores[hit] += values[where[hit]] * scale
        return scores

    def lexical_scores(self, text: str, positions: np.ndarray | None = None) -> dict[int, float]:
        """Position -> cosine of the query, for the topics' passages (or ``positions``)."""
        at = self._topic_positions if positions is None else positions
        return dict(zip(at.tolist(), self._scores_at(self.query_weights(text), at).tolist(), strict=True))

    def best_lexical(self, text: str) -> tuple[int, float]:
        """(position, score) of the passage that fits the words best, the first one on a tie:
        what an arg-max over every passage's score gives, without scoring every passage.

        Fagin's threshold algorithm: read each query token's postings from the heaviest weight
        down, a block at a time, and score every passage met (in full, exactly as a dense sum
        would). A passage not met yet can score at most the sum of the weights where each list
        has got to; once the best passage met beats that, it is the best of all. The cost
        depends on how far down the lists the best passage is, not on the library's size.
        """
        query = self.query_weights(text)
        if not query:
            return 0, 0.0
        lists = [(self._by_weight[token], scale) for token, scale in query]
        seen = np.empty(0, dtype=np.int64)
        best_position, best_score = 0, -1.0
        depth, block = 0, 16
        while True:
            met = [positions[depth:depth + block] for (positions, _), _ in lists]
            new = np.setdiff1d(np.concatenate(met).astype(np.int64), seen)
            if len(new):
                seen = np.union1d(seen, new)
                scores = self._scores_at(query, new)  # ``new`` is sorted: ties go to the first
                top = int(np.argmax(scores))
                if scores[top] > best_score or (scores[top] == best_score and new[top] < best_position):
                    best_position, best_score = int(new[top]), float(scores[top])
            depth += block
            block *= 2  # few rounds however deep the search goes
            ceiling = sum(values[depth] * scale for (_, values), scale in lists if depth < len(values))
            if ceiling == 0 or best_score > ceiling + _ROUNDING:
                return best_position, best_score

    def answer(
        self, text: str, intent: str | None = None, entities: Iterable[tuple[str, str]] = (),
        context: Iterable[str] = (), unsure: bool = False, chosen: bool = False,
    ) -> Answer:
        """The passage(s) answering ``text``.

        ``context`` holds the disorder or treatment the conversation is about (earlier turns);
        it counts only when the text names neither, and only for a topic of the same intent
        ("and how is it treated?" after insomnia). ``unsure`` says the NLU was not confident
        of ``intent``: then the intent alone chooses nothing, a named term or the words must.
        ``chosen`` says the visitor picked the topic (a button): its intent is certain.
        """
        terms = self.terms_in(text, entities)
        context_terms: dict[str, str] = {}
        if not any(kind in COVERED_ENTITIES for kind in terms.values()):
            context_terms = self.terms_in("", (("context", value) for value in context if value))
        if any(kind == "other_condition" for kind in terms.values()) and not any(
            kind in COVERED_ENTITIES for kind in terms.values()
        ):
            return Answer((), None, 0.0, "not_covered")
        lexical = self.lexical_scores(text)  # the topics' passages only
        best: tuple[float, Topic] | None = None
        for topic in self.topics:
            bonus = self._bonus(topic, intent, terms, context_terms, unsure, chosen)
            if not bonus:
                continue
            score = bonus + max(lexical[self._position[p]] for p in topic.passages)
            if best is None or score > best[0]:
                best = (score, topic)
        if best and best[0] >= self.topic_threshold:
            score, topic = best
            return Answer(self._passages_for(topic, lexical), topic, float(score), "topic", self._related(topic))
        position, score = self.best_lexical(text)
        if score >= self.lexical_threshold:
            passage = self.passages[position]
            topic = next((t for t in self.topics if passage.id in t.passages), None)
            return Answer((passage,), topic, score, "lexical", self._related(topic) if topic else ())
        return Answer((), None, max(score, best[0] if best else 0.0), "below_threshold")

    @staticmethod
    def _bonus(
        topic: Topic, intent: str | None, terms: dict[str, str], context_terms: dict[str, str],
        unsure: bool, chosen: bool,
    ) -> float:
        """The prior a topic gets from the intent and the terms (see answer's docstring)."""
        same_intent = topic.intent == intent
        if topic.term:
            if topic.term in terms:
                return BONUS_INTENT_AND_TERM if same_intent else BONUS_TERM
            return BONUS_INTENT_AND_TERM if topic.term in context_terms and same_intent and not unsure else 0.0
        if unsure or not same_intent:
            return 0.0
        return BONUS_INTENT_AND_TERM if chosen else BONUS_INTENT

    def _passages_for(self, topic: Topic, lexical: dict[int, float]) -> tuple[Passage, ...]:
        by_id = self._passage_by_id
        if topic.answer_with > 1:
            return tuple(by_id[p] for p in topic.passages[: topic.answer_with])
        # The staff's first passage, unless another of the topic's fits these words clearly better.
        scores = [float(lexical[self._position[p]]) for p in topic.passages]
        best = max(range(len(scores)), key=lambda i: (scores[i] - scores[0] > PREFER_MARGIN, scores[i]))
        return (by_id[topic.passages[best if scores[best] - scores[0] > PREFER_MARGIN else 0]],)

    def _related(self, topic: Topic) -> tuple[Topic, ...]:
        return tuple(self._topic_by_id[r] for r in topic.related if r in self._topic_by_id)
