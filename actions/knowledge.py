"""Knowledge answers: the entry for the predicted `kb_<id>` intent, its source, more, and
"Mente du ...?" when the classifier is unsure.

Entries come from `knowledge/` and are loaded once per process (`cached_knowledge_base`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.language import chat_language
from actions.stray_code import answered_stray_code
from bot.formats import format_date_in
from bot.i18n import localized
from bot.knowledge.loader import KnowledgeBase, cached_knowledge_base
from bot.knowledge.safety import emergency_is_likely
from bot.knowledge.schema import KnowledgeEntry, entry_id_from_intent
from bot.settings import load_settings

LAST_ENTRY_SLOT = "last_knowledge_entry"
ANSWERS_GIVEN_SLOT = "knowledge_answers_given"
# Set by the first "Mente du ...?"; a second misunderstanding in a row then goes to a person
# (rule in data/rules/handover.yml).
FALLBACK_COUNT_SLOT = "fallback_count"
# The domain response (domain/core.yml) that says "Ring 112" for danger now.
EMERGENCY_RESPONSE = "utter_emergency"
MAX_SUGGESTIONS = 3
MAX_RELATED_BUTTONS = 3
# Bounded so a long chat cannot grow the tracker without limit.
MAX_ANSWERS_REMEMBERED = 50

Button = dict[str, str]


def knowledge_base() -> KnowledgeBase:
    return cached_knowledge_base(load_settings().knowledge_dir)


def entry_button(entry: KnowledgeEntry, language: str = "da") -> Button:
    return {"title": entry.title_in(language), "payload": f"/{entry.intent}"}


def _linked_entries(base: KnowledgeBase, ids: tuple[str, ...]) -> list[KnowledgeEntry]:
    return [entry for entry in (base.get(i) for i in ids) if entry is not None]


def _buttons_with_source(entries: list[KnowledgeEntry], language: str) -> list[Button]:
    """One button per linked entry, then "where is that from?" for the answer just given."""
    buttons = [entry_button(e, language) for e in entries]
    source = localized(texts, language).BUTTON_SHOW_SOURCE
    buttons.append({"title": source, "payload": "/ask_source"})
    return buttons


def _has_slot(domain: DomainDict, slot: str) -> bool:
    return slot in (domain.get("slots") or {})


@dataclass(frozen=True)
class EntryTurn:
    """What an answer about one entry is made from: the entry, its base, the chat's texts."""

    base: KnowledgeBase
    entry: KnowledgeEntry
    language: str
    say: Any  # actions.texts or its English twin


class EntryAction(Action, ABC):
    """An answer about one knowledge entry; abstract, so only the subclasses are registered.

    `run` finds the entry in the chat's language; without one the citizen is told the text
    named `missing` (there is no answer to build on yet).
    """

    action_name = ""
    missing = ""

    def name(self) -> str:
        return self.action_name

    def entry_id(self, tracker: Tracker) -> str | None:
        """The entry this action is about: by default the last one answered."""
        return tracker.get_slot(LAST_ENTRY_SLOT)

    @abstractmethod
    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: EntryTurn
                ) -> list[EventType]:
        """Say what this action says about `turn.entry`; return the events."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        language = chat_language(tracker)
        say = localized(texts, language)
        base = knowledge_base()
        entry = base.get(self.entry_id(tracker))
        if entry is None:
            dispatcher.utter_message(text=getattr(say, self.missing))
            return []
        return self.respond(dispatcher, tracker, EntryTurn(base, entry, language, say))


class ActionAnswerKnowledge(EntryAction):
    """Answers the knowledge entry of the predicted intent and remembers that it did."""

    action_name = "action_answer_knowledge"
    missing = "KNOWLEDGE_UNKNOWN"

    def entry_id(self, tracker: Tracker) -> str | None:
        return entry_id_from_intent((tracker.latest_message.get("intent") or {}).get("name"))

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: EntryTurn
                ) -> list[EventType]:
        return answer_entry(dispatcher, tracker, turn)


def answer_entry(dispatcher: CollectingDispatcher, tracker: Tracker, turn: EntryTurn
                 ) -> list[EventType]:
    """Say the entry's answer with its related entries and "where is that from?"; remember it."""
    entry = turn.entry
    related = _linked_entries(turn.base, entry.related)[:MAX_RELATED_BUTTONS]
    dispatcher.utter_message(text=turn.base.render_answer(entry, language=turn.language),
                             buttons=_buttons_with_source(related, turn.language))
    given = [*list(tracker.get_slot(ANSWERS_GIVEN_SLOT) or []), entry.id]
    events: list[EventType] = [
        SlotSet(LAST_ENTRY_SLOT, entry.id),
        SlotSet(ANSWERS_GIVEN_SLOT, given[-MAX_ANSWERS_REMEMBERED:]),
    ]
    if tracker.get_slot(FALLBACK_COUNT_SLOT):
        events.append(SlotSet(FALLBACK_COUNT_SLOT, 0.0))
    return events


