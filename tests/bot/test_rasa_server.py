"""The product's fix to Rasa: action answers checked against a schema that is checked once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from bot import rasa_server

VALID = {
    "events": [{"event": "slot", "timestamp": None, "name": "journal_number", "value": "1"},
               {"event": "active_loop", "name": "case_status_form"}],
    "responses": [{"text": "Her er svaret.", "buttons": [{"title": "Ja", "payload": "/ja"}]}],
}
INVALID = [
    {"events": [{"name": "journal_number"}]},  # an event without its kind
    {"events": [{"event": "slot", "timestamp": "yesterday"}]},  # a time that is no number
    {"events": {"event": "slot"}},  # events not a list
    {"responses": ["Her er svaret."]},  # a response that is no object
]


@pytest.fixture
def action() -> Iterator[RemoteAction]:
    original = RemoteAction._validate_action_result
    rasa_server.install()
    yield RemoteAction("action_answer", EndpointConfig("http://127.0.0.1:1/webhook"))
    RemoteAction._validate_action_result = original  # type: ignore[method-assign]


def _stock_error(result: dict[str, Any]) -> str:
    with pytest.raises(jsonschema.ValidationError) as raised:
        jsonschema.validate(result, RemoteAction.action_response_format_spec())
    return raised.value.message


def test_a_valid_action_answer_passes(action: RemoteAction) -> None:
    assert action._validate_action_result(VALID) is True


@pytest.mark.parametrize("result", INVALID)
def test_a_bad_action_answer_fails_with_the_error_rasa_itself_reports(
    action: RemoteAction, result: dict[str, Any]
) -> None:
    with pytest.raises(jsonschema.ValidationError) as raised:
        action._validate_action_result(result)
    message = raised.value.message
    assert message.startswith(_stock_error(result) + ". Failed to validate Action server")
    assert "/custom-actions" in message


def test_the_schema_itself_is_checked_once_not_per_answer(
    action: RemoteAction, monkeypatch: pytest.MonkeyPatch
) -> None:
    action._validate_action_result(VALID)
    validator_class = rasa_server._checked_validator_class()

    def refuse(*_args: Any) -> None:
        raise AssertionError("the schema was checked again")

    monkeypatch.setattr(validator_class, "check_schema", refuse)
    for _ in range(3):
        assert action._validate_action_result(VALID) is True


def test_install_is_idempotent_and_keeps_the_fix(action: RemoteAction) -> None:
    rasa_server.install()
    assert RemoteAction._validate_action_result is rasa_server.validate_action_result


def test_install_refuses_a_rasa_whose_method_moved(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(RemoteAction, "_validate_action_result")
    with pytest.raises(RuntimeError, match=r"review bot/rasa_server\.py"):
        rasa_server.install()
