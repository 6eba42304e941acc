"""Citizen texts in the chat's language (issue #18): Danish modules with an English twin.

Each texts module (`bot/cases/texts.py`, `actions/texts.py`, ...) keeps its Danish constants;
its twin `<module>_en.py` has the same names in English. `localized(texts, language)` gives the
module to read from, so call sites stay `texts.NAME`. The twin must have every public text of
the Danish module (tests/bot/test_i18n.py checks it): nothing falls back to Danish mid-chat.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


def normalize_language(value: object) -> str:
    """"en" for English ("en", "en-GB", "EN"), else Danish."""
    return "en" if str(value or "").strip().lower().startswith("en") else DEFAULT_LANGUAGE


def language_of_browser(accept_language: str | None) -> str:
    """The language the widget opens in for a browser (bot/static/widget-i18n.js): Danish when
    its first language is Danish, else English; Danish when the browser says nothing.

    For the gateway's replies before a chat (and its language) is known.
    """
    first = (accept_language or "").split(",")[0].split(";")[0].strip().lower()
    if not first or first == "*":
        return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE if first.startswith("da") else "en"


def english_twin(module: ModuleType) -> ModuleType:
    return importlib.import_module(f"{module.__name__}_en")


def localized(module: ModuleType, language: object) -> Any:
    """The texts module in the chat's language: the English twin for "en", else the module."""
    if normalize_language(language) == "en":
        return english_twin(module)
    return module


def language_of_chat(session: Any, session_id: str) -> str:
    """The language of a stored chat ("da" when unknown); `session` is a database session."""
    from bot.models.chat import ChatSession

    chat = session.get(ChatSession, session_id)
    return normalize_language(chat.language if chat is not None else None)


def english_for(text: str, *modules: ModuleType) -> str:
    """The English twin of a Danish text constant of one of `modules` (else `text` itself)."""
    for module in modules:
        for name, value in public_texts(module).items():
            if value == text:
                return str(public_texts(english_twin(module)).get(name, text))
    return text


def public_texts(module: ModuleType) -> dict[str, str]:
    """The module's public text constants (UPPER_CASE names bound to str)."""
    return {
        name: value
        for name, value in vars(module).items()
        if name.isupper() and not name.startswith("_") and isinstance(value, str)
    }


def missing_in_twin(module: ModuleType) -> list[str]:
    """Names of Danish texts that the English twin lacks."""
    twin = public_texts(english_twin(module))
    return sorted(name for name in public_texts(module) if name not in twin)
