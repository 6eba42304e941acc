"""The action server's one database engine, and the guard of every action that writes or reads
our database.

One engine per process, keyed by URL so tests that point BR_DATABASE_URL at a fresh database
get a fresh engine. No module-global session: an action opens a short
`session_scope(session_factory())` per run. PostgreSQL gets its schema from the Alembic
migrations only (`borger migrate`); only the embedded profile's SQLite file is created here.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Mapping
from functools import lru_cache
from typing import Any, TypeVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from actions.forms import set_slots
from bot.db import make_session_factory, open_engine
from bot.settings import load_settings

log = logging.getLogger(__name__)

ActionT = TypeVar("ActionT", bound=Action)
ActionRun = Callable[
    [ActionT, CollectingDispatcher, Tracker, dict[str, Any]], Awaitable[list[EventType]]
]


@lru_cache(maxsize=8)
def _session_factory_for(url: str) -> sessionmaker:
    return make_session_factory(open_engine(load_settings().database))


def session_factory() -> sessionmaker:
    """The per-process session factory for the configured database."""
    return _session_factory_for(load_settings().database.url)


def _in_chat_language(text: str | None, tracker: Tracker) -> str | None:
    """The apology in the chat's language (issue #18)."""
    from actions.language import chat_language

    if text is None or chat_language(tracker) != "en":
        return text
    from actions import texts as action_texts
    from bot.cases import texts as case_texts
    from bot.i18n import english_for
    from bot.requests import texts as request_texts

    return english_for(text, request_texts, action_texts, case_texts)


def apologise_on_database_error(
    failed: str,
    *,
    text: str | None = None,
    response: str | None = None,
    then: Mapping[str, Any] | None = None,
) -> Callable[[ActionRun[ActionT]], ActionRun[ActionT]]:
    """Wraps an action's `run`: when the database fails, the citizen hears `text` (or the
    domain `response`) instead of silence, the error is logged as `failed`, and the action
    sets the slots in `then` (e.g. clears a form's slots).

    Whatever the session wrote is rolled back by `session_scope`, so nothing is half-saved.
    """

    def decorate(run: ActionRun[ActionT]) -> ActionRun[ActionT]:
        @functools.wraps(run)
        async def guarded(
            action: ActionT, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict[str, Any],
        ) -> list[EventType]:
            try:
                return await run(action, dispatcher, tracker, domain)
            except SQLAlchemyError:
                log.exception("%s: %s", action.name(), failed)
                dispatcher.utter_message(text=_in_chat_language(text, tracker), response=response)
                return set_slots(then or {})

        return guarded

    return decorate
