"""The model's next guess, when a component takes its first one back (a red-flag intent no net
confirmed, "other language" for a message in plain English)."""

from __future__ import annotations

from typing import Any, Collection

from rasa.shared.nlu.constants import INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY

from assistant.names import Intent

# The FallbackClassifier's threshold in config.yml: a next guess less sure than this is none.
DEFAULT_FALLBACK_THRESHOLD = 0.4


def next_guess(ranking: list[dict[str, Any]], taken_back: Collection[str],
               fallback_threshold: float = DEFAULT_FALLBACK_THRESHOLD) -> list[dict[str, Any]] | None:
    """The ranking without the intents ``taken_back``, led by nlu_fallback when its first guess is
    less sure than ``fallback_threshold`` (the model does not know, as the fallback would have
    said); None when no other guess is left."""
    others = [r for r in ranking if r.get(INTENT_NAME_KEY) not in taken_back]
    if not others:
        return None
    if float(others[0].get(PREDICTED_CONFIDENCE_KEY) or 0.0) < fallback_threshold:
        others = [{INTENT_NAME_KEY: Intent.NLU_FALLBACK, PREDICTED_CONFIDENCE_KEY: fallback_threshold}, *others]
    return others
