"""Choosing the vetted passage that answers a question, from the whole library.

Every passage of every article is scored by meaning (sentence embeddings, see
assistant.semantic_index) and by shared words (TF-IDF cosine over spaCy lemmas, each
recognised term of knowledge/terms.yml added as its own token, so "sleep apnoea" and "OSA"
meet on ``obstructive_sleep_apnea``), and by shared pieces of words (character n-grams, for
slang and typos the speller leaves); a passage staff taught with example questions also by a
classifier learnt from all of them (assistant.passage_classifier). A long message is also
read for its question alone (its sentences ending in "?", else its last sentence): the story
around it does not decide which passage fits, nor whether a condition it names is asked about.
Hints raise a passage's score but never decide alone: the NLU's intent through
knowledge/topics.yml, a condition or treatment the question names that the passage names too,
and, for a follow-up that names nothing and points back (refers_back), the conversation's
earlier terms and question. Nothing
below the threshold is sent: the visitor is told honestly that there is no vetted answer. A
condition counts as covered when a passage names it.

Before scoring, a question is put in the library's terms: chat shorthand and slang in plain
words (PlainWords, from knowledge/chat_words.yml), a misspelled library word put right
(Speller), and a carer's question read without who it is about (visitor_voice).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language

from assistant.articles import MAX_PASSAGE_CHARS, Article, Passage, excerpts
from assistant.asked_for import (
    AMOUNT_CHANGES,
    CHANGE_QUESTION,
    SELF_CARE_TERMS,
    TREATMENT_THINGS,
    names_a_childs_age,
    names_a_dose,
    speaks_of_position,
    speaks_of_risk,
    speaks_of_treatment,
)
from assistant.asking import asks_something
from assistant.embeddings import SentenceEmbedder, default_embedder
from assistant.logistics import LONG_MESSAGE_WORDS, LogisticsPhrases, asking_sentences, load_chat_words, question_part
from assistant.markup import unshouted, without_markup
from assistant.number_questions import QuestionPhrases, gives_a_number
from assistant.passage_classifier import PassageClassifier
from assistant.section_kinds import SectionKind, section_questions
from assistant.semantic_index import TOKEN_MATCH_CANDIDATES, SemanticIndex, sentences
from assistant.spelling import PlainWords, Speller, known_english, rare_words, word_log_probability
from assistant.terms import Vocabulary
from assistant.topics import Topic


@dataclass(frozen=True)
class Weights:
    """How the evidence is combined. Tuned with scripts/tune_library.py on the development
    sets (tests/data/library_dev.yml and the project's own tests/data/answer_cases.yml),
    never on the frozen blind set."""

    semantic: float = 1.61  # cosine of the sentence embeddings
    lexical: float = 0.966  # TF-IDF cosine of the words
    example: float = 1.15  # an example question's cosine counts this much of a passage sentence's
    prior: float = 1.166  # scales the hints below
    intent_and_term: float = 0.805  # a topic of the predicted intent for the term named
    term_topic: float = 0.25  # a topic for a term named, under another intent
    intent_topic: float = 0.2  # a topic of the predicted intent that needs no term
    later_passage: float = 0.8  # a topic's later passages get this share of its prior
    term_in_heading: float = 0.25  # the passage's heading names a term the question names
    term_in_text: float = 0.161  # the passage's text names it
    context_term: float = 0.6  # share of those for a term of an earlier turn (a follow-up)
    previous: float = 1.0  # share of the previous question's scores for a follow-up (round 14: was 1.3)
    # An article about one condition (named in its title) is on the subject of a question that
    # names the condition, and off it for one that does not: its passages on sleep or pain in
    # general must not take questions meant for the others, nor the others its questions.
    off_subject: float = 0.5
    elsewhere: float = 1.0  # the same for a passage of another article that does not name that subject
    # A question naming a term of a taught passage, yet using a rare word the library never does
    # ("can teenagers get sleep apnea"), is answered only when its other words score this much.
    term_threshold: float = 0.7
    subject_threshold: float = 0.55  # the threshold once an article's subject named is left out (see without_subject)
    follow_up_words: int = 12  # a message this short that names nothing may be a follow-up
    threshold: float = 0.99  # the score a passage needs to be sent (round 14: 1.034 -> 0.99, all six sets)
    # A question the NLU put out of scope needs this much more to get a passage staff have taught:
    # the NLU learnt from the same visitors' questions that taught those passages (for a passage
    # nobody taught yet, e.g. a new article's, its verdict says nothing).
    out_of_scope_margin: float = 0.3
    # Below the threshold, a question the NLU thought out of scope still gets the honest "no
    # vetted answer" with the referral when it scores this much: it is about health, not the weather.
    related_threshold: float = 0.5
    close_margin: float = 0.03  # a runner-up this close is offered as a button
    # A question closer in meaning to one no passage answers (knowledge/not_answered.yml) than
    # this less its best passage's meaning score (both scaled as example questions) gets no passage.
    # Round 14: 0.1 -> 0.05 with 19 more questions in not_answered.yml (all six sets at once).
    unanswered_margin: float = 0.05
    # A long message (a story with a question in it) is also read for its question alone
    # (its sentences ending in "?", else its last sentence): a sentence of the story counts this
    # share of its meaning score, and the question's own words this share of the words' score.
    story: float = 1.0
    asked_words: float = 0.5
    long_prior: float = 1.0
    # A passage nobody has taught yet (a new article's: no example questions, no topics) is met by
    # its own sentences only, which fit a question less closely than visitors' questions do: it
    # needs this much (measured with --without-hints and with a stand-in article added).
    untaught_threshold: float = 0.85
    # Such a passage is also compared with knowledge/not_answered.yml, by its own sentences: they fit
    # a question less closely than example questions do, so the question must be closer to one no
    # passage answers by this much more (0.12 for a taught passage; round 13, dev articles).
    untaught_unanswered_margin: float = 0.2
    # A follow-up ("and the risks?", "so how much sleep is enough?") is compared with them by
    # its own words, which say less of what it asks: it must be closer by this much (round 14).
    follow_up_unanswered_margin: float = 0.15
    characters: float = 0.25  # TF-IDF cosine over pieces of words (a long message's question only)
    # The question's words met word by word (SemanticIndex.token_match_scores), for the passages
    # that fit best otherwise (session 37, measured 0.5, 1 and 1.5 on the development sets and articles).
    token_match: float = 1.0
    # A new article's introduction (its text before the first heading) names most of what the
    # article is about, so it fits many questions a little: it ranks this much lower than its
    # sections (session 45's visitor tester: 9 of 23 misses on an added article got its
    # introduction, the right section second in 5). Development articles 29 -> 30 of 50, nothing
    # else changed (0.2 to 0.5 alike); a taught introduction keeps its rank (0.35 on every
    # introduction: 949 -> 945 on the development sets).
    introduction: float = 0.35
    # The probability the passage classifier (assistant.passage_classifier) gives a taught passage
    # counts this much (session 18: 0.3 and 0.45 measured on the development sets; 0.3 kept, as
    # it costs the development articles least).
    classifier: float = 0.3
    # "what is carpal tunnel": an article's "What is ..." section (else its introduction) is raised
    # this much for a question that names its subject and nothing else (ranking only).
    definition: float = 1.0


CONDITION_ENTITIES = ("disorder", "other_condition")
# A comparison question ("RLS vs PLMD vs insomnia") gets one passage on each of at most this many conditions.
MAX_COMPARED = 3
# A section whose own text is a lead-in of at most this many words ("Several things make carpal
# tunnel symptoms worse while you sleep.") says nothing alone: it is sent with its sub-sections,
# when it has at most MAX_PARTS of them (more would bury the question under the whole section).
LEAD_IN_WORDS = 20
MAX_PARTS = 3
# What a question may ask about that the library must cover to answer: a condition, or a
# treatment ("does magnesium help restless legs?" is not answered by the passage on restless legs).
SUBJECT_ENTITIES = (*CONDITION_ENTITIES, "treatment")
INCIDENTAL_ENTITIES = ("body_part",)
# Generic words that say nothing about which passage fits.
_EXTRA_STOP = {"know", "tell", "help", "thing", "like", "want", "need", "question",
               "exact", "exactly", "actually", "really", "basically", "literally", "honestly", "please", "thanks"}


_WORD = re.compile(r"[A-Za-z]+")
# A condition named by its form: an inflammation (-itis), a disease (-osis, -pathy), a pain
# (-algia). One no passage mentions is not answered by a passage that shares other words with
# the question ("plantar fasciitis?" got the passage on restless legs; session 25's tester).
# With the adjective before it, the name as visitors say it ("plantar fasciitis", "spinal stenosis").
_CONDITION_NAME = re.compile(r"\b(?:[a-z]+(?:al|ar|ic|oid) )?([a-z]{3,}(?:itis|osis|algia|pathy))\b")
# Words of that form that are no condition.
_NOT_CONDITIONS = frozenset({
    "diagnosis", "prognosis", "hypnosis", "osmosis", "symbiosis", "metamorphosis", "nostalgia",
    "empathy", "sympathy", "telepathy", "apathy", "antipathy",
})
# A syndrome by the one or two words before it ("carpal tunnel syndrome"), not words that name none.
_SYNDROME_NAME = re.compile(r"\b((?:[a-z'-]+ ){1,2})syndrome\b")
_NOT_A_NAME = frozenset({
    "a", "an", "the", "this", "that", "my", "your", "his", "her", "their", "our", "its", "it", "of", "what", "is",
    "was", "are", "does", "do", "with", "have", "has", "had", "about", "for", "from", "called", "named", "and",
    "or", "any", "some", "same", "kind", "type", "sort", "rare", "new", "i", "me", "got", "get",
})
_DEFINITION_HEADING = re.compile(r"\s*what\s+(?:is|are)\b", re.IGNORECASE)
# A short question that is a condition and the word for its treatment ("apnea treatment", "RLS
# treatment?": session 32's tester got the passage on what sleep apnea is).
_ENDS_WITH_TREATMENT = re.compile(r"\b(?:treatments?|therapy|therapies|cures?|remedy|remedies)\W*$", re.IGNORECASE)
_SHORT_TREATMENT_QUESTION = 5  # words
# Words before a treatment, and after it, that say the visitor wants something else (see
# declined_treatments). Not "stop", "quit" or "come off": how to stop a medicine is a question about it.
_DECLINING = frozenset({
    "without", "refuse", "refuses", "refused", "refusing", "avoid", "avoids", "avoiding", "instead", "rather",
    "than", "not", "no", "non", "never", "n't", "nt", "dont", "doesnt", "wont", "aint", "hate", "hates", "besides",
    "alternative", "alternatives", "tried", "except"})
_DECLINING_AFTER = frozenset({"n't", "nt", "not", "never", "aint"})
_DECLINE_BEFORE, _DECLINE_AFTER = 4, 2
# A carer asks in the third person ("my mom's knees ache, she hardly sleeps"); the articles
# speak of "patients" and "individuals". Who is meant says nothing about which passage fits:
# an adult relative and the pronouns for them are left out of the words scored (children are
# not: the library is not about children's sleep).
_DESCRIBED = (r"(?:\d+[- ]?(?:years?|yrs?)[- ]?old\s+|\d+\s+)?"
              r"(?:(?:elderly|old|older|aging|ageing|late|dear|poor|frail|retired|widowed)\s+){0,2}")
_RELATIVE = (r"(?:(?:mother|father)[- ]in[- ]law|in[- ]laws?|mom|mum|mommy|mother|mam|dad|daddy|father|"
             r"husband|hubby|wife|partner|spouse|boyfriend|girlfriend|fianc[eé]e?|grandmother|grandma|granny|gran|"
             r"grandfather|grandpa|grandad|granddad|nan|nana|aunt|auntie|uncle|brother|sister|friend|neighbou?r|"
             r"parents?)")
_CARER = re.compile(
    rf"\b(?:(?:my|our|his|her|their)\s+{_DESCRIBED}{_RELATIVE}(?:['’]s)?|{_RELATIVE}['’]s"
    r"|(?:he|she)(?:['’](?:s|d|ll|ve))?|him|his|her|hers|himself|herself)\b",
    re.IGNORECASE,
)


# Words by which a message points back at what was said before ("does pain make it worse?",
# "and the treatment?", "what about yoga?", "how exactly?").
_REFERRING = frozenset({"it", "its", "it's", "that", "that's", "thats", "this", "those", "these", "they", "them",
                        "their", "one", "ones", "else", "other", "others", "another"})
_CONTINUING = frozenset({"and", "so", "but", "also", "or", "then", "ok", "okay", "what about", "how about"})
_SHORT = 3
# A question that ends on a verb with no object asks it of what was just said: "how would a doctor
# check?" after a question on numb hands (session 48's tester got the current article's passage
# on consulting a provider, not the added article's on diagnosis).
_ENDS_WITHOUT_ITS_OBJECT = re.compile(
    r"\b(?:check|test|diagnose|treat|confirm|fix|cure|examine|assess|measure|rule out|find out)\W*$")
MORE_WORDS = 8  # a longer message asking "what else" asks something of its own
EXCLUDED = -1e9  # the score of a passage never to be sent (finite: scores reach the client's JSON)
# Whole messages that ask for more ("more?", "ok and?"): words too common to be phrases of their own.
_MORE = (["more"], ["more", "please"], ["and", "more"], ["and"], ["ok", "and"], ["okay", "and"], ["and", "then"],
         ["so", "and"])
# After a treatment question's phrase: words that point back ("what can I do about him"), words
# for everything told ("is there a cure for all of it"), and words that say nothing of what it is
# about ("what can I do now?"; "to" in "what can I do to sleep better?").
_POINTING = frozenset({"him", "he", "she", "such"})
_OBJECT_WORDS = 5
CENTRAL_SHARE = 0.5  # a word this share of the passages use is the library's subject
# How much more often (natural log) an article uses a word of its own than English does, for the
# word to say a question is about the article: "hand" 5.1 and "foot" 6.3 against "change" 3.1 and
# "stand" 4.6 (measured on the development articles, session 43).
ARTICLE_WORD_KEYNESS = 5.0
# A long passage's later sentences are sent instead of its opening when they fit the question this
# much better (Weights.semantic x cosine + Weights.lexical x TF-IDF cosine; session 43).
EXCERPT_MARGIN = 0.1
_ALL_OF_IT = frozenset({"all", "both", "everything", "each", "every", "any"})
_FILLERS = frozenset({"now", "then", "here", "please", "pls", "plz", "to", "so", "about", "for", "with", "at",
                      "tonight", "today", "myself", "though", "tho", "lol", "actually", "really", "even"})


# Sounds, not words: they say how the visitor feels, never what they ask (see says_nothing; the
# hesitations knowledge/chat_words.yml drops, "hmm", "um", "lol", are gone before this is read).
# A bare "what?" or "pardon?" says the reply was not understood: not a follow-up asking for
# another passage (session 47's tester got the insomnia passage after one on sleep apnea).
_SIGHS = frozenset({"ugh", "ughh", "urgh", "argh", "hmmm", "hm", "meh", "er", "erm", "ah",
                    "oh", "eh", "huh", "pfft", "wow", "x", "xx", "xxx", "what", "wut", "pardon"})


def keyness(token: str, counts: Counter) -> float:
    """How much more often ``counts`` (an article's words) use ``token`` than English does: the
    natural log of the ratio of its share of them to its probability in English."""
    return math.log(counts[token] / sum(counts.values())) - word_log_probability(token) if counts[token] else -math.inf


def refers_back(text: str, short: int = _SHORT) -> bool:
    """Whether a message speaks as a follow-up: a word that points back, a start that continues,
    or ``short`` words or fewer, too few to ask anything alone."""
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    if len(words) <= short:
        return True
    return (bool(_REFERRING & set(words)) or words[0] in _CONTINUING or " ".join(words[:2]) in _CONTINUING
            or _ENDS_WITHOUT_ITS_OBJECT.search(" ".join(words)) is not None)


# "what about swimming?" after "is yoga safe with bad knees?": the same question of another subject.
_SAME_QUESTION_OF = re.compile(r"^\W*(?:(?:and|ok|okay|so)\W+)?(?:what|how) about\b|^\W*and (?:for|with)\b",
                               re.IGNORECASE)


def asks_the_same_of(text: str, previous: str, max_words: int) -> bool:
    """Whether a short message asks the previous question again of another subject ("what about
    swimming?", "and for RLS?"): it then asks for what the previous one asked for (a number, a
    treatment, a risk, a position), whether or not it names something."""
    return bool(previous) and len(text.split()) <= max_words and _SAME_QUESTION_OF.search(text) is not None


_POINTER_WORDS = frozenset({"it", "this", "that"})
# "is it true sleep apnea makes pain worse?" asks about a claim, not "is it sleep apnea?" (session
# 48's visitor tester got the refusal to diagnose first).
_ABOUT_A_CLAIM = frozenset({"true", "right", "correct", "possible", "common", "normal", "usual", "typical", "likely",
                            "safe", "worth", "ok", "okay", "bad", "good", "better", "worse", "rare", "unusual"})


def _names_a_condition(terms: dict[str, str]) -> bool:
    return any(kind in CONDITION_ENTITIES for kind in terms.values())



ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?![\w-])")


class Acronyms:
    """A term's short form as the library writes it ("plmd" -> "PLMD"): the sentence-embedding
    model reads a lower-case acronym as an unknown word (session 32's tester: "what is plmd" got
    the honest no, "what is PLMD" its passage). Only short forms that name a term of terms.yml
    and that an article writes in capitals are restored, so "us" never becomes "US"."""

    def __init__(self, forms: dict[str, str]) -> None:
        self.forms = forms
        self.pattern = (re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
                                   + r")(?![\w-])", re.IGNORECASE) if forms else None)

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda match: self.forms[match.group(0).lower()], text)


def library_acronyms(passages: Iterable[Passage], vocabulary: Vocabulary) -> Acronyms:
    forms = {}
    for passage in passages:
        for written in (passage.text, *passage.headings):
            for match in ACRONYM.finditer(written):
                word = match.group(0)
                if len(word) >= 2 and vocabulary.canonical(word) is not None:
                    forms[word.lower()] = word
    return Acronyms(forms)


# How to reach the visitor is no part of the question: "my telephone is 020 7946 0123. does poor
# sleep make back ache worse?" got the honest no (session 46's tester; without it, the passage).
_CONTACT = re.compile(
    # ... only before the number or address itself: "my phone is always by my bed" is a question on screens.
    r"\b(?:(?:my|our|the) )?(?:tele)?(?:phone|mobile|cell|email|e-mail)(?: number| address| no\.?)?(?: is| ?:)\s*"
    r"(?=[+(]?\d|[\w.+-]+@)"
    r"|\b(?:you can )?(?:reach|call|text|email|ring) (?:me|us) (?:on|at)\s*(?=[+(]?\d|[\w.+-]+@)"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/.:-])\+?\(?\d[\d ().-]{5,}\d(?![\w/:-]|\.\d)")
MIN_PHONE_DIGITS = 7  # "2 - 3 - 4 hours" is no phone number


def _without_phone_numbers(text: str) -> str:
    return _PHONE.sub(lambda m: " " if sum(c.isdigit() for c in m.group()) >= MIN_PHONE_DIGITS else m.group(), text)


def visitor_voice(text: str) -> str:
    """The question without who it is about: "my wife's legs twitch while she's asleep" ->
    "legs twitch while asleep"; nor how to reach the visitor (a phone number, an email)."""
    return " ".join(_CARER.sub(" ", _without_phone_numbers(_CONTACT.sub(" ", text))).split()) if text else text


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # in any script

# The reason of a practical question's "no" (costs, insurance, appointments; knowledge/logistics.yml).
PRACTICAL = "logistics"
# A question on how a condition is treated that no vetted passage answers (replies name the condition).
ASKS_FOR_TREATMENT = "asks_for_treatment"


@dataclass(frozen=True)
class Answer:
    passages: tuple[Passage, ...]  # empty when there is no vetted answer
    topic: Topic | None
    score: float
    # "retrieved", "chosen", "not_covered", "logistics", "not_answered", "asks_for_a_number",
    # "asks_for_treatment", "asks_about_risks", "asks_about_position" or "below_threshold"
    reason: str
    related: tuple[Topic, ...] = field(default=())
    alternative: Passage | None = None  # a passage that fits almost as well
    condition: str | None = None  # the condition named, when there is no answer
    runner_up: tuple[str, float] | None = None  # the best passage not sent, and its score
    # What of each passage is sent, when one is longer than a message (see KnowledgeIndex.excerpt).
    excerpts: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        if self.excerpts and len(self.excerpts) != len(self.passages):
            raise ValueError("an answer's excerpts go one to one with its passages")

    @property
    def found(self) -> bool:
        return bool(self.passages)


def lead_in_parts(passages: Iterable[Passage]) -> dict[str, tuple[Passage, ...]]:
    """Each section passage that only leads in to its sub-sections (LEAD_IN_WORDS, MAX_PARTS),
    with those sub-sections in the article's order."""
    by_section: dict[tuple[str, str], list[Passage]] = {}
    for passage in passages:
        if passage.headings:
            by_section.setdefault((passage.article.slug, passage.headings[0]), []).append(passage)
    parts = {}
    for section in by_section.values():
        own = [p for p in section if len(p.headings) == 1]
        subsections = tuple(p for p in section if len(p.headings) > 1)
        if len(own) == 1 and 0 < len(subsections) <= MAX_PARTS and len(own[0].text.split()) <= LEAD_IN_WORDS:
            parts[own[0].id] = subsections
    return parts


class KnowledgeIndex:
    """All passages, indexed once at start-up; ``answer`` is cheap per question."""

    def __init__(
        self, passages: list[Passage], topics: list[Topic], vocabulary: Vocabulary, nlp: Language,
        menu: list[Topic] | None = None, embedder: SentenceEmbedder | None = None, weights: Weights | None = None,
        examples: dict[str, tuple[str, ...]] | None = None, logistics: Iterable[str] = (),
        unanswered: Iterable[str] = (), chat_words: dict[str, str] | None = None,
        number_questions: Iterable[str] = (),
        treatment_questions: Iterable[str] = (),
        what_to_do_questions: Iterable[str] = (),
        risk_questions: Iterable[str] = (),
        position_questions: Iterable[str] = (),
        comparison_questions: Iterable[str] = (),
        pregnancy_phrases: Iterable[str] = (),
        child_phrases: Iterable[str] = (),
        source_questions: Iterable[str] = (),
        diagnosis_questions: Iterable[str] = (),
        booking_details: Iterable[str] = (),
        sayings: Iterable[str] = (),
        privacy_questions: Iterable[str] = (),
        emergency_number_questions: Iterable[str] = (),
        promise_questions: Iterable[str] = (),
        dose_questions: Iterable[str] = (),
        open_diagnosis_questions: Iterable[str] = (),
        told_diagnosis_phrases: Iterable[str] = (),
        more_questions: Iterable[str] = (),
        complaint_phrases: Iterable[str] = (),
        section_kinds: Iterable[SectionKind] = (),
        meanwhile: KnowledgeIndex | None = None,
    ):
        """``examples``: passage id -> visitors' questions it answers (knowledge/examples/);
        ``logistics``: phrases of questions on cost, insurance, appointments or tests
        (knowledge/logistics.yml), which no passage answers; ``unanswered``: questions no
        passage answers (knowledge/not_answered.yml); ``chat_words``: shorthand and slang -> plain
        words (knowledge/chat_words.yml, read from there when not given); ``number_questions``:
        phrases of questions that ask for a number (knowledge/number_questions.yml), which only
        a passage that gives one answers; ``treatment_questions``, ``risk_questions`` and
        ``position_questions``: the same for how a condition is treated, for safety and risks and
        for how to lie in bed (assistant/asked_for.py); ``what_to_do_questions``: phrases of
        questions on what helps that need not say with what ("what can I do?": the overview of treatment);
        ``diagnosis_questions``: phrases of
        questions whether someone has a condition (see asks_whether_has);
        ``sayings``: everyday sayings that use a practical phrase in another sense;
        ``booking_details``: what a request to book may also ask that the offer to book does not
        answer (knowledge/logistics.yml's ``booking_details:``); ``privacy_questions``: phrases of
        questions about the visitor's own data (see asks_about_privacy); ``emergency_number_questions``:
        phrases of questions which number to call (see asks_for_emergency_numbers); ``promise_questions``:
        phrases of questions that ask for a promise of results (see asks_for_a_promise); ``dose_questions``:
        phrases of questions that ask how much of a medicine to take (see asks_about_a_dose);
        ``open_diagnosis_questions``: phrases of questions that ask what condition someone has
        without naming one (see asks_whether_has); ``told_diagnosis_phrases``: phrases with which a
        visitor tells a diagnosis (see tells_a_diagnosis); ``more_questions``: phrases that ask for
        more than the passage just sent (see asks_for_more);
        ``complaint_phrases``: what visitors say when the assistant does not help (see complains);
        ``section_kinds``: kinds of section with generic questions, for the passages nobody taught
        (knowledge/section_kinds.yml, assistant.section_kinds);
        ``meanwhile``: the library serving now, whose passage classifier answers for this one until
        ``finish_fitting`` (a library saved while the assistant runs)."""
        self.plain_words = PlainWords(load_chat_words() if chat_words is None else chat_words)
        examples, logistics, unanswered = examples or {}, tuple(logistics), tuple(unanswered)
        # A phrase an article itself uses (e.g. one on diagnosis that speaks of a "blood test") is
        # the library's subject there, not a practical question it cannot answer.
        library_logistics = LogisticsPhrases(logistics)
        used = {phrase for p in passages for phrase in library_logistics.every(p.text)}
        self.logistics = LogisticsPhrases(p for p in logistics if " ".join(p.lower().split()) not in used)
        # Nor is an everyday saying that uses such a phrase in another sense ("I pay for it at
        # night"; knowledge/logistics.yml's ``sayings:``): a practical phrase overlapping either is
        # not one.
        self._other_senses = LogisticsPhrases([*used, *sayings])
        self._booking_details = LogisticsPhrases(booking_details)
        self.number_questions = QuestionPhrases(number_questions)
        # The same matcher for the phrases of assistant/asked_for.py's files.
        self.treatment_questions = QuestionPhrases(treatment_questions)
        self.what_to_do_questions = QuestionPhrases(what_to_do_questions)
        self.risk_questions = QuestionPhrases(risk_questions)
        self.position_questions = QuestionPhrases(position_questions)
        self.comparison_questions = QuestionPhrases(comparison_questions)
        self.pregnancy_phrases = QuestionPhrases(pregnancy_phrases)
        self.child_phrases = QuestionPhrases(child_phrases)
        self.source_questions = QuestionPhrases(source_questions)
        self._diagnosis_questions = QuestionPhrases(diagnosis_questions)
        self._privacy_questions = QuestionPhrases(privacy_questions)
        self._emergency_number_questions = QuestionPhrases(emergency_number_questions)
        self._promise_questions = QuestionPhrases(promise_questions)
        self._dose_questions = QuestionPhrases(dose_questions)
        self._open_diagnosis_questions = QuestionPhrases(open_diagnosis_questions)
        self._told_diagnosis = QuestionPhrases(told_diagnosis_phrases)
        self._more_questions = QuestionPhrases(more_questions)
        self._complaint_phrases = QuestionPhrases(complaint_phrases)
        self.passages = passages
        # Sections with sub-sections: their own passage introduces the parts (see _overview_of_treatment).
        self._divided = {(p.article.slug, p.headings[0]) for p in passages if len(p.headings) > 1}
        self._parts = lead_in_parts(passages)
        self.topics = topics
        self.menu = menu or topics[:4]
        self.weights = weights or Weights()
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
        embedder = embedder or default_embedder()
        in_topics = {passage_id for topic in topics for passage_id in topic.passages}
        # A passage nobody taught meets visitors' words for its kind of section (assistant.section_kinds).
        generic = section_questions(passages, section_kinds, {*examples, *in_topics})
        # Per article, the words it uses that no generic question does: what a question is about.
        generic_words = {w.lower() for kind in section_kinds for q in kind.questions for w in _WORD.findall(q)}
        self._about = {p.article.slug: set() for p in passages}
        for p in passages:
            written = _WORD.findall(" ".join([p.article.title, *p.headings, p.text]))
            self._about[p.article.slug].update(w.lower() for w in written if w.lower() not in generic_words)
        self._article_of = np.asarray([p.article.slug for p in passages], dtype=object)
        self._semantic = SemanticIndex(
            [" ".join([p.article.title, *p.headings, p.text]) for p in passages], [p.text for p in passages],
            embedder, [examples.get(p.id, ()) for p in passages], tuple(unanswered),
            generic=[generic.get(p.id, ()) for p in passages],
        )
        library_words = _WORD.findall(" ".join([*documents, *(q for qs in examples.values() for q in qs),
                                                *(s for t in vocabulary.terms for s in t.synonyms)]))
        # The words of the two honest-no files are the library's too: "medicare" is not "medical".
        honest_no = _WORD.findall(" ".join([*logistics, *unanswered]))
        self.speller = Speller([*library_words, *honest_no], known_english())
        self._acronyms = library_acronyms(passages, vocabulary)
        self._library_words = frozenset(w.lower() for w in library_words)
        # What the articles themselves mention (not the examples: a question on restless legs
        # that mentions plantar fasciitis does not make the library cover it).
        self._mentioned_words = frozenset(w.lower() for p in self.passages
                                        for w in _WORD.findall(" ".join([p.article.title, *p.headings, p.text])))
        self._rare = rare_words()
        # Documents are analysed here; a query arrives already analysed (a token list).
        self._vectorizer = TfidfVectorizer(
            analyzer=lambda doc: doc if isinstance(doc, list) else self._analyse(doc, True)[0], sublinear_tf=True
        )
        matrix = self._vectorizer.fit_transform(documents).tocsc()
        # An inverted index: token -> (passages it occurs in, their weights). Scoring a query
        # reads only the postings of its own tokens.
        self._idf = dict(zip(self._vectorizer.get_feature_names_out(), self._vectorizer.idf_, strict=True))
        self._postings = {}
        for token, j in self._vectorizer.vocabulary_.items():
            column = slice(matrix.indptr[j], matrix.indptr[j + 1])
            self._postings[token] = (matrix.indices[column], matrix.data[column])
        # The library's own subject: words most of its passages use ("sleep", "pain").
        self._central_words = frozenset(token for token, (where, _) in self._postings.items()
                                        if len(where) >= CENTRAL_SHARE * len(passages))
        self._analyse = functools.lru_cache(maxsize=4096)(self._analyse)
        # A message is read once however many checks ask (answer, asks_practical, asks_whether_has ...).
        self._read = functools.lru_cache(maxsize=1024)(self._read)
        # Pieces of words (3 to 5 letters within a word): "sleepin", "achey" and "hurtin" still
        # meet "sleeping", "aches" and "hurt", where whole words and lemmas do not.
        characters = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True)
        character_matrix = characters.fit_transform(documents)
        self._character_vectorizer = characters
        self._character_grams = characters.build_analyzer()
        # A row per gram (vocabulary_: gram -> row) of the passages' weights, the gram's IDF folded in.
        self._character_rows = dict(characters.vocabulary_)
        self._character_idf = characters.idf_
        self._character_matrix = character_matrix.T.tocsr().multiply(characters.idf_[:, None]).tocsr()
        # Which passages name which term, in a heading or in the text: a condition is covered
        # when some passage names it, whatever terms.yml calls it.
        self._heading_terms: dict[str, list[int]] = {}
        self._text_terms: dict[str, list[int]] = {}
        covered: set[str] = set()
        title_terms: dict[str, set[str]] = {}
        self._subjects: list[frozenset[str]] = []
        self._names: list[frozenset[str]] = []  # the terms each passage names
        # A passage nobody taught yet (a new article's) is what the taught ones do not answer.
        untaught = [s for p in passages if not examples.get(p.id) for s in sentences(p.text)]
        self._classifier = PassageClassifier(embedder, [examples.get(p.id, ()) for p in passages],
                                             [*untaught, *unanswered], passage_ids=[p.id for p in passages],
                                             meanwhile=meanwhile._classifier if meanwhile else None)
        self._taught = np.asarray([bool(examples.get(p.id)) or p.id in in_topics for p in passages], dtype=bool)
        self._untaught_introduction = np.asarray([not p.headings for p in passages], dtype=bool) & ~self._taught
        for position, passage in enumerate(passages):
            title = title_terms.setdefault(passage.article.slug, set(self._analyse(passage.article.title)[1]))
            in_headings = set(self._analyse(" ".join(passage.headings))[1])
            in_text = set(self._analyse(passage.text)[1])
            covered |= title | in_headings | in_text
            self._subjects.append(frozenset(t for t in title if self._entity(t) in CONDITION_ENTITIES))
            self._names.append(frozenset(in_headings | in_text))
            # The article's own subject (named in its title) tells none of its passages apart.
            for term_id in in_headings - title:
                self._heading_terms.setdefault(term_id, []).append(position)
            for term_id in in_text - title:
                self._text_terms.setdefault(term_id, []).append(position)
        self.covered_terms = frozenset(covered)
        # A title names its article's subject in more words than the condition's own name: a
        # question about the jaw is on the subject of "Jaw Pain, Teeth Grinding and Sleep", though
        # only teeth grinding is a term. A word of such a title that no other article uses, and
        # that a quarter of its passages use ("jaw", not "guide"), names the subject as the term does.
        article_of = [p.article.slug for p in passages]
        size = Counter(article_of)
        # An article whose title names no condition terms.yml lists ("Carpal Tunnel Syndrome and
        # Sleep") has those words as its subject (id "title:<slug>"), so that staff need not add a
        # term for it. It is kept for questions that name it, but not held down on the others: a
        # question that names no condition may be about it. With one article, no word tells
        # articles apart.
        self._title_words: dict[str, frozenset[str]] = {}
        self._article_words: dict[str, frozenset[str]] = {}
        subject_of_article: dict[str, frozenset[str]] = {}
        self._word_subjects: set[str] = set()
        for position, passage in enumerate(passages):
            if position == 0 or article_of[position - 1] != article_of[position]:
                slug = article_of[position]
                words = [token for token in self._analyse(passage.article.title, True)[0]
                         if len(where := self._postings.get(token, ((),))[0]) >= max(2, size[slug] / 4)
                         and all(article_of[int(i)] == slug for i in where)]
                subject = self._subjects[position]
                if not subject and words and len(size) > 1:
                    subject = frozenset({f"title:{slug}"})
                    self._word_subjects |= subject
                    for i in range(position, position + size[slug]):
                        self._subjects[i] = subject
                        self._names[i] = self._names[i] | subject
                for token in words if subject else ():
                    self._title_words[token] = subject
                if subject and len(size) > 1:
                    subject_of_article[slug] = subject
        # Words of its own that a third of an article's passages use and no other article does
        # ("foot", "calf" for plantar fasciitis; "wrist" for carpal tunnel) say which article a
        # question is about, as its title's words do; but they rank its passages only
        # (fused_scores): unlike a name, such a word is often what is asked ("does morning
        # stiffness mean anything?"), so it is not taken out of the question. Only a word the
        # article uses far more often than English does (ARTICLE_WORD_KEYNESS): "change" and
        # "stand" said nothing of what a question was about, yet took the current article's
        # answers away from questions using them once articles on osteoarthritis and heel pain
        # were added (session 43).
        counts: dict[str, Counter] = {}
        for passage in passages if subject_of_article else ():
            for part in (" ".join(passage.headings), passage.text):
                counts.setdefault(passage.article.slug, Counter()).update(self._analyse(part, True)[0])
        for token, (where, _) in self._postings.items() if subject_of_article else ():
            used = {int(i) for i in where}
            slug = article_of[next(iter(used))]
            if (slug in subject_of_article and len(used) >= max(3, size[slug] / 3)
                    and all(article_of[i] == slug for i in used)
                    and keyness(token, counts[slug]) >= ARTICLE_WORD_KEYNESS):
                self._article_words[token] = subject_of_article[slug]
        self._has_subjects = any(self._subjects)
        # Where an article says what its subject is: its "What is ..." section, else its
        # introduction (the answer to a question that names the subject and nothing else).
        self._definition: dict[str, int] = {}
        for position in reversed(range(len(passages))):
            for subject in self._subjects[position]:
                first = position == 0 or article_of[position - 1] != article_of[position]
                heading = passages[position].headings[0] if passages[position].headings else ""
                if _DEFINITION_HEADING.match(heading) or (first and subject not in self._definition):
                    self._definition[subject] = position
        self._all_subjects = frozenset(t for subject in self._subjects for t in subject)
        # The words each subject's article uses (see _explained): the headings' and text's
        # analyses above, read again from _analyse's cache.
        self._subject_words: dict[str, set[str]] = {}
        for passage, subject in zip(passages, self._subjects, strict=True):
            for term_id in subject:
                self._subject_words.setdefault(term_id, set()).update(
                    *(self._analyse(part)[0] for part in (" ".join(passage.headings), passage.text)))

    def _analyse(self, text: str, where_it_hurts: bool = False) -> tuple[list[str], tuple[str, ...]]:
        """One spaCy pass: (index tokens, ids of the terms named). ``where_it_hurts``: keep the
        body parts (see lexical_scores)."""
        doc = self._nlp(text.lower())
        term_ids = tuple(ent.ent_id_ for ent in doc.ents if ent.ent_id_)
        # Where it hurts does not choose a taught passage: the current article names body parts
        # only in passing ("back, hip, or leg pain"), so a sore hip must not pull in the RLS passage.
        kinds = () if where_it_hurts else INCIDENTAL_ENTITIES
        incidental = {i for ent in doc.ents if ent.label_ in kinds for i in range(ent.start, ent.end)}
        incidental_ids = {ent.ent_id_ for ent in doc.ents if ent.label_ in kinds}
        tokens = [term_id for term_id in term_ids if term_id not in incidental_ids]
        tokens += [
            t.lemma_ for t in doc
            if t.is_alpha and t.i not in incidental and t.lemma_ not in STOP_WORDS and t.lemma_ not in _EXTRA_STOP
            and len(t) > 1
        ]
        return tokens, term_ids

    def without_subject(self, text: str, subjects: set[str]) -> str:
        """The question without its mentions of an article's subject ("why is my sciatica worse
        at night" -> "why is my worse at night"): the subject says which article, and every
        passage of that article is about it, so it must not decide which of them answers (the
        one that repeats the name most, often the introduction, would take every question).
        Unchanged when nothing else would be left ("what is sciatica")."""
        return self._split_subject(text, subjects)[0]

    def only_the_name(self, text: str, subjects: set[str]) -> bool:
        """The question names one of the subjects and asks nothing else ("what is sciatica",
        "tell me about carpal tunnel", "fibro?")."""
        return self._split_subject(text, subjects)[1]

    def _split_subject(self, text: str, subjects: set[str]) -> tuple[str, bool]:
        """(without_subject, only_the_name) from one reading of the text."""
        stripped = self._strip(text, subjects)
        if stripped is None:
            return text, False
        asks_more = bool(self._analyse(stripped)[0])
        return (stripped if asks_more else text), not asks_more

    def _strip(self, text: str, subjects: set[str]) -> str | None:
        """The text without its mentions of the subjects; None when it names none of them."""
        if not subjects:
            return None
        lowered = text.lower()
        doc = self._nlp(lowered)
        spans = [(e.start_char, e.end_char) for e in doc.ents if e.ent_id_ in subjects]
        # A subject of a title's own words is named by those words ("carpal", "tunnel").
        spans += [(t.idx, t.idx + len(t)) for t in doc
                  if self._title_words.get(t.lemma_, frozenset()) & subjects & self._word_subjects]
        spans.sort()
        if not spans:
            return None
        source = text if len(lowered) == len(text) else lowered  # the entities' offsets are the lower case's
        kept, last = [], 0
        for start, end in spans:
            kept.append(source[last:start])
            last = end
        kept.append(source[last:])
        return " ".join("".join(kept).split())

    def _explained(self, phrase: str, subjects: set[str]) -> bool:
        """Whether the article of a subject the question names speaks of what a practical phrase
        asks about ("how do they test for carpal tunnel": an article that explains the tests for
        it): then retrieval decides, not the logistics list. "does insurance cover PRP?" stays
        practical where no article of that subject speaks of insurance."""
        words = set(self._analyse(phrase)[0])
        return bool(words) and any(words <= self._subject_words.get(subject, set()) for subject in subjects)

    def _word_subjects_in(self, text: str) -> set[str]:
        """The subjects of titles' own words that the text names (see __init__)."""
        return {subject for token in self._analyse(text, True)[0]
                for subject in self._title_words.get(token, ()) if subject in self._word_subjects}

    def declined_treatments(self, text: str) -> set[str]:
        """Treatments the question names as what the visitor does not want or has tried ("she
        refuses sleeping pills", "without painkillers", "sleeping pills aint it"): it asks for
        something else, which a passage may answer."""
        doc = self._nlp(text.lower())
        declined = set()
        for ent in doc.ents:
            if ent.label_ != "treatment":
                continue
            before = [t.lower_ for t in doc[max(0, ent.start - _DECLINE_BEFORE):ent.start]]
            after = [t.lower_ for t in doc[ent.end:ent.end + _DECLINE_AFTER]]
            if any(word in _DECLINING for word in before) or any(word in _DECLINING_AFTER for word in after):
                declined.add(ent.ent_id_)
        return declined

    def _unheard_of(self, text: str) -> bool:
        """The question uses a rare English word that no passage, example or term uses."""
        return any(w in self._rare and w not in self._library_words for w in _WORD.findall(text.lower()))

    def unmentioned_condition(self, text: str) -> str | None:
        """The first condition ``text`` names by its form (bursitis, stenosis, neuropathy; a
        syndrome) that no article mentions: a new article that does is answered with no edit elsewhere."""
        lowered = " ".join(text.lower().split())
        named = next((found.group(0) for found in _CONDITION_NAME.finditer(lowered)
                      if found.group(1) not in _NOT_CONDITIONS and found.group(1) not in self._mentioned_words), None)
        if named:
            return named
        # "what is carpal tunnel syndrome?" got the passage on restless leg syndrome (session 45's
        # staff tester): a syndrome named in words no article uses (not one misspelt: "restles legs").
        for found in _SYNDROME_NAME.finditer(lowered):
            words = [w for w in found.group(1).split() if w not in _NOT_A_NAME]
            if words and not any(w in self._mentioned_words for w in words):
                return " ".join([*words, "syndrome"])
        return None

    def tokens(self, text: str) -> list[str]:
        return list(self._analyse(text)[0])

    def says_nothing(self, text: str) -> bool:
        """Whether a message holds no word once chat words are left out ("hmm", "lol", "..."), or
        no word the library or English knows beyond a sigh, and no number: keyboard noise
        ("xxxxxxxx", "asdfgh") and "ugh" ask nothing, not even about what was said before (after a
        question on sleep apnea, "xxxxxxxx" got its passage again; session 25's tester). The NLU's
        guess for such a message means nothing either."""
        read = self._read(text)
        if not _LETTER_OR_DIGIT.search(read):
            return True
        words = _WORD.findall(read.lower())
        return not re.search(r"\d", read) and not any(self.speller.knows(w) and w not in _SIGHS for w in words)

    def finish_fitting(self) -> None:
        """Fit the passage classifier if it was left for later (see ``meanwhile``)."""
        self._classifier.finish_fitting()

    @property
    def fitting_left(self) -> bool:
        return self._classifier.fitting_left

    def is_taught(self, passage_id: str) -> bool:
        """Whether staff taught the passage (example questions or a topic): a new article's are not."""
        return bool(self._taught[self._position[passage_id]])

    def names_a_subject(self, text: str) -> bool:
        """Whether the message names a condition or a treatment (terms.yml's)."""
        return any(kind in SUBJECT_ENTITIES for kind in self.terms_in(self._read(text)).values())

    def names_what_it_covers(self, text: str) -> bool:
        """Whether the message names a condition or a treatment some article covers, by a term of
        terms.yml or by its article's title ("carpal tunnel")."""
        read = self._read(text)
        named = self.terms_in(read).items()
        return (any(kind in SUBJECT_ENTITIES and term in self.covered_terms for term, kind in named)
                or bool(self._word_subjects_in(read)))

    def names_a_title_subject(self, text: str) -> bool:
        """Whether the message names an article's subject by its title's words (an article whose
        condition terms.yml does not list): words the NLU never learnt from."""
        return bool(self._word_subjects_in(self._read(text)))

    def names_nothing(self, text: str) -> bool:
        """Whether no word of the message is one the library's passages are indexed by ("why?",
        "how come?", "tell me more"): it can only ask about what was said before."""
        return not any(token in self._idf for token in self._analyse(self._read(text))[0])

    def asks_practical(self, text: str) -> bool:
        """Whether the message asks about the practical side of care (knowledge/logistics.yml):
        where the clinic is, its number, costs, insurance, appointments."""
        return bool(self.logistics.all_found(self._read(text), self._other_senses))

    def asks_about_privacy(self, text: str) -> bool:
        """Whether the message asks about the visitor's own data (knowledge/privacy_questions.yml:
        "what do you keep about me?", "please delete my chat", "who can read this?")."""
        # As typed as well: the speller reads words the library never uses ("hipaa") as others.
        return self._privacy_questions.asks(text) or self._privacy_questions.asks(self._read(text))

    def asks_for_emergency_numbers(self, text: str) -> bool:
        """Whether the message asks which number to call in an emergency, a poisoning or a crisis
        (knowledge/emergency_number_questions.yml: "what number do I call in an emergency?")."""
        return self._emergency_number_questions.asks(text) or self._emergency_number_questions.asks(self._read(text))

    def complains(self, text: str) -> bool:
        """Whether the visitor says the assistant does not help (knowledge/complaint_phrases.yml:
        "you're useless", "stop sending me the same links")."""
        return self._complaint_phrases.asks(text) or self._complaint_phrases.asks(self._read(text))

    def asks_for_a_promise(self, text: str) -> bool:
        """Whether the question asks for a promise of results (knowledge/promise_questions.yml:
        "will CBT-I cure my insomnia?", "guarantee?")."""
        return self._promise_questions.asks(question_part(self._read(text)))

    def asks_about_a_dose(self, text: str) -> bool:
        """Whether the message asks how much of a medicine to take or names an amount of one
        (knowledge/dose_questions.yml: "how much should I take?"; "is 10mg too much"), read in plain
        words ("how dose pain affect sleep" asks how it does)."""
        return names_a_dose(text) or self._dose_questions.asks(self._read(text))

    def asks_to_change_treatment(self, text: str) -> bool:
        """Whether the question asks whether to stop, skip or change a treatment ("should I stop
        my CPAP?", "should I ask for more?"; see assistant.asked_for.CHANGE_QUESTION)."""
        asked = question_part(self._read(text))
        change = CHANGE_QUESTION.search(asked)
        if change is None:
            return False
        rest = asked[change.start():]
        named = self.terms_in(rest).items()
        return (change.group("verb").lower() in AMOUNT_CHANGES or TREATMENT_THINGS.search(rest) is not None
                or any(kind == "treatment" and term not in SELF_CARE_TERMS for term, kind in named))

    def asks_whether_has(self, text: str, context: Iterable[str] = ()) -> bool:
        """Whether the message asks if someone has a condition (knowledge/diagnosis_questions.yml):
        a phrase followed within three words by a condition's name ("Is this PLMD?", "does my
        husband have restless legs?"), or by "it" or "that" when an earlier turn named one ("so
        you think I have it?"); not "is it treatable?" nor "what is it like to have RLS?". Or what
        someone has, naming no condition (knowledge/open_diagnosis_questions.yml: "what could that be?")."""
        read = question_part(self._read(text))
        if self._open_diagnosis_questions.asks(read):
            return True
        for end in self._diagnosis_questions.ends(read):
            following = read[end:].split()[:3]
            first = following[0].lower().strip("?.!,") if following else ""
            if first in _ABOUT_A_CLAIM:
                continue
            if _names_a_condition(self.terms_in(" ".join(following))):
                return True
            if first in {"it", "that", "this"} and _names_a_condition(
                    self._context_terms(context)):
                return True
        return False

    def asks_for_more(self, text: str) -> bool:
        """Whether a short message asks for more than what was just sent ("what else?", "tell me
        more", "more?"; knowledge/more_questions.yml), in at most MORE_WORDS words."""
        words = re.findall(r"[a-z']+", text.lower())
        if not words or len(words) > MORE_WORDS:
            return False
        return words in _MORE or self._more_questions.asks(self._read(text))

    def tells_a_diagnosis(self, text: str, context: Iterable[str] = ()) -> bool:
        """Whether the message tells a condition someone has been diagnosed with, followed within
        three words by its name (knowledge/told_diagnosis_phrases.yml: "I have fibromyalgia, does
        it affect sleep?"), and does not ask whether someone has one (see asks_whether_has)."""
        read = self._read(text)
        ends = self._told_diagnosis.ends(read)
        told = any(_names_a_condition(self.terms_in(" ".join(read[end:].split()[:3]))) for end in ends)
        # "what's osteoarthritis exactly? my doc said i have it in my knee" (session 45's tester got
        # the refusal to diagnose first): "it" for a condition the message names.
        told = told or (any(next(iter(read[end:].split()), "") in _POINTER_WORDS for end in ends)
                        and _names_a_condition(self.terms_in(read)))
        return told and not self.asks_whether_has(text, context)

    def _context_terms(self, context: Iterable[str | None]) -> dict[str, str]:
        """The terms the conversation's earlier turns named (the slots' values)."""
        return self.terms_in("", (("context", v) for v in context if v))

    def asks_for_treatment(self, asked: str) -> bool:
        """Whether a question asks how something is treated: a phrase of
        knowledge/treatment_questions.yml or knowledge/what_to_do_questions.yml, or a few words
        that end with the word for a treatment."""
        return self.treatment_questions.asks(asked) or self.what_to_do_questions.asks(asked) or (
            len(asked.split()) <= _SHORT_TREATMENT_QUESTION and _ENDS_WITH_TREATMENT.search(asked) is not None)

    def _treatment_object(self, asked: str) -> str:
        """What a treatment question says it is about, in the words after its phrase ("what can
        help with ..."): "pointer" (it, that, them), "all" (all of it, both, everything), "named"
        (the library's words: "the pain at night"), "unknown" (other words), or "none" (nothing:
        "what can I do?")."""
        ends = [*self.treatment_questions.ends(asked), *self.what_to_do_questions.ends(asked)]
        words = re.findall(r"[a-z']+", asked[max(ends):].lower().replace("’", "'")) if ends else []
        while words and words[0] in _FILLERS:
            words = words[1:]
        if not words:
            return "none"
        if words[0] in _ALL_OF_IT:
            return "all"
        if words[0] in _REFERRING | _POINTING or (words[0] == "her" and len(words) == 1):
            return "pointer"
        # Named in the library's own words ("the pain at night", "my sleep"), not a condition it
        # does not know ("the best treatment for frozen sholder" keeps its honest no).
        tokens = self._analyse(" ".join(words[:_OBJECT_WORDS]), True)[0]
        return "named" if tokens and all(token in self._idf for token in tokens) else "unknown"

    def _speaks_of_library(self, text: str) -> bool:
        """Whether ``text`` uses a word most of the library's passages use ("sleep", "pain")."""
        return not self._central_words.isdisjoint(self._analyse(text, True)[0])

    def asks_booking_details(self, text: str) -> bool:
        """Whether a request to book also asks what the offer to book does not say (a cost, the
        wait, a video visit; knowledge/logistics.yml's ``booking_details:``)."""
        return bool(self._booking_details.all_found(self._read(text)))

    def in_plain_words(self, text: str) -> str:
        """The message as retrieval reads it (see _read): "how dose pian efect slep" asks how pain
        affects sleep, not about a dose."""
        return self._read(text)

    def _read(self, text: str) -> str:
        """The message as retrieval reads it: without markup, in plain words, spelt right."""
        return self._acronyms(self.speller.correct(self.plain_words(unshouted(without_markup(text)))))

    def asks_about_sources(self, text: str) -> bool:
        """"Who wrote this? Is it reviewed by a doctor?" (knowledge/source_questions.yml)."""
        return self.source_questions.asks(text)

    @property
    def articles(self) -> list[Article]:
        """The library's articles, in the order of their first passage."""
        return list(dict.fromkeys(p.article for p in self.passages))

    def about_whom(self, text: str) -> str | None:
        """"pregnancy" or "child" when the message is about a pregnancy or a child, whose own
        clinician should be asked too (knowledge/pregnancy_phrases.yml, child_phrases.yml); else None."""
        if self.pregnancy_phrases.asks(text):
            return "pregnancy"
        if self.child_phrases.asks(text) or names_a_childs_age(text):
            return "child"
        return None

    def asks_something(self, text: str) -> bool:
        """Whether the message asks something, as typed or in plain words ("wat abt restles legs")."""
        return asks_something(text) or asks_something(self._read(text))

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

    def query_weights(self, text: str, where_it_hurts: bool = False) -> list[tuple[str, float]]:
        """The query weighted as the passages were (sublinear TF x IDF, L2-normalised)."""
        counts = Counter(token for token in self._analyse(text, where_it_hurts)[0] if token in self._idf)
        weights = {token: (1.0 + math.log(n)) * self._idf[token] for token, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return [(token, weight / norm) for token, weight in weights.items()]

    def fused_scores(
        self, text: str, intent: str | None, terms: dict[str, str], context_terms: dict[str, str],
        unsure: bool, chosen: bool, previous: str = "", subjects: frozenset[str] = frozenset(),
    ) -> tuple[np.ndarray, np.ndarray, dict[str, float], np.ndarray]:
        """Every passage's score: meaning and words, plus what the NLU and the conversation hint.

        ``subjects``: articles' subjects the question named, where ``text`` no longer says them
        (see without_subject). Returns the scores, the subject adjustment (which article a
        question is about: it ranks passages but does not make one fit the question better),
        each topic's prior (topic id -> bonus) for the topics that got one, and the word-by-word
        score (see word_by_word: it ranks too, and does not count towards the threshold).
        """
        w = self.weights
        fit = self.fit_scores(text)
        words = self.word_by_word(text, fit)
        scores = fit + w.classifier * self._classifier.probabilities(text)
        if previous:
            # A follow-up that names nothing is read in the light of the question before it.
            fit_before = self.fit_scores(previous)
            scores += w.previous * fit_before
            words += w.previous * self.word_by_word(previous, fit_before)
        prior = np.zeros(len(self.passages))
        topic_bonus: dict[str, float] = {}
        for topic in self.topics:
            bonus = self._bonus(topic, intent, terms, context_terms, unsure, chosen)
            if not bonus:
                continue
            topic_bonus[topic.id] = bonus
            for rank, passage_id in enumerate(topic.passages):
                position = self._position[passage_id]
                prior[position] = max(prior[position], bonus * (1.0 if rank == 0 else w.later_passage))
        for term_id, weight in [*((t, 1.0) for t in terms), *((t, w.context_term) for t in context_terms)]:
            # Where it hurts does not tell a taught passage from another: the current article's
            # pain is any pain, and its passage on restless legs names "back, hip, or leg pain" in
            # passing ("my hip hurts at night" got it: session 31's exploratory tester). It does
            # for a new article's passage (on heel pain, on the wrist), which nobody taught yet.
            incidental = self._entity(term_id) in INCIDENTAL_ENTITIES
            for where, bonus in ((self._heading_terms, w.term_in_heading), (self._text_terms, w.term_in_text)):
                for position in where.get(term_id, ()):
                    if not (incidental and self._taught[position]):
                        prior[position] = max(prior[position], bonus * weight)
        subject_adjustment = np.zeros(len(self.passages))
        if self._has_subjects:
            named = set(terms) | set(context_terms) | set(subjects)
            named |= set(self._analyse(previous)[1]) if previous else set()
            for said in (text, previous):
                for token in self._analyse(said, True)[0] if said else ():
                    named |= self._title_words.get(token, frozenset()) | self._article_words.get(token, frozenset())
            named_subjects = named & self._all_subjects
            for position, subject in enumerate(self._subjects):
                if subject & named:
                    subject_adjustment[position] = w.off_subject
                elif subject and not subject & self._word_subjects:
                    subject_adjustment[position] = -w.off_subject
                elif named_subjects and not named_subjects & self._names[position]:
                    # A question on the subject of an article is off the subject of a passage
                    # elsewhere that never names it.
                    subject_adjustment[position] = -w.elsewhere
        if self._semantic.has_generic and self._has_subjects:
            # A kind of section's generic questions ("should I get it looked at?") count as a
            # passage's examples only where the question or the conversation is on its article's
            # subject: they say what is asked, not about what (assistant.section_kinds).
            on_subject = (subject_adjustment > 0) & self._semantic.generic_passages
            if on_subject.any():
                semantic = self._semantic.scores(text, w.example, w.story)
                for slug in {self.passages[i].article.slug for i in np.flatnonzero(on_subject)}:
                    # What the question asks, without what it is about: "when should I see a doctor
                    # about numb hands at night" meets "Should I see a doctor about this?" as closely
                    # as "when should I see a doctor" does.
                    frame = " ".join(word for word in _WORD.findall(text) if word.lower() not in self._about[slug])
                    generic = w.example * self._semantic.generic_scores(frame)
                    rows = on_subject & (self._article_of == slug)
                    scores = scores + w.semantic * np.where(rows, np.maximum(0.0, generic - semantic), 0.0)
        # The NLU reads a long message whole, story and all: its intent says less of what is asked.
        long = len(text.split()) > LONG_MESSAGE_WORDS
        return scores + w.prior * (w.long_prior if long else 1.0) * prior, subject_adjustment, topic_bonus, words

    def _entity(self, term_id: str) -> str | None:
        term = self.vocabulary.get(term_id)
        return term.entity if term else None

    def fit_scores(self, text: str) -> np.ndarray:
        """Every passage's fit with ``text`` by meaning and words, no hints. A long message is
        read for its question as well as whole (see Weights.story and Weights.asked_words)."""
        w = self.weights
        lexical = self.lexical_scores(text)
        asked = question_part(text) if text else text
        if asked != text and w.asked_words:
            lexical = (1.0 - w.asked_words) * lexical + w.asked_words * self.lexical_scores(asked)
        scores = w.semantic * self._semantic.scores(text, w.example, w.story) + w.lexical * lexical
        if w.characters and text:
            scores = scores + w.characters * self.character_scores(asked)
        return scores

    def word_by_word(self, text: str, scores: np.ndarray) -> np.ndarray:
        """How the question's words meet each passage's word by word (Weights.token_match), for the
        passages that fit best by ``scores``; zero for the others. It ranks passages, never makes
        one fit well enough to be sent: "sorry to bother you" meets words of the examples exactly."""
        if not self.weights.token_match or not text:
            return np.zeros(len(self.passages))
        candidates = np.argsort(-scores, kind="stable")[:TOKEN_MATCH_CANDIDATES]
        return self.weights.token_match * self._semantic.token_match_scores(text, candidates)

    def character_scores(self, text: str) -> np.ndarray:
        """Every passage's TF-IDF cosine with ``text`` over pieces of words (see __init__)."""
        counts = Counter(j for j in map(self._character_rows.get, self._character_grams(text)) if j is not None)
        if not counts:
            return np.zeros(len(self.passages))
        rows = np.fromiter(counts, dtype=np.int64, count=len(counts))
        # Sublinear TF, L2-normalised with the IDF (the IDF itself is folded into the matrix's rows).
        weights = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        norm = float(np.linalg.norm(weights * self._character_idf[rows])) or 1.0
        # The rows' entries gathered at once (cheaper than indexing the sparse matrix).
        matrix = self._character_matrix
        starts, lengths = matrix.indptr[rows], matrix.indptr[rows + 1] - matrix.indptr[rows]
        ends = np.cumsum(lengths)
        entries = np.repeat(starts - ends + lengths, lengths) + np.arange(int(ends[-1]))
        return np.bincount(matrix.indices[entries], weights=matrix.data[entries] * np.repeat(weights / norm, lengths),
                           minlength=len(self.passages))

    def lexical_scores(self, text: str) -> np.ndarray:
        """Every passage's TF-IDF cosine with ``text``: the query's postings added in. A passage
        nobody taught yet (a new article's) is also met by where it hurts: an article on heel
        pain or on the wrist is about that body part, which the question's other words may not say."""
        scores = self._lexical(text, False)
        if text and not self._taught.all():
            scores = np.where(self._taught, scores, self._lexical(text, True))
        return scores

    def _lexical(self, text: str, where_it_hurts: bool) -> np.ndarray:
        scores = np.zeros(len(self.passages))
        for token, scale in self.query_weights(text, where_it_hurts) if text else ():
            passages, values = self._postings[token]
            scores[passages] += values * scale
        return scores

    def answer(
        self, text: str, intent: str | None = None, entities: Iterable[tuple[str, str]] = (),
        context: Iterable[str] = (), unsure: bool = False, chosen: bool = False, previous: str = "",
        out_of_scope: bool = False, exclude: frozenset[str] = frozenset(),
    ) -> Answer:
        """The passage(s) answering ``text``: the best-scoring passage of the whole library, when
        it scores above the threshold; else an honest "no vetted answer".

        Hints raise scores, never decide alone: ``intent`` (the NLU's; ``unsure`` when it was not
        confident, ``chosen`` when a button sent it), the terms the text or ``entities`` name,
        and for a follow-up that names no condition or treatment the ones of earlier turns
        (``context``) and the visitor's previous question (``previous``); ``out_of_scope``: the NLU
        put the question out of scope (a taught passage then needs a little more). A condition that is
        named but that no article covers gets no passage ("not_covered"), with its name. Passages
        whose ids are in ``exclude`` are never sent (the visitor asked for more than they just read).
        """
        text, previous = self._read(text), self._read(previous)
        entities = list(entities)
        terms = self.terms_in(text, entities)
        named_conditions = [t for t, kind in terms.items() if kind in CONDITION_ENTITIES]
        covered_named = [t for t in terms if t in self.covered_terms]
        uncovered = [t for t, kind in terms.items() if kind in SUBJECT_ENTITIES and t not in self.covered_terms]
        if any(terms[t] == "treatment" for t in uncovered):
            declined = self.declined_treatments(text)
            uncovered = [t for t in uncovered if t not in declined]
        asked = question_part(text)  # a long message's question, without its story
        # A short message's question too, when it stands alone ("I had a heart attack 5 years ago,
        # all fine now, but my lower back keeps me awake. does poor sleep make the pain worse?" got
        # "no medically reviewed answer on heart disease": session 31's second exploratory tester);
        # not one that points back at the condition ("I have fibromyalgia. Does it affect my knees?").
        asking = asked if asked != text else asking_sentences(text)
        if uncovered and asking != text and (asked != text or not refers_back(asking)):
            # A condition the story names ("I've had sciatica for years ...") is not what is asked.
            in_question = [(e, v) for e, v in entities if str(v).lower() in asking.lower()]
            uncovered = [t for t in uncovered if t in self.terms_in(asking, in_question)]
        if uncovered:  # "does fibromyalgia cause insomnia?" is not answered by the insomnia passage, nor
            # "does magnesium help insomnia?"
            return Answer((), None, 0.0, "not_covered", condition=self._name(uncovered[0]))
        if unnamed := self.unmentioned_condition(asking_sentences(asked)):
            return Answer((), None, 0.0, "not_covered", condition=unnamed)
        # "does insurance pay for PRP?" is not answered by the PRP passage; "is there a blood test for
        # it?" is, where an article explains the blood test ("test for" is then its subject).
        named_subjects = (set(terms) & self._all_subjects) | self._word_subjects_in(text)
        # "if I come in for PRP will my back pain be gone?" asks for a promise, not the front desk
        # (session 36's tester got only the front desk's reply): the refusal to promise and the passage.
        practical = [] if self.asks_for_a_promise(asked) else self.logistics.all_found(text, self._other_senses)
        if any(not self._explained(phrase, named_subjects) for phrase in practical):
            return Answer((), None, 0.0, PRACTICAL)
        context_terms: dict[str, str] = {}
        # Where it hurts ("can back pain make it worse?") does not make a question stand on its own.
        named_subject = [t for t in covered_named if self._entity(t) not in INCIDENTAL_ENTITIES] or named_subjects
        if not named_subject:
            context_terms = {t: k for t, k in self._context_terms(context).items() if t in self.covered_terms}
        follow_up = bool(previous) and not named_subject and len(text.split()) <= self.weights.follow_up_words
        # Which passage of an article answers is decided by the rest of the question (see without_subject).
        scored, only_the_name = self._split_subject(text, named_subjects)
        # "what can I do?" names nothing: it asks what helps with what was just said (session 36's
        # tester got the honest no right after the passage on how pain disrupts sleep).
        asks_what_helps = not named_subject and self.what_to_do_questions.asks(asked)
        about = self._treatment_object(asked)  # what a treatment or what-to-do question says it is about
        if chosen or not (refers_back(text) or asks_what_helps and about == "none"):
            # A message that does not speak as a follow-up is a question of its own, not read in the
            # light of the earlier ones ("are screens before bed bad?" after one on restless legs);
            # so is a button's topic ("When to see a provider" after a question on sleep hygiene).
            follow_up, context_terms = False, {}
        if follow_up and self.asks_practical(previous):
            # "do you take medicare?", then "what about blue cross?": still the front desk's
            # question (it got the passage on CBT-I).
            return Answer((), None, 0.0, PRACTICAL)
        scores, subject_adjustment, topic_bonus, words = self.fused_scores(
            visitor_voice(scored), intent, terms, context_terms, unsure, chosen,
            visitor_voice(previous) if follow_up else "", frozenset(named_subjects))
        for passage_id in exclude & self._position.keys():
            scores[self._position[passage_id]] = EXCLUDED
        if only_the_name:
            # Nothing but the name to choose by: the article's own account of what it is answers.
            for subject in named_subjects & self._definition.keys():
                subject_adjustment[self._definition[subject]] += self.weights.definition
        ranked_lower = self.weights.introduction * self._untaught_introduction
        order = np.argsort(-(scores + subject_adjustment + words - ranked_lower), kind="stable")
        best = int(order[0])
        fitting = int(np.argmax(scores + subject_adjustment))  # the best without the word-by-word score
        # Confidence is how well the passage fits, not which article the question is about;
        # an off-subject passage keeps its penalty. Whether the question fits the library well
        # enough is its best fit's; the word-by-word score only chose among the close ones.
        scores = scores + np.minimum(subject_adjustment, 0.0)
        score = float(max(scores[best], scores[fitting]))
        # A button (``chosen``) that names a topic is a certain request, however few its words.
        w = self.weights
        threshold = w.threshold if self._taught[best] else w.untaught_threshold
        # The NLU reads a long message whole, story and all: its "out of scope" says little there.
        if out_of_scope and self._taught[best] and asked == text:
            threshold += w.out_of_scope_margin
        if scored != text and self._subjects[best] & named_subjects:
            # The question named this passage's article's subject: the rest of it must fit.
            threshold = w.subject_threshold
        elif covered_named and self._taught[best] and score >= threshold and self._unheard_of(asking_sentences(asked)):
            # "can teenagers get sleep apnea": the term names the passage, but the question is
            # about something the library never mentions; what is left of it must fit on its own.
            rest = visitor_voice(self.without_subject(text, set(covered_named)))
            fit = float(self.fit_scores(rest)[best])
            if fit < w.term_threshold:
                return Answer((), None, fit, "below_threshold", condition=None,
                              runner_up=self._outcome(order, scores, ()))
        # "I'm dying for a good night's sleep lol, what actually helps?": what helps with the library's
        # own subject (sleep, pain: words most passages use), though no passage fits its words well
        # (session 36's tester got the honest no). The overview of treatment answers it (below).
        helps_with_the_subject = (not chosen and asks_what_helps and not context_terms
                                  and score >= w.related_threshold and self._speaks_of_library(asked)
                                  and about in ("none", "named", "all"))
        if score < threshold and not (chosen and topic_bonus) and not helps_with_the_subject:
            condition = self._name(named_conditions[0]) if named_conditions else None
            return Answer((), None, score, "below_threshold", condition=condition,
                          runner_up=self._outcome(order, scores, ()))
        # A taught passage's example questions are compared with the question as the unanswered
        # ones are; a passage nobody taught (a new article's) by its own sentences, which fit a
        # question less closely, so with a wider margin (Weights.untaught_unanswered_margin): a
        # new article's passages still win over the list where they answer, yet a question on its
        # condition that it does not answer (a supplement, the recovery after surgery) gets the
        # honest no. A follow-up by its own words, with a wider margin (Weights.follow_up_unanswered_margin).
        if not chosen:
            unanswered = self._unanswered(visitor_voice(text), best, visitor_voice(asked), follow_up)
            if unanswered is not None:
                return Answer((), None, score, "not_answered", runner_up=self._outcome(order, scores, ()))
        passage = self.passages[best]
        topic = self._topic_of(passage.id, topic_bonus)
        if topic and topic.answer_with > 1 and topic.id in topic_bonus:
            sent = tuple(self._passage_by_id[p] for p in topic.passages[: topic.answer_with] if p not in exclude) or (
                passage,)
        else:
            sent = (passage,)
        # What the question asks for: by its own words, or, asked again of another subject ("is yoga
        # safe?", "what about swimming?": it got the passage that names swimming, read as a yes;
        # session 34's exploratory tester), by the previous question's.
        again = question_part(previous) if not chosen and asks_the_same_of(
            text, previous, self.weights.follow_up_words) else ""

        def asks_for(asks: Callable[[str], bool]) -> bool:
            return asks(asked) or bool(again) and asks(again)

        if not chosen and asks_for(self.number_questions.asks) and not any(gives_a_number(p.text) for p in sent):
            # "how long does PRP take to work?" is not answered by a passage that gives no number.
            return Answer((), None, score, "asks_for_a_number", runner_up=self._outcome(order, scores, ()))
        # The condition a treatment question is about, named or of the earlier turns: a passage on
        # treatment that never names it does not answer it ("what is sleep apnea?", "does weight
        # make it worse?", "how is it treated?" got the general strategies, read as sleep apnea's:
        # session 31's exploratory tester).
        # ... but not when the question says what it is about, other than by pointing back: "what can
        # help with the pain at night" after a question on sleep apnea asks about pain, "is there one
        # treatment for all of it" about everything told (both got "no answer on how obstructive sleep
        # apnea is treated": session 36's tester). Those ask what helps, as a question naming nothing does.
        # A what-to-do phrase asks for a treatment of what was told; with a subject of its own ("what
        # helps a ganglion cyst when I type all day") any passage on it that answers will do.
        what_to_do = asks_for(self.what_to_do_questions.asks)
        asks_treatment = asks_for(self.asks_for_treatment) and (
            not named_subject or not what_to_do or asks_for(self.treatment_questions.asks))
        told = about if asks_treatment else None
        earlier = {} if told in ("named", "all") else context_terms
        treated = {t for t in set(covered_named) or set(earlier) if self._entity(t) in CONDITION_ENTITIES}
        # "My hips ache every night. what can I do?" names nothing: what helps with what the message
        # told is a passage under a heading on treatment (it got the passage on how pain disrupts
        # sleep, or none: session 35's tester). Its story made the message one on the library's
        # subjects (the best passage passed the threshold), so the best such passage answers.
        what_helps = (not chosen and not named_subject and not earlier
                      and (what_to_do or told in ("named", "all"))
                      and not any(self._headed_by_treatment(p) for p in sent))
        # An overview first: it gives the choices (the approaches), its sub-sections each one; of
        # the article the question fits best ("what can I do about it at home?" after a question on
        # heel pain got the current article's approaches: session 46's visitor tester).
        article = self.passages[best].article.slug
        helping = next((i for fits in (self._overview_of_treatment, self._headed_by_treatment)
                        if (i := self._first_fitting(order, scores, -np.inf,
                                                     lambda p, fits=fits: fits(p) and p.article.slug == article))
                        is not None), None) if what_helps else None
        if helping is not None:
            best, score, sent = helping, float(scores[helping]), (self.passages[helping],)
            topic = self._topic_of(self.passages[helping].id, topic_bonus)  # its parts, as buttons
        elif not chosen and asks_treatment and (
                not any(speaks_of_treatment(p.text) for p in sent)
                or (treated and not any(self._uses_name_of(p, t) for p in sent for t in treated))):
            # "how is sleep apnea treated?" is not answered by what sleep apnea is; "what is the
            # treatment for insomnia?" is, by a passage on a treatment that names insomnia.
            # A follow-up names nothing: the conditions of the earlier turns are what it asks about
            # ("what is insomnia?", "what can I do about it?": CBT-I).
            treating = self._treating(order, scores, set(covered_named) or set(earlier), threshold)
            if treating is None:
                # The honest no names the condition asked about, told or of the earlier turns
                # ("what is restless leg syndrome?", then "how is it treated?").
                asked_about = [t for t in [*covered_named, *earlier] if self._entity(t) in CONDITION_ENTITIES]
                return Answer((), None, score, ASKS_FOR_TREATMENT, runner_up=self._outcome(order, scores, ()),
                              condition=self._name(asked_about[0]) if asked_about else None)
            best, score, topic, sent = treating, float(scores[treating]), None, (self.passages[treating],)
        if not chosen and asks_for(self.risk_questions.asks) and not any(speaks_of_risk(p.text) for p in sent):
            # "is PRP safe?" is not answered by what PRP is (it would read as a yes).
            return Answer((), None, score, "asks_about_risks", runner_up=self._outcome(order, scores, ()))
        if not chosen and asks_for(self.position_questions.asks) and not any(self._speaks_of_position(p) for p in sent):
            # "which position is best for a bad back?" is not answered by a passage on back pain and
            # sleep; it is by one on sleeping positions, where the library has one that fits.
            lying = self._first_fitting(order, scores, threshold, self._speaks_of_position)
            if lying is None:
                return Answer((), None, score, "asks_about_position", runner_up=self._outcome(order, scores, ()))
            best, score, topic, sent = lying, float(scores[lying]), None, (self.passages[lying],)
        compared = [t for t in covered_named if self._entity(t) in CONDITION_ENTITIES]
        if not chosen and len(compared) == 1 and refers_back(text) and self.comparison_questions.asks(asked):
            # "what's the difference between that and RLS" right after PLMD: the condition of the
            # earlier turns is the other one compared (it got both passages on RLS: session 34's tester).
            earlier = [t for t, kind in self._context_terms(context).items()
                       if kind in CONDITION_ENTITIES and t in self.covered_terms and t not in compared]
            compared = earlier[:1] + compared
        if not chosen and len(compared) >= 2 and self.comparison_questions.asks(asked):
            # "the difference between RLS and PLMD": the best passage on each condition named, in
            # the order named (it got both passages on RLS: session 32's tester).
            each = [self._first_fitting(order, scores, -np.inf, lambda p, t=t: self._uses_name_of(p, t))
                    for t in compared[:MAX_COMPARED]]
            if all(i is not None for i in each):
                sent = tuple(dict.fromkeys(self.passages[i] for i in each))
                topic = None
        if len(sent) == 1 and sent[0].id in self._parts and not (topic and topic.related):
            # "why is carpal tunnel worse at night?" got only "Several things make carpal tunnel
            # symptoms worse while you sleep." (session 45's staff tester): the parts say which.
            sent = (sent[0], *self._parts[sent[0].id])
        sent_ids = {p.id for p in sent}
        alternative = None
        for position in order[1:4]:
            other = self.passages[int(position)]
            if other.id in sent_ids:
                continue
            if scores[best] - scores[position] <= self.weights.close_margin:
                alternative = other
            break
        shown: tuple[str, ...] = ()
        if any(len(p.text) > MAX_PASSAGE_CHARS for p in sent):
            asking = " ".join([question_part(previous), asked] if follow_up else [asked])
            shown = tuple(self.excerpt(p, asking) for p in sent)
        return Answer(sent, topic, score, "retrieved", self._related(topic) if topic else (),
                      alternative=alternative, runner_up=self._outcome(order, scores, sent_ids), excerpts=shown)

    def excerpt(self, passage: Passage, question: str) -> str:
        """What of the passage answers ``question``: the passage itself when it fits in a message
        (MAX_PASSAGE_CHARS), else the run of its whole sentences that fits the question best by
        meaning and words; its opening unless another run fits clearly better (EXCERPT_MARGIN).
        A section on the treatments a clinician may suggest got its opening on physiotherapy and
        devices for a question on steroid injections, which only its later sentences speak of
        (session 43's visitor tester)."""
        runs = excerpts(passage.text, MAX_PASSAGE_CHARS)
        if len(runs) == 1 or not question.strip():
            return runs[0]
        w = self.weights
        question_words = dict(self.query_weights(question, True))
        lexical = np.array([sum(question_words.get(token, 0.0) * weight
                                for token, weight in self.query_weights(run, True)) for run in runs])
        fits = w.semantic * self._semantic.similarities(question, runs) + w.lexical * lexical
        best = int(np.argmax(fits))
        return runs[best] if fits[best] > fits[0] + EXCERPT_MARGIN else runs[0]

    def _unanswered(self, text: str, best: int, asked: str, follow_up: bool = False) -> float | None:
        """How much closer the question is to one no passage answers than to the best passage
        (by meaning, example-scaled), when it is closer by more than the margin; else None. For a
        long message only its question (``asked``) is compared with the unanswered ones: a story
        that mentions painkillers is not a question about them."""
        w = self.weights
        unanswered = self._semantic.unanswered_score(asked) * w.example
        if not unanswered:
            return None
        fits = self._semantic.scores(text, w.example)
        fit = float(fits[best])
        margin = w.unanswered_margin if self._taught[best] else w.untaught_unanswered_margin
        if follow_up:
            # The passage was chosen with the previous question; the follow-up's own words are
            # compared with the passage they fit best ("how is it treated?" with a treatment).
            fit, margin = float(fits.max()), w.follow_up_unanswered_margin
        return unanswered - fit if unanswered - fit > margin else None

    def search(self, text: str, limit: int = 8) -> list[tuple[Passage, float]]:
        """Passages by how well their words and meaning fit ``text``, no hints: for staff
        looking for the passage that answers a question."""
        if not text.strip():
            return []
        text = self.speller.correct(text)
        scores = self.fit_scores(text)
        order = np.argsort(-scores, kind="stable")[:limit]
        return [(self.passages[int(i)], round(float(scores[int(i)]), 3)) for i in order]

    def passage(self, passage_id: str) -> Passage | None:
        return self._passage_by_id.get(passage_id)

    def chosen(self, passage_id: str) -> Answer:
        """The passage a visitor picked with a button."""
        passage = self._passage_by_id[passage_id]
        topic = self._topic_of(passage_id, {})
        return Answer((passage,), topic, 1.0, "chosen", self._related(topic) if topic else ())

    def _treating(self, order: np.ndarray, scores: np.ndarray, named: set[str], threshold: float) -> int | None:
        """The best passage above the threshold that speaks of treatment and names one of the
        ``named`` conditions (its headings or text), else None."""
        return self._first_fitting(order, scores, threshold, lambda passage: speaks_of_treatment(passage.text) and any(
            self._uses_name_of(passage, term) for term in named))

    @staticmethod
    def _headed_by_treatment(passage: Passage) -> bool:
        return any(speaks_of_treatment(heading) for heading in passage.headings)

    def _overview_of_treatment(self, passage: Passage) -> bool:
        """The opening passage of a section on treatment that has sub-sections: the choices."""
        return (len(passage.headings) == 1 and (passage.article.slug, passage.headings[0]) in self._divided
                and speaks_of_treatment(passage.headings[0]))

    @staticmethod
    def _speaks_of_position(passage: Passage) -> bool:
        return speaks_of_position(" ".join([*passage.headings, passage.text]))

    def _first_fitting(self, order: np.ndarray, scores: np.ndarray, threshold: float,
                       fits: Callable[[Passage], bool]) -> int | None:
        """The best passage above the threshold for which ``fits`` holds, else None."""
        for position in order:
            i = int(position)
            if scores[i] < threshold:
                return None
            if fits(self.passages[i]):
                return i
        return None

    def _uses_name_of(self, passage: Passage, term_id: str) -> bool:
        """Whether the passage's headings or text use one of the term's names ("Cognitive
        Behavioral Therapy for Insomnia" names insomnia)."""
        term = self.vocabulary.get(term_id)
        words = " ".join([*passage.headings, passage.text]).lower()
        return term is not None and any(re.search(rf"\b{re.escape(name)}\b", words)
                                        for name in (term.name.lower(), *term.synonyms))

    def _outcome(self, order: np.ndarray, scores: np.ndarray, sent: Iterable[str]) -> tuple[str, float] | None:
        """The best passage not sent, and its score."""
        sent = set(sent)
        for position in order[: len(sent) + 1]:
            if self.passages[int(position)].id not in sent:
                return self.passages[int(position)].id, round(float(scores[int(position)]), 3)
        return None

    def _name(self, term_id: str) -> str:
        term = self.vocabulary.get(term_id)
        return term.name if term else term_id

    def _topic_of(self, passage_id: str, preferred: dict[str, float]) -> Topic | None:
        """The topic the passage was found through (the highest prior), else its first topic."""
        having = [t for t in self.topics if passage_id in t.passages]
        if not having:
            return None
        return max(having, key=lambda t: (preferred.get(t.id, 0.0), -self.topics.index(t)))

    def _bonus(
        self, topic: Topic, intent: str | None, terms: dict[str, str], context_terms: dict[str, str],
        unsure: bool, chosen: bool,
    ) -> float:
        """The prior a topic gets from the intent and the terms (see answer's docstring)."""
        w = self.weights
        same_intent = topic.intent == intent
        if topic.term:
            if topic.term in terms:
                return w.intent_and_term if same_intent else w.term_topic
            if topic.term in context_terms and same_intent and not unsure:
                return w.intent_and_term * w.context_term
            return 0.0
        if unsure or not same_intent:
            return 0.0
        return w.intent_and_term if chosen else w.intent_topic

    def _related(self, topic: Topic) -> tuple[Topic, ...]:
        return tuple(self._topic_by_id[r] for r in topic.related if r in self._topic_by_id)
