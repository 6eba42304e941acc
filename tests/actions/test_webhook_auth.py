"""The action server will not run unauthenticated (the 401s: tests/security)."""

from __future__ import annotations

import os
import subprocess

import pytest

from bot.bearer import is_authorised
from bot.environments import rasa_executable
from bot.ports import free_port
from bot.settings import PROJECT_ROOT

TOKEN = "action-server-token-for-unit-tests-0123456789"


@pytest.mark.parametrize(
    ("header", "expected"),
    [(f"Bearer {TOKEN}", True), (TOKEN, False), (f"Bearer {TOKEN}x", False),
     (f"bearer {TOKEN}", False), ("Bearer ", False), (None, False)],
)
def test_only_the_exact_bearer_token_is_authorised(header: str | None, expected: bool) -> None:
    assert is_authorised(header, TOKEN) is expected


def test_an_empty_or_short_token_authorises_nobody() -> None:
    assert not is_authorised("Bearer ", "")
    assert not is_authorised("Bearer short", "short")


@pytest.mark.parametrize("missing", ["BR_ACTION_SERVER_TOKEN", "BR_IDENTITY_CLAIM_KEY"])
def test_the_action_server_refuses_to_start_without_its_secrets(missing: str) -> None:
    env = {**os.environ, "BR_ACTION_SERVER_TOKEN": TOKEN,
           "BR_IDENTITY_CLAIM_KEY": TOKEN, missing: "", "SANIC_HOST": "127.0.0.1"}
    result = subprocess.run(
        [str(rasa_executable("python")), "-m", "rasa_sdk", "--actions", "actions",
         "--port", str(free_port())],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert missing in result.stdout + result.stderr

