"""One measured speed-up of Rasa 3.6 itself, installed when the Rasa server loads our channels.

On every custom-action call, Rasa's ``RemoteAction._validate_action_result`` calls
``jsonschema.validate``, which first re-checks Rasa's own, never-changing response schema
against the JSON Schema meta-schema. In this assistant every turn runs one custom action, and
that re-check was 58% of the Rasa server's CPU per turn (py-spy, docs/performance.md). Here
the schema is checked once and the validator kept; each response is still validated in full.
tests/unit/test_rasa_speedups.py fails if Rasa's method changes, so an upgrade revisits this.
"""

from __future__ import annotations

import functools
from typing import Any

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

ORIGINAL_VALIDATE = RemoteAction._validate_action_result


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """Rasa's own check, with the schema's validator built once."""
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from "
            f"the Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
