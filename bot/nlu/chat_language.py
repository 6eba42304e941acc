"""The chat's language as an entity, from the gateway's metadata (issue #18).

The gateway knows the language the citizen chose (or confirmed) and sends it as trusted
metadata `br_language` with every message. This component turns it into the entity `language`,
which fills the slot `language` (domain/language.yml) in the same turn, before any response is
chosen: no extra call to the action server. Anything but "en" is Danish.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, METADATA
from rasa.shared.nlu.training_data.message import Message

from bot.i18n import normalize_language
from bot.nlu.stateless import StatelessComponent

LANGUAGE_ENTITY = "language"
METADATA_LANGUAGE = "br_language"


def language_from_metadata(metadata: Any) -> str | None:
    """"da" or "en" when the gateway sent a language, else None (the slot keeps its value)."""
    if not isinstance(metadata, dict) or METADATA_LANGUAGE not in metadata:
        return None
    return normalize_language(metadata.get(METADATA_LANGUAGE))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ChatLanguage(StatelessComponent):
    """Adds the entity `language` ("da"/"en") from the message's metadata."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            language = language_from_metadata(message.get(METADATA))
            if language is None:
                continue
            entities = [
                e for e in (message.get(ENTITIES) or []) if e.get("entity") != LANGUAGE_ENTITY
            ]
            entities.append(
                {"entity": LANGUAGE_ENTITY, "value": language, "extractor": type(self).__name__}
            )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
