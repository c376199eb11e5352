"""Load and check all vetted content, and build the index the actions query."""

from __future__ import annotations

import functools
from pathlib import Path

import spacy

from assistant import paths
from assistant.articles import load_passages
from assistant.asked_for import PHRASE_FILES, load_phrase_files
from assistant.examples import load_examples
from assistant.live_library import LiveLibrary, watched_files
from assistant.logistics import (
    CHAT_WORDS_FILE,
    LOGISTICS_FILE,
    NOT_ANSWERED_FILE,
    load_booking_details,
    load_chat_words,
    load_logistics,
    load_not_answered,
    load_sayings,
)
from assistant.retrieval import KnowledgeIndex
from assistant.section_kinds import SECTION_KINDS_FILE, load_section_kinds
from assistant.spacy_pipeline import build_pipeline
from assistant.terms import load_vocabulary
from assistant.topics import check_passages_exist, load_menu, load_topics


def build_index(articles_dir: Path | None = None, fresh_pipeline: bool = False, hints: bool = True,
                meanwhile: KnowledgeIndex | None = None) -> KnowledgeIndex:
    """Read articles, terms and topics; raise ContentError naming file and line if one is bad.

    ``fresh_pipeline``: build the spaCy pipeline from terms.yml as it is now, instead of
    loading the one `make` built (the terms changed while the assistant runs). ``hints=False``
    leaves out the topics and the example questions: every passage as an article staff have
    just added finds it (scripts/tune_library.py --without-hints measures that). ``meanwhile``:
    the library serving now, whose passage classifier answers until the new one is fitted
    (KnowledgeIndex.finish_fitting)."""
    vocabulary = load_vocabulary()
    passages = load_passages(articles_dir or paths.ARTICLES_DIR)
    topics = load_topics(vocabulary)
    check_passages_exist(topics, {p.id for p in passages})
    examples = load_examples({p.id for p in passages})
    built = (paths.SPACY_PIPELINE_DIR / "meta.json").exists() and not fresh_pipeline
    # The pipeline `make` built from terms.yml; built here when absent (e.g. in unit tests).
    nlp = spacy.load(paths.SPACY_PIPELINE_DIR) if built else build_pipeline(vocabulary)
    logistics, unanswered, chat_words = load_logistics(), load_not_answered(), load_chat_words()
    phrases = dict(load_phrase_files(), booking_details=load_booking_details(), sayings=load_sayings(),
                   section_kinds=load_section_kinds())
    if not hints:
        return KnowledgeIndex(passages, [], vocabulary, nlp, [], examples={}, logistics=logistics,
                              unanswered=unanswered, chat_words=chat_words, **phrases)
    return KnowledgeIndex(passages, topics, vocabulary, nlp, load_menu(topics), examples=examples,
                          logistics=logistics, unanswered=unanswered, chat_words=chat_words, meanwhile=meanwhile,
                          **phrases)


@functools.lru_cache(maxsize=1)
def live_library() -> LiveLibrary:
    return LiveLibrary(lambda fresh, meanwhile: build_index(fresh_pipeline=fresh, meanwhile=meanwhile),
                       lambda: [*watched_files(), LOGISTICS_FILE, NOT_ANSWERED_FILE, CHAT_WORDS_FILE,
                                SECTION_KINDS_FILE, *PHRASE_FILES.values()])


def knowledge_index() -> KnowledgeIndex:
    """The library serving now (see assistant.live_library)."""
    return live_library().current()
