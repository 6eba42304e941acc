"""Every Danish texts module has a complete English twin (issue #18): no Danish mid-chat."""

from __future__ import annotations

import importlib
from datetime import date, datetime

import pytest

from bot.formats import format_clock_en, format_date_en, format_date_in, format_weekday_date_en
from bot.i18n import localized, missing_in_twin, normalize_language, public_texts

TEXT_MODULES = ("bot.chat.texts", "bot.cases.texts", "actions.texts", "bot.handover.texts",
                "bot.requests.texts")


@pytest.mark.parametrize("name", TEXT_MODULES)
def test_the_english_twin_has_every_text(name: str) -> None:
    module = importlib.import_module(name)
    assert missing_in_twin(module) == []
    english = public_texts(localized(module, "en"))
    danish = public_texts(module)
    for key, text in english.items():
        # The same placeholders, so the callers fill both alike.
        assert sorted(_fields(text)) == sorted(_fields(danish.get(key, text))), key


def _fields(text: str) -> list[str]:
    import string

    return [f for _, f, _, _ in string.Formatter().parse(text) if f]


def test_languages_are_normalised() -> None:
    assert normalize_language("en-GB") == "en"
    assert normalize_language("EN") == "en"
    assert normalize_language("da") == "da"
    assert normalize_language(None) == "da"
    assert normalize_language("de") == "da"


def test_english_dates() -> None:
    assert format_date_en(date(2026, 12, 19)) == "19 December 2026"
    assert format_weekday_date_en(date(2026, 12, 19)) == "Saturday 19 December 2026"
    assert format_clock_en(datetime(2026, 12, 19, 9, 30)) == "9:30"
    assert format_date_in(date(2026, 12, 19), "da") == "19. december 2026"
