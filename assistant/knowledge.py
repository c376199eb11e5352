"""Load and check all vetted content once, and build the index the actions query."""

from __future__ import annotations

import functools
from pathlib import Path

import spacy

from assistant.articles import load_passages
from assistant.paths import ARTICLES_DIR, SPACY_PIPELINE_DIR
from assistant.retrieval import KnowledgeIndex
from assistant.spacy_pipeline import build_pipeline
from assistant.terms import load_vocabulary
from assistant.topics import check_passages_exist, load_menu, load_topics


def build_index(articles_dir: Path | None = None) -> KnowledgeIndex:
    """Read articles, terms and topics; raise ContentError naming file and line if one is bad."""
    vocabulary = load_vocabulary()
    passages = load_passages(articles_dir or ARTICLES_DIR)
    topics = load_topics(vocabulary)
    check_passages_exist(topics, {p.id for p in passages})
    # The pipeline `make` built from terms.yml; built here when absent (e.g. in unit tests).
    nlp = spacy.load(SPACY_PIPELINE_DIR) if (SPACY_PIPELINE_DIR / "meta.json").exists() else build_pipeline(vocabulary)
    return KnowledgeIndex(passages, topics, vocabulary, nlp, load_menu(topics))


@functools.lru_cache(maxsize=1)
def knowledge_index() -> KnowledgeIndex:
    return build_index()
