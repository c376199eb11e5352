"""A Rasa NLU component that lets the rest of the pipeline read a visitor's message without markup.

The widget shows every message as plain text, so tags a visitor types or pastes are never
rendered; but read as words they mislead the model: "<script>alert('x')</script> how does pain
affect sleep?" got the refusal to advise on medicines first ("script", a prescription). First in
the pipeline, this puts the message's text without its tags (assistant.markup) where every later
component reads it. The conversation keeps what the visitor typed (Rasa stores the channel's
text, not the parsed one), and the training data, which has no markup, is left as it is.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from assistant.markup import without_markup


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class MarkupRemover(GraphComponent):
    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> MarkupRemover:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and "<" in text:
                message.set(TEXT, without_markup(text))
        return messages