class ActionShowSource(EntryAction):
    """Shows the law, section or authority behind the last answer ("hvor har du det fra?")."""

    action_name = "action_show_source"
    missing = "KNOWLEDGE_NO_SOURCE_YET"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: EntryTurn
                ) -> list[EventType]:
        entry, say = turn.entry, turn.say
        lines = [say.KNOWLEDGE_SOURCE_INTRO.format(title=entry.title_in(turn.language))]
        lines += [f"- [{source.title}]({source.url})" for source in entry.sources]
        reviewed = format_date_in(entry.reviewed, turn.language)
        lines.append(say.KNOWLEDGE_SOURCE_REVIEWED.format(date=reviewed))
        dispatcher.utter_message(text="\n".join(lines))
        return []


class ActionKnowledgeMore(EntryAction):
    """Offers the next steps and related entries of the last answer as buttons."""

    action_name = "action_knowledge_more"
    missing = "KNOWLEDGE_NOTHING_MORE"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: EntryTurn
                ) -> list[EventType]:
        entry = turn.entry
        linked_ids = tuple(dict.fromkeys(entry.next_steps + entry.related))
        dispatcher.utter_message(
            text=turn.say.KNOWLEDGE_MORE_INTRO.format(title=entry.title_in(turn.language)),
            buttons=_buttons_with_source(_linked_entries(turn.base, linked_ids), turn.language),
        )
        return []


def likely_entries(
    base: KnowledgeBase, ranking: list[dict[str, Any]], limit: int = MAX_SUGGESTIONS
) -> list[KnowledgeEntry]:
    """The knowledge entries of the intent ranking, most likely first."""
    found: list[KnowledgeEntry] = []
    for item in ranking:
        entry = base.get(entry_id_from_intent(item.get("name")))
        if entry is not None and entry not in found:
            found.append(entry)
        if len(found) == limit:
            break
    return found


class ActionClarify(Action):
    """On `nlu_fallback`: "Mente du ...?" with the likely entries and a person, never a guess.

    If an emergency was likely, "Ring 112" comes first (see bot.knowledge.safety).
    """

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        if answered_stray_code(dispatcher, tracker):
            return []
        language = chat_language(tracker)
        say = localized(texts, language)
        ranking = tracker.latest_message.get("intent_ranking") or []
        if emergency_is_likely(ranking):
            dispatcher.utter_message(response=EMERGENCY_RESPONSE)
        candidates = likely_entries(knowledge_base(), ranking)
        buttons = [entry_button(entry, language) for entry in candidates]
        buttons.append({"title": say.BUTTON_TALK_TO_ADVISOR, "payload": "/request_human"})
        text = say.KNOWLEDGE_CLARIFY if candidates else say.KNOWLEDGE_CLARIFY_NO_GUESS
        dispatcher.utter_message(text=text, buttons=buttons)
        if _has_slot(domain, FALLBACK_COUNT_SLOT):
            return [SlotSet(FALLBACK_COUNT_SLOT, 1.0)]
        return []
