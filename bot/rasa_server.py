"""Rasa's server (`rasa run`), started with the product's one fix to Rasa's own code.

`python -m bot.rasa_server run ...` takes the arguments of `rasa run`. Before Rasa starts
(and forks its Sanic workers), it replaces how Rasa checks the action server's answers:

Rasa 3.6 checks every answer of the action server (every custom action and every form's
slot validation) with `jsonschema.validate(answer, schema)`. That call first checks the
*schema itself* against JSON Schema's meta-schema, and the schema is large (23 event kinds in
a `oneOf`): about 50 ms of CPU per action call on a 2-core VM, more than half of the Rasa
server's CPU per message (docs/BENCHMARKS.md, "Eighth pass"). The schema never changes, so
here it is checked once; each answer is still checked in full against it, and a bad answer
fails exactly as before (the same error, the same hint to Rasa's docs).

Rasa is pinned (`rasa==3.6.21`); `install` refuses to run if the method it replaces is not
there, so an upgrade cannot silently skip the fix or the check.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _checked_validator_class() -> Any:
    """The validator class for Rasa's action-answer schema, the schema checked once."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # what `jsonschema.validate` redoes on every call
    return validator_class


def validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` without re-checking the schema on every call."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    # A fresh validator per answer (cheap), so no reference-resolution state is shared.
    validator = _checked_validator_class()(self.action_response_format_spec())
    # `jsonschema.validate` reports the best match among all errors; so does this.
    error = best_match(validator.iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Put the fix in place; idempotent, and loud if Rasa no longer has the method."""
    from rasa.core.actions.action import RemoteAction

    current = getattr(RemoteAction, "_validate_action_result", None)
    if current is None or not hasattr(RemoteAction, "action_response_format_spec"):
        raise RuntimeError("Rasa's RemoteAction changed: review bot/rasa_server.py")
    if current is validate_action_result:
        return
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def main() -> None:
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
