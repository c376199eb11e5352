"""A Rasa NLU component that puts emergency and crisis messages first, whatever the model thinks.

The rules live in knowledge/red_flags.yml and are applied by ``assistant.red_flags``; this
component only adapts them to Rasa's messages.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.red_flags import RedFlagRules, load_rules

INTENT_RANKING = "intent_ranking"
# The model's own red-flag guess (without a rule behind it) counts from this confidence up;
# below it, its guesses were mostly ordinary pain talk (tests/integration/test_safety_pipeline.py).
DEFAULT_MODEL_ALARM_THRESHOLD = 0.85
RED_FLAG_INTENTS = {"emergency": "report_emergency", "crisis": "report_crisis"}


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
        return cls(load_rules(), float(config.get("model_alarm_threshold", DEFAULT_MODEL_ALARM_THRESHOLD)))

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"model_alarm_threshold": DEFAULT_MODEL_ALARM_THRESHOLD}

    def __init__(self, rules: RedFlagRules, model_alarm_threshold: float = DEFAULT_MODEL_ALARM_THRESHOLD) -> None:
        self._rules = rules
        self._model_alarm_threshold = model_alarm_threshold

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._classify(message)
        return messages

    def _classify(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        flag = self._rules.detect(text)
        ranking: list[dict[str, Any]] = list(message.get(INTENT_RANKING) or [])
        if flag:
            intent = {INTENT_NAME_KEY: RED_FLAG_INTENTS[flag.kind], PREDICTED_CONFIDENCE_KEY: 1.0}
            ranking = [intent] + [r for r in ranking if r.get(INTENT_NAME_KEY) != intent[INTENT_NAME_KEY]]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING, ranking, add_to_output=True)
            message.set("red_flag", {"kind": flag.kind, "rule": flag.rule}, add_to_output=True)
            return
        predicted: dict[str, Any] | None = message.get(INTENT)
        if not predicted or predicted.get(INTENT_NAME_KEY) not in RED_FLAG_INTENTS.values():
            return
        unsure = float(predicted.get(PREDICTED_CONFIDENCE_KEY) or 0.0) < self._model_alarm_threshold
        if unsure or self._rules.is_near_miss(text):
            # The model heard an alarm the rules did not: in an idiom or a negation the rules
            # know ("this pain is killing me"), or with low confidence. Take its next guess.
            # A confident alarm without a rule still stands: a second net for new wordings.
            others = [r for r in ranking if r.get(INTENT_NAME_KEY) not in RED_FLAG_INTENTS.values()]
            if others:
                message.set(INTENT, others[0], add_to_output=True)
                message.set(INTENT_RANKING, others, add_to_output=True)
