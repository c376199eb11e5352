"""Build the project's own spaCy pipeline: blank English, lookup lemmatizer, entity ruler.

No model is downloaded: the lemma tables come from the ``spacy-lookups-data`` package and the
entity patterns from ``knowledge/terms.yml``. Rasa's ``SpacyNLP`` loads the result by path.

    python -m assistant.spacy_pipeline build/spacy_pipeline
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.language import Language

from assistant.paths import SPACY_PIPELINE_DIR, TERMS_FILE
from assistant.terms import Vocabulary, load_vocabulary


def build_pipeline(vocabulary: Vocabulary) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    # Initialise before adding the ruler: its phrase patterns need the lemma tables loaded.
    nlp.initialize()
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
