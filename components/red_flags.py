"""A Rasa NLU component that puts emergency and crisis messages first, whatever the model thinks.

Three nets, in order (the rules and the meaning detector read a message a second time in plain
words when its text-speak or misspellings change it: people in distress type fast, "wud evry1
be happier w/o me around"):
1. the rules staff can read (knowledge/red_flags.yml, applied by ``assistant.red_flags``);
2. the meaning detector (``assistant.red_flag_meaning``): a classifier over sentence
   embeddings and n-grams, fitted at start from knowledge/red_flag_meanings/ and the NLU
   data, for wordings nobody listed; when it is unsure whether a message is about suicide or
   self-harm, the intent becomes ``report_possible_crisis`` (the screening question);
3. DIET's own red-flag guess, when it is confident. A confident crisis guess that the meaning
   detector does not share becomes the screening question (the nets disagree: ask).

It runs last in the pipeline, so nothing that refuses (dosing, diagnosis, out of scope, not
understood) can be chosen for a message it has not cleared. The parse data's ``red_flag``
says which kind of guidance the message gets (poisoning, emergency, crisis, possible_crisis)
and which net raised it; its ``asked_ahead`` names the rule that read a message with no alarm as
a question asked ahead of an emergency.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.embeddings import default_embedder
from assistant.names import ASKED_AHEAD, RED_FLAG, Intent
from assistant.paths import RED_FLAG_MEANINGS_DIR, RED_FLAGS_FILE
from assistant.red_flag_meaning import MeaningDetector, Thresholds, build_detector, hears_also, verdict_from
from assistant.red_flags import RedFlag, RedFlagRules, compiled_rules
from assistant.spelling import Respeller
from components.next_guess import DEFAULT_FALLBACK_THRESHOLD, next_guess

logger = logging.getLogger(__name__)

INTENT_RANKING = "intent_ranking"
# The model's own red-flag guess (without a rule behind it) counts from this confidence up;
# below it, its guesses were mostly ordinary pain talk (tests/integration/test_safety_pipeline.py).
DEFAULT_MODEL_ALARM_THRESHOLD = 0.85
# The intent each kind of red flag gets; a poisoning is an emergency with its own guidance.
INTENT_OF_KIND = {
    "poisoning": Intent.REPORT_EMERGENCY,
    "emergency": Intent.REPORT_EMERGENCY,
    "crisis": Intent.REPORT_CRISIS,
    "possible_crisis": Intent.REPORT_POSSIBLE_CRISIS,
}
KIND_OF_INTENT = {
    Intent.REPORT_EMERGENCY: "emergency",
    Intent.REPORT_CRISIS: "crisis",
    Intent.REPORT_POSSIBLE_CRISIS: "possible_crisis",
}
RED_FLAG_INTENT_NAMES = set(KIND_OF_INTENT)


def _with_crisis(both: bool) -> dict[str, bool]:
    """What the parse data says of a message that is an emergency and a crisis at once (self-harm
    with heavy bleeding): the emergency guidance that keeps the crisis line
    (``emergency_with_crisis``)."""
    return {"with_crisis": True} if both else {}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RedFlagClassifier(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagClassifier:
        defaults = Thresholds()
        thresholds = Thresholds(
            emergency=float(config.get("emergency_threshold", defaults.emergency)),
            crisis=float(config.get("crisis_threshold", defaults.crisis)),
            screening=float(config.get("screening_threshold", defaults.screening)),
        )
        detector = build_detector(default_embedder(), thresholds)
        logger.info("Red-flag meaning detector ready (%s)", thresholds)
        alarm_threshold = float(config.get("model_alarm_threshold", DEFAULT_MODEL_ALARM_THRESHOLD))
        fallback_threshold = float(config.get("fallback_threshold", DEFAULT_FALLBACK_THRESHOLD))
        return cls(compiled_rules(), detector, alarm_threshold, red_flag_respeller(), fallback_threshold)

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        defaults = Thresholds()
        return {
            "model_alarm_threshold": DEFAULT_MODEL_ALARM_THRESHOLD,
            "fallback_threshold": DEFAULT_FALLBACK_THRESHOLD,
            "emergency_threshold": defaults.emergency,
            "crisis_threshold": defaults.crisis,
            "screening_threshold": defaults.screening,
        }

    def __init__(
        self,
        rules: RedFlagRules,
        detector: MeaningDetector | None = None,
        model_alarm_threshold: float = DEFAULT_MODEL_ALARM_THRESHOLD,
        respell: Respeller | None = None,
        fallback_threshold: float = DEFAULT_FALLBACK_THRESHOLD,
    ) -> None:
        self._rules = rules
        self._detector = detector
        self._model_alarm_threshold = model_alarm_threshold
        self._respell = respell
        self._fallback_threshold = fallback_threshold

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._classify(message)
        return messages

    def _classify(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if not isinstance(text, str):
            return
        # The message as typed, then in plain words when that differs: either can raise the alarm.
        readings = [text]
        if self._respell is not None and (plain := self._respell(text)) != text:
            readings.append(plain)
        flag = next((found for reading in readings if (found := self._rules.detect(reading))), None)
        if flag:
            # A poisoning told with an emergency's signs (trouble breathing, unconscious) or taken
            # on purpose (a crisis rule too: "just took 20 of my dad's oxycodone. want to sleep
            # forever", session 27's tester): its guidance puts 911 first (poisoning_with_signs).
            signs = (self._also(readings, "emergency") or self._also(readings, "crisis")) if flag.kind == "poisoning" \
                else None
            # Self-harm with heavy bleeding (a rule marked with_crisis, or the detector sure of the
            # other kind): the emergency guidance that keeps the crisis line.
            both = (flag.kind == "crisis" and any(self._rules.injury_with_crisis(r) for r in readings)) or (
                self._detector is not None and any(
                    hears_also(flag.kind, self._detector.scores(self._rules.without_exceptions(r))) for r in readings))
            self._raise(message, "emergency" if both else flag.kind,
                        {"rule": flag.rule, **({"signs": signs.rule} if signs else {}), **_with_crisis(both)})
            return
        # Idioms, negations, general questions and past events the rules know are blanked.
        verdict, both = None, False
        for reading in readings if self._detector else ():
            scores = self._detector.scores(self._rules.without_exceptions(reading))
            if verdict := verdict_from(scores, self._detector.thresholds):
                both = hears_also(verdict.kind, scores)
                break
        if verdict and verdict.kind == "possible_crisis" and len(readings) == 1 and self._other_language(message):
            # The detector learnt English: unsure about a message in another language ("Guten Tag,
            # ich habe Knieschmerzen ..." was asked the screening question), it hears noise. The
            # rules (Spanish ones among them) and its sure verdicts still count; text-speak, put
            # right in plain words, is English.
            verdict = None
        if verdict:
            self._raise(message, "emergency" if both else verdict.kind,
                        {"detector": "meaning", "score": round(verdict.score, 3), **_with_crisis(both)})
            return
        # A question asked ahead of an emergency ("what should I do if I ever get chest pain at
        # night?") is no alarm, but its reply starts with the emergency numbers: the actions read
        # this, never the rules again.
        if ahead := next((name for reading in readings if (name := self._rules.asked_ahead(reading))), None):
            message.set(ASKED_AHEAD, ahead, add_to_output=True)
        predicted: dict[str, Any] | None = message.get(INTENT)
        if not predicted or predicted.get(INTENT_NAME_KEY) not in RED_FLAG_INTENT_NAMES:
            return
        confident = float(predicted.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= self._model_alarm_threshold
        if confident and not self._rules.is_near_miss(text):
            # A confident alarm of the model stands: a third net for new wordings.
            kind = KIND_OF_INTENT[predicted[INTENT_NAME_KEY]]
            if kind == "crisis" and self._detector is not None:
                # The meaning detector judged the message and heard no crisis in it (not even
                # enough for the screening question): the nets disagree, so the visitor is asked
                # (the screening question, with the crisis line shown) instead of being told
                # they are in crisis (docs/safety.md, round 7).
                self._raise(message, "possible_crisis", {"detector": "model"})
                return
            message.set(RED_FLAG, {"kind": kind, "detector": "model"}, add_to_output=True)
            return
        # The model heard an alarm that neither the rules nor the meaning detector did: in an
        # idiom or a negation the rules know ("this pain is killing me"), or with low
        # confidence. Take its next guess.
        # A next guess no surer than the fallback classifier asks ("is there a blood test":
        # report_emergency 0.56, then other_language 0.08, which got "I can only answer in
        # English") becomes nlu_fallback.
        others = next_guess(list(message.get(INTENT_RANKING) or []), RED_FLAG_INTENT_NAMES, self._fallback_threshold)
        if others:
            message.set(INTENT, others[0], add_to_output=True)
            message.set(INTENT_RANKING, others, add_to_output=True)

    def _also(self, readings: list[str], kind: str) -> RedFlag | None:
        return next((found for reading in readings if (found := self._rules.also_raised(reading, kind))), None)

    @staticmethod
    def _other_language(message: Message) -> bool:
        """Whether the language guard (before this component) found the message not in English."""
        return (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == Intent.OTHER_LANGUAGE

    @staticmethod
    def _raise(message: Message, kind: str, why: dict[str, Any]) -> None:
        intent = {INTENT_NAME_KEY: INTENT_OF_KIND[kind], PREDICTED_CONFIDENCE_KEY: 1.0}
        ranking: list[dict[str, Any]] = list(message.get(INTENT_RANKING) or [])
        ranking = [intent] + [r for r in ranking if r.get(INTENT_NAME_KEY) != intent[INTENT_NAME_KEY]]
        message.set(INTENT, intent, add_to_output=True)
        message.set(INTENT_RANKING, ranking, add_to_output=True)
        message.set(RED_FLAG, {"kind": kind, **why}, add_to_output=True)


def red_flag_respeller() -> Respeller:
    """Text-speak and misspellings put right with the words the red flags are written in: the
    rules and the meaning examples (read again at the next start after staff edit them or
    knowledge/chat_words.yml). Not the NLU training data: five times the words, a second more
    of every start, and the same red flags caught on the development sets."""
    return Respeller([RED_FLAGS_FILE, *sorted(RED_FLAG_MEANINGS_DIR.glob("*.yml"))])
