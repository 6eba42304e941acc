"""Profile selection: the production profile refuses settings that would split conversations."""

from __future__ import annotations

import pytest

from bot.settings import load_settings, profile_problems


def test_embedded_is_the_default_profile_with_one_rasa_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BR_PROFILE", raising=False)
    monkeypatch.delenv("BR_RASA_URLS", raising=False)
    monkeypatch.setenv("BR_RASA_URL", "http://127.0.0.1:5999")
    settings = load_settings()
    assert settings.profile == "embedded"
    assert settings.rasa.urls == ("http://127.0.0.1:5999",)
    assert profile_problems(settings) == []


def test_rasa_urls_list_every_server_and_the_first_is_the_main_url(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BR_RASA_URLS", "http://rasa-0:5005, http://rasa-1:5005,")
    settings = load_settings()
    assert settings.rasa.urls == ("http://rasa-0:5005", "http://rasa-1:5005")
    assert settings.rasa.url == "http://rasa-0:5005"


def test_production_profile_needs_postgresql_and_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BR_PROFILE", "production")
    monkeypatch.delenv("BR_REDIS_URL", raising=False)
    problems = profile_problems(load_settings())  # the test environment uses SQLite
    assert any("BR_DATABASE_URL" in p for p in problems)
    assert any("BR_REDIS_URL" in p for p in problems)
    monkeypatch.setenv("BR_DATABASE_URL", "postgresql://borger@db/borger")
    monkeypatch.setenv("BR_REDIS_URL", "redis://redis:6379/0")
    assert profile_problems(load_settings()) == []


def test_an_unknown_profile_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BR_PROFILE", "prod")
    assert profile_problems(load_settings()) != []
