"""The action server's one engine, and the apology when the database fails."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import OperationalError

from actions import db


def tracker() -> Tracker:
    return Tracker("conv-db", {}, {"text": "", "intent": {}}, [], False, None, {}, "action_listen")


def test_one_engine_per_process_for_the_configured_database() -> None:
    assert db.session_factory() is db.session_factory()


def test_the_schema_is_created_only_for_the_embedded_sqlite_database(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.db

    created: list[str] = []
    monkeypatch.setattr(bot.db, "create_all", lambda engine: created.append(engine.dialect.name))
    db.session_factory()  # the test's own SQLite file
    # PostgreSQL gets its schema from Alembic only; the engine does not even connect here.
    monkeypatch.setenv("BR_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/production")
    db.session_factory()
    assert created == ["sqlite"]


class _Failing(Action):
    def name(self) -> str:
        return "action_failing"

    @db.apologise_on_database_error("could not write", text="Undskyld.", then={"slot_a": None})
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        raise OperationalError("INSERT", {}, Exception("database is locked"))


class _Working(Action):
    def name(self) -> str:
        return "action_working"

    @db.apologise_on_database_error("could not write", response="utter_sorry")
    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        dispatcher.utter_message(text="Gemt.")
        return [SlotSet("slot_b", "x")]


async def test_a_database_failure_gives_the_apology_and_the_failure_events(
    caplog: pytest.LogCaptureFixture,
) -> None:
    dispatcher = CollectingDispatcher()
    with caplog.at_level(logging.ERROR, logger="actions.db"):
        events = await _Failing().run(dispatcher, tracker(), {})
    assert events == [SlotSet("slot_a", None)]
    assert [m["text"] for m in dispatcher.messages] == ["Undskyld."]
    assert "action_failing: could not write" in caplog.text


async def test_without_a_failure_the_action_is_unchanged() -> None:
    dispatcher = CollectingDispatcher()
    assert await _Working().run(dispatcher, tracker(), {}) == [SlotSet("slot_b", "x")]
    assert [m["text"] for m in dispatcher.messages] == ["Gemt."]
