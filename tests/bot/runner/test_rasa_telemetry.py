"""Rasa's own telemetry (usage to Segment, crash reports to Sentry) is off in every process."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa import telemetry

from bot.build import rasa_process_env
from bot.runner.services import service_environment
from bot.settings import load_settings


def test_make_run_starts_rasa_with_telemetry_off_even_when_the_shell_turns_it_on(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # `rasa train` writes `metrics: enabled: true` into ~/.config/rasa/global.yml; an
    # operator's shell may say the same. Neither may make a police server phone home.
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", "true")
    monkeypatch.setenv("BR_VAR_DIR", str(tmp_path))
    env = service_environment(load_settings())
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", env["RASA_TELEMETRY_ENABLED"])
    assert not telemetry.is_telemetry_enabled()


def test_training_and_the_evaluation_run_rasa_with_telemetry_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RASA_TELEMETRY_ENABLED", rasa_process_env()["RASA_TELEMETRY_ENABLED"])
    assert not telemetry.is_telemetry_enabled()
