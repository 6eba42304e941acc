"""After "Ring 112" and 114: the help of a disclosed topic (violence at home, stalking).

The emergency rule (data/rules/core.yml) has Rasa say utter_emergency and utter_emergency_114
itself, so "Ring 112" never waits for the action server; this action runs after them. When the
message also discloses violence in a close relationship or stalking ("min kæreste slår mig",
"en fyr følger efter mig hver dag"), it gives that knowledge entry's answer, as a knowledge
answer is given (its related entries and "Hvor har du det fra?"). Which entry, if any, is
decided by bot.knowledge.emergency_help, the same rule `make eval` counts with.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import texts
from actions.knowledge import EntryTurn, answer_entry, knowledge_base
from actions.language import chat_language
from bot.i18n import localized
from bot.knowledge.emergency_help import emergency_follow_up


class ActionEmergencyHelp(Action):
    """Follows the emergency answer with the entry the message discloses, or says nothing."""

    def name(self) -> str:
        return "action_emergency_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        message = tracker.latest_message
        entry_id = emergency_follow_up(
            message.get("text") or "", message.get("intent_ranking") or []
        )
        base = knowledge_base()
        entry = base.get(entry_id)
        if entry is None:
            return []
        language = chat_language(tracker)
        turn = EntryTurn(base, entry, language, localized(texts, language))
        return answer_entry(dispatcher, tracker, turn)
