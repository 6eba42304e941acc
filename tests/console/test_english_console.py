"""The console for chats in English (issue #18): English ready answers, language shown."""

from __future__ import annotations

from bot.console.handover_pages import _ready_replies
from bot.console.labels import LANGUAGE_DA, label
from bot.knowledge.loader import load_knowledge_base
from bot.settings import PROJECT_ROOT


def test_an_english_chat_gets_english_ready_answers() -> None:
    knowledge = load_knowledge_base(PROJECT_ROOT / "knowledge", environ={})
    english = {r["id"]: r for r in _ready_replies(knowledge, "en")}
    danish = {r["id"]: r for r in _ready_replies(knowledge)}
    assert set(english) == set(danish) == set(knowledge.entries)
    assert english["anke"]["title"] == "Appeal"
    assert "The deadline is 14 days." in english["anke"]["text"]
    assert danish["anke"]["text"].startswith("Anke betyder")


def test_the_queue_names_the_language() -> None:
    assert label(LANGUAGE_DA, "en") == "Engelsk"
    assert label(LANGUAGE_DA, "da") == "Dansk"
