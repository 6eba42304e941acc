"""The core fallback answers in Danish and forgets the message it could not place."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionDefaultFallback


async def test_fallback_names_114_and_112_and_reverts_the_user_message() -> None:
    dispatcher = CollectingDispatcher()
    tracker = Tracker("citizen-1", {}, {"text": "blabla"}, [], False, None, {}, "action_listen")

    events = await ActionDefaultFallback().run(dispatcher, tracker, {})

    assert events == [UserUtteranceReverted()]
    assert len(dispatcher.messages) == 1
    assert "114" in dispatcher.messages[0]["text"] and "112" in dispatcher.messages[0]["text"]
