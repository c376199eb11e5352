"""Personal details out of what is stored: emails, phone numbers, dates, street addresses and
the names a visitor gives are replaced by placeholders (``<PHONE>``, ``<NAME>`` ...) in the
text of a visitor's message before it is written to the tracker store.

The turn itself is understood from the original text: redaction runs when the tracker store
writes the turn's events (connectors/tracker_store.py), after the assistant has answered.

The recognisers are Microsoft Presidio's (what Rasa Pro uses) and ours on its framework
(connectors/detail_recognizers.py, connectors/address_recognizer.py, connectors/name_recognizer.py),
with no downloaded model;
Presidio's analyser combines them and its anonymiser writes the placeholders. The words spaCy's
entity ruler knows as medical terms (knowledge/terms.yml) are never masked.
"""

from __future__ import annotations

import functools
from typing import Any

import regex
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import DateRecognizer, PhoneRecognizer
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from assistant.paths import SPACY_PIPELINE_DIR
from connectors.address_recognizer import StreetAddressRecognizer
from connectors.detail_recognizers import (
    MisspelledMonthDateRecognizer,
    MixedDigitsPhoneRecognizer,
    OfflineEmailRecognizer,
    OtherLanguageMonthDateRecognizer,
    phone_shape_recognizer,
    spelled_out_recognizers,
    written_date_recognizer,
    written_date_with_digits_recognizer,
)
from connectors.name_recognizer import (
    PARTICLES,
    SUFFIXES,
    StatedNameRecognizer,
    clinic_names,
    clinics_own_name,
    common_word,
    joined_names,
    names_before_details,
    nicknames,
)

PLACEHOLDERS = {
    "EMAIL_ADDRESS": "<EMAIL>",
    "PHONE_NUMBER": "<PHONE>",
    "DATE_TIME": "<DATE>",
    "STREET_ADDRESS": "<ADDRESS>",
    "PERSON": "<NAME>",
}
# Below this, Presidio's weakest patterns ("7/10" read as a month and year) stay unmasked.
MIN_SCORE = 0.3
MEDICAL_LABELS = frozenset({"disorder", "treatment", "body_part", "other_condition"})


class Redactor:
    """Presidio's analyser with the recognisers above, and its anonymiser with placeholders."""

    def __init__(self, spacy_pipeline: str = str(SPACY_PIPELINE_DIR)) -> None:
        nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": spacy_pipeline}])
        nlp_engine.load()
        registry = RecognizerRegistry()
        for recognizer in (OfflineEmailRecognizer(), needs_digits(PhoneRecognizer()),
                           needs_digits(phone_shape_recognizer()), needs_digits(DateRecognizer()),
                           written_date_recognizer(), needs_digits(written_date_with_digits_recognizer()),
                           needs_digits(MisspelledMonthDateRecognizer()), needs_digits(MixedDigitsPhoneRecognizer()),
                           needs_digits(OtherLanguageMonthDateRecognizer()),
                           StreetAddressRecognizer(), StatedNameRecognizer(),
                           *spelled_out_recognizers()):
            registry.add_recognizer(recognizer)
        self.analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
        self.anonymizer = AnonymizerEngine()
        self.operators = {kind: OperatorConfig("replace", {"new_value": placeholder})
                          for kind, placeholder in PLACEHOLDERS.items()}

    def findings(self, text: str) -> list[RecognizerResult]:
        """The personal details in ``text``, none of them overlapping a medical term. A long
        text is read in pieces that end between sentences: Presidio compares every finding
        with every other, which for 50,000 characters of names would take seconds."""
        found = []
        for start, piece in pieces(text):
            for result in self._findings(piece):
                result.start, result.end = result.start + start, result.end + start
                found.append(result)
        return found

    def _findings(self, text: str) -> list[RecognizerResult]:
        if shouted(text):
            # Written in capitals throughout ("ANDRE LAMBERT, BORN ..."): read in lower case,
            # where the lower-case cues and the known names still find names; the same offsets.
            lowered = text.lower()
            if len(lowered) == len(text):
                return self._findings_as_written(lowered)
        return self._findings_as_written(text)

    def _findings_as_written(self, text: str) -> list[RecognizerResult]:
        artifacts = self.analyzer.nlp_engine.process_text(text, "en")
        medical = [(ent.start_char, ent.end_char) for ent in artifacts.entities if ent.label_ in MEDICAL_LABELS]
        found = self.analyzer.analyze(text, language="en", entities=list(PLACEHOLDERS),
                                      score_threshold=MIN_SCORE, nlp_artifacts=artifacts)
        found += names_before_details(text, [result for result in found if result.entity_type != "PERSON"])
        found += nicknames(text, found)
        found += joined_names(text, found)
        # Medical terms, and the clinic's own names ("Matthew Kohler", "Ospina Medical"), stay.
        found = [result for result in found
                 if not any(result.start < end and start < result.end for start, end in medical)
                 and not (result.entity_type == "PERSON" and clinics_own_name(text[result.start:result.end]))]
        return found + other_mentions(text, found)

    def redact(self, text: str) -> str:
        if not text or not text.strip():
            return text
        return self.replaced(text, self.findings(text))

    def replaced(self, text: str, findings: list[RecognizerResult]) -> str:
        """``text`` with ``findings`` (from ``findings``) replaced by their placeholders."""
        if not findings:
            return text
        return self.anonymizer.anonymize(text, findings, self.operators).text


