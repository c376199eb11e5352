"""Build the project's own spaCy pipeline: blank English, lookup lemmatizer, entity ruler.

No model is downloaded: the lemma tables come from the ``spacy-lookups-data`` package and the
entity patterns from ``knowledge/terms.yml``. Rasa's ``SpacyNLP`` loads the result by path.

    python -m assistant.spacy_pipeline build/spacy_pipeline
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import spacy
import spacy_lookups_data
from spacy.language import Language
from spacy.lookups import Table

from assistant.paths import SPACY_PIPELINE_DIR, TERMS_FILE
from assistant.terms import Vocabulary, load_vocabulary


def with_capitals(table: Table) -> None:
    """spaCy's lemma table is keyed by lower-case words: add each as a phone writes it at the start
    of a message ("Hi", "Ok") and in capitals, with the same lemma, so that the NLU reads "Hi" as
    "hi" ("Hi" was "not understood" while "hi", lemma "hello", was greeted)."""
    source = json.loads(gzip.decompress(spacy_lookups_data.get_file("en_lemma_lookup.json.gz").read_bytes()))
    for word, lemma in source.items():
        for variant in (word.capitalize(), word.upper()):
            if variant not in source:
                table[variant] = lemma


def build_pipeline(vocabulary: Vocabulary) -> Language:
    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # Initialise before adding the ruler: its phrase patterns need the lemma tables loaded.
    nlp.initialize()
    with_capitals(lemmatizer.lookups.get_table("lemma_lookup"))
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(
        [
            {"label": term.entity, "pattern": synonym, "id": term.id}
            for term in vocabulary.terms
            for synonym in term.synonyms
        ]
    )
    nlp.meta["name"] = "clinic_domain"
    nlp.meta["description"] = "Blank English + lookup lemmas + entity ruler from knowledge/terms.yml"
    return nlp


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else SPACY_PIPELINE_DIR
    nlp = build_pipeline(load_vocabulary(TERMS_FILE))
    target.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(target)
    print(f"spaCy pipeline written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
