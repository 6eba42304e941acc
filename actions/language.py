"""The chat's language in actions (issue #18): one helper for every action's texts.

The slot `language` is filled from the gateway's metadata by bot.nlu.chat_language in the same
turn; the metadata itself is the fallback (e.g. before the slot event is applied).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from rasa_sdk import Tracker

from bot.i18n import localized, normalize_language

LANGUAGE_SLOT = "language"
METADATA_LANGUAGE = "br_language"


def chat_language(tracker: Tracker) -> str:
    """"da" or "en" for this conversation."""
    metadata = tracker.latest_message.get("metadata") or {}
    if isinstance(metadata, dict) and metadata.get(METADATA_LANGUAGE):
        return normalize_language(metadata[METADATA_LANGUAGE])
    return normalize_language(tracker.get_slot(LANGUAGE_SLOT))


def texts_for(module: ModuleType, tracker: Tracker) -> Any:
    """The texts module (Danish or its English twin) in the chat's language."""
    return localized(module, chat_language(tracker))