DIGIT = regex.compile(r"\d")
LETTER = regex.compile(r"\p{L}")
LOWER_CASE = regex.compile(r"\p{Ll}")


def shouted(text: str) -> bool:
    """A message written in capitals: at least 20 letters, at most one in twenty in lower case."""
    letters = len(LETTER.findall(text))
    return letters >= 20 and len(LOWER_CASE.findall(text)) * 20 <= letters


def needs_digits(recognizer: EntityRecognizer) -> EntityRecognizer:
    """``recognizer``, not run on a text without a digit, where it finds nothing (a phone
    number, a numeric date, a house number): a third of the messages, read that much faster."""
    analyze = recognizer.analyze

    def analyze_if_digits(text: str, *args: Any, **kwargs: Any) -> list[RecognizerResult]:
        return analyze(text, *args, **kwargs) if DIGIT.search(text) else []

    recognizer.analyze = analyze_if_digits
    return recognizer


NAME_CHAR = regex.compile(r"[\w'’-]")
# A possessive after a name found elsewhere: "anya's surname is ..." is Anya too.
POSSESSIVE_AFTER = regex.compile(r"['’]s(?![\w'’-])")


def other_mentions(text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
    """A name found once is the same name wherever else the message writes it: "I am not Kim,
    I'm Lena; Kim is my mom" masks both Kims (as whole words, or before a possessive: found
    with str.find, which is quicker than compiling a pattern for each name); and a full name's
    first name or surname written alone elsewhere ("Ines asked me ... her name is Ines Duarte"),
    if no common word nor the clinic's."""
    names = {text[r.start:r.end] for r in found if r.entity_type == "PERSON"}
    clinic_words = clinic_names()[0]
    names |= {part for name in list(names) if " " in name.strip()
              for part in (word.strip(".,'’\"“”()") for word in name.split())
              if len(part) > 2 and part[:1].isupper() and not common_word(part)
              and part.lower() not in PARTICLES and part.lower() not in SUFFIXES and part.lower() not in clinic_words}
    covered = [(r.start, r.end) for r in found]
    extra = []
    for name in names:
        position = text.find(name)
        while position != -1:
            end = position + len(name)
            if ((position == 0 or not NAME_CHAR.match(text, position - 1))
                    and (end == len(text) or not NAME_CHAR.match(text, end) or POSSESSIVE_AFTER.match(text, end))):
                if not any(start <= position and end <= stop for start, stop in covered):
                    extra.append(RecognizerResult("PERSON", position, end, MIN_SCORE))
                position = text.find(name, end)
            else:
                position = text.find(name, position + 1)
    return extra


PIECE_CHARS = 1_000
PIECE_END = regex.compile(r"(?:[.!?]\s+|\n)(?=\S)")


def pieces(text: str) -> list[tuple[int, str]]:
    """``text`` as (offset, piece) of at most PIECE_CHARS, ending after a sentence or a line
    where there is one, else at a space."""
    result = []
    start = 0
    while len(text) - start > PIECE_CHARS:
        window = text[start:start + PIECE_CHARS]
        ends = [match.end() for match in PIECE_END.finditer(window)]
        end = ends[-1] if ends and ends[-1] > PIECE_CHARS // 2 else (window.rfind(" ") + 1 or PIECE_CHARS)
        result.append((start, text[start:start + end]))
        start += end
    result.append((start, text[start:]))
    return result


@functools.lru_cache(maxsize=1)
def redactor() -> Redactor:
    return Redactor()


def redact(text: str) -> str:
    """``text`` with its personal details replaced by placeholders."""
    return redactor().redact(text)


def redacted_user_event(data: dict[str, Any]) -> dict[str, Any]:
    """A stored ``user`` event's dict with the message text redacted wherever it appears."""
    text = data.get("text")
    if not isinstance(text, str):
        return data
    clean = redact(text)
    if clean == text:
        return data
    data = {**data, "text": clean}
    parse_data = data.get("parse_data")
    if isinstance(parse_data, dict):
        # The token offsets describe the original words (their lengths, where a name was): gone too.
        data["parse_data"] = {**{k: v for k, v in parse_data.items() if k != "text_tokens"}, "text": clean}
    return data
