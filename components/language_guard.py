"""A Rasa NLU component that notices messages not written in English.

The articles and the model are English only; a message in another language would otherwise
get a confident but meaningless intent. A message of three or more words of which fewer than
half are English words (spaCy's English lemma tables, stop words, the domain terms and every
word of the training data) gets the intent ``other_language``, answered politely by a rule.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lookups import load_lookups

from assistant.datafiles import ContentError
from assistant.languages import guess_language
from assistant.logistics import load_chat_words
from assistant.markup import without_markup
from assistant.names import LANGUAGE, Intent
from assistant.terms import load_vocabulary
from components.next_guess import DEFAULT_FALLBACK_THRESHOLD, next_guess

OTHER_LANGUAGE = "other_language"
MIN_WORDS = 3
MIN_ENGLISH_SHARE = 0.5
# From this share of English words up, the model's "other language" guess is taken back.
PLAINLY_ENGLISH = 0.8
VOCABULARY_FILE = "vocabulary.txt"
LATIN_END = 0x24F  # the last code point of the Latin scripts (accented letters included)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# "tossin", "turnin": an -ing word as it is said (the word with its "g" must be English).
_DROPPED_G = re.compile(r"..in$")
# A question of a message: the words since the last sentence's end, up to a "?".
_QUESTION = re.compile(r"[^.!?]+\?")


MIN_TYPO_LETTERS = 4
TYPO_WEIGHT = 0.5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def one_edit(word: str) -> set[str]:
    """Every string one letter dropped, swapped with the next, changed or added away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
            | {a + c + b for a, b in splits for c in _LETTERS})


def chat_words() -> dict[str, str]:
    """knowledge/chat_words.yml's shorthand, none when the file is missing or has a mistake
    (`make validate` names it; a chat must not fail for it)."""
    try:
        return load_chat_words()
    except ContentError:
        return {}


def words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text or "")]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LanguageGuard(GraphComponent):
    def __init__(self, model_storage: ModelStorage, resource: Resource, vocabulary: set[str],
                 fallback_threshold: float = DEFAULT_FALLBACK_THRESHOLD) -> None:
        self._fallback_threshold = fallback_threshold
        self._storage = model_storage
        self._resource = resource
        self._training_words = vocabulary
        lookups = load_lookups("en", ["lemma_lookup", "lemma_index"])
        self._lemmas = lookups.get_table("lemma_lookup")  # inflected forms -> base forms
        index = lookups.get_table("lemma_index")  # English base words by part of speech
        self._known = set(STOP_WORDS) | set(self._lemmas.values()) | vocabulary
        for part_of_speech in ("noun", "verb", "adj", "adv"):
            self._known.update(index.get(part_of_speech, []))
        term_words = {w for term in load_vocabulary().terms for synonym in term.synonyms for w in words_of(synonym)}
        self._known |= term_words
        # Chat shorthand and slang are English too ("tossin n turnin all nite" was told that only
        # English is answered: session 35's tester), however short ("n", "u"); read at start.
        self._chat_words = {w for key in chat_words() for w in words_of(key)}
        # A typo of a function word or of the library's terms ("waht abuot restles legz" was told
        # that only English is answered: session 36's tester). Only those: one letter from "come",
        # "color" or "been", Spanish and French words would pass for English typos.
        self._typo_targets = {w for w in STOP_WORDS | term_words if len(w) >= MIN_TYPO_LETTERS - 1}

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> LanguageGuard:
        return cls(model_storage, resource, set())

    @classmethod
    def load(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext, **kwargs: Any,
    ) -> LanguageGuard:
        try:
            with model_storage.read_from(resource) as directory:
                words = set((directory / VOCABULARY_FILE).read_text(encoding="utf-8").split())
        except (ValueError, FileNotFoundError):
            words = set()
        return cls(model_storage, resource, words)

    def train(self, training_data: TrainingData) -> Resource:
        # Every word visitors were seen to use, typos included, counts as English.
        words: set[str] = set()
        for example in training_data.training_examples:
            if example.get(INTENT) != OTHER_LANGUAGE:
                words.update(words_of(example.get(TEXT)))
        with self._storage.write_to(self._resource) as directory:
            (directory / VOCABULARY_FILE).write_text("\n".join(sorted(words)), encoding="utf-8")
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def is_english(self, text: str) -> bool:
        letters = [c for c in text or "" if c.isalpha()]
        foreign_script = sum(1 for c in letters if ord(c) > LATIN_END)
        if foreign_script >= MIN_WORDS and foreign_script > len(letters) / 2:
            return False  # mostly another script (Chinese, Arabic, Cyrillic, ...)
        share = self.english_share(text)
        return share is None or share >= MIN_ENGLISH_SHARE  # too short to tell: the model and the fallback decide

    def english_share(self, text: str) -> float | None:
        """The share of the message's words that are English; None for fewer than MIN_WORDS."""
        words = words_of(without_markup(text or ""))  # tag names are not the visitor's words
        if len(words) < MIN_WORDS:
            return None
        # A typo is half a word: evidence, not proof ("moge" is one letter from "more").
        return sum(1.0 if self._is_known(w) else TYPO_WEIGHT if self._is_typo(w) else 0.0 for w in words) / len(words)

    def _is_known(self, word: str) -> bool:
        if word in STOP_WORDS or word in self._chat_words:
            return True
        # The word lists hold one- and two-letter abbreviations ("la", "y") that would let
        # Spanish or French pass as English: short words count only as stop words.
        return len(word) > 2 and (self._is_word(word)
                                  or _DROPPED_G.search(word) is not None and self._is_word(word + "g"))

    def _is_typo(self, word: str) -> bool:
        return len(word) >= MIN_TYPO_LETTERS and not self._typo_targets.isdisjoint(one_edit(word))

    def _is_word(self, word: str) -> bool:
        return word in self._known or word in self._lemmas

    def is_plainly_english(self, text: str) -> bool:
        """Whether nearly every word of a message of MIN_WORDS words or more is English."""
        return (self.english_share(text) or 0.0) >= PLAINLY_ENGLISH

    def asks_in_english(self, text: str) -> bool:
        """Whether one of the message's questions is in plain English, whatever else it says (for a
        message is_english passed): "mi rodilla duele mucho en la noche. sorry, my english is bad.
        ... how I can sleep better with this?" was told that only English is answered (session 43's
        visitor tester)."""
        return any(self.is_plainly_english(question) for question in _QUESTION.findall(text or ""))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not self.is_english(text):
                intent: dict[str, Any] | None = {INTENT_NAME_KEY: OTHER_LANGUAGE, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, intent, add_to_output=True)
                message.set("intent_ranking", [intent], add_to_output=True)
            elif (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == OTHER_LANGUAGE and (
                    self.is_plainly_english(text) or self.asks_in_english(text)):
                # The model's guess, on a message in plain English ("My mother is 80, she lives with
                # us since dad died. The GP just says it's age." was told, in Spanish, that only
                # English is answered; session 26's tester): its next guess, if sure enough.
                fallback = {INTENT_NAME_KEY: Intent.NLU_FALLBACK, PREDICTED_CONFIDENCE_KEY: self._fallback_threshold}
                ranking = next_guess(message.get("intent_ranking") or [], {OTHER_LANGUAGE},
                                     self._fallback_threshold) or [fallback]
                message.set(INTENT, ranking[0], add_to_output=True)
                message.set("intent_ranking", ranking, add_to_output=True)
            if (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == OTHER_LANGUAGE:
                # Which language, so that the reply can say it in that language too.
                message.set(LANGUAGE, guess_language(without_markup(text)), add_to_output=True)
        return messages
