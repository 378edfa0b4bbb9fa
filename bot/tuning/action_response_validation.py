"""Checking the action server's replies against Rasa's schema, once compiled.

Rasa 3.6 validates every reply with jsonschema.validate(), which first checks
the schema itself (a large one: every event type) and then builds a new
validator: 13 % of the Rasa server's time under load. The schema never
changes, so one validator is built once and reused; a reply that does not
fit raises the same ValidationError with the same message as before.
"""
from __future__ import annotations

from typing import Any, Dict, Text


def apply() -> None:
    from jsonschema import ValidationError
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    if getattr(RemoteAction._validate_action_result, "compiled_once", False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)

    def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
        try:
            validator.validate(result)
            return True
        except ValidationError as e:
            e.message += (
                f". Failed to validate Action server response from API, "
                f"make sure your response from the Action endpoint is valid. "
                f"For more information about the format visit "
                f"{DOCS_BASE_URL}/custom-actions"
            )
            raise e

    _validate_action_result.compiled_once = True
    RemoteAction._validate_action_result = _validate_action_result
