"""Rasa's REST channel for the gateway only (the 401s against a real Rasa: tests/security)."""

from __future__ import annotations

import pytest

TOKEN = "gateway-rasa-token-for-unit-tests-0123456789"


def test_the_rest_channel_refuses_to_start_without_the_gateways_token() -> None:
    from bot.rasa_channel import GatewayRestInput

    with pytest.raises(ValueError, match="BR_RASA_TOKEN"):
        GatewayRestInput("")
    assert GatewayRestInput(TOKEN).name() == "rest"
