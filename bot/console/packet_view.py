"""The case packet ("sagspakke") as an advisor reads it: Danish words, Danish dates with the
days left, the case's steps in order, the knowledge answers the bot already gave.

The stored packet (`bot.handover.context.HandoverContext`) keeps codes and ISO dates; this
module is the one place that turns them into the screen's words. Packets stored before a
field existed are read with defaults.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

from bot.cases.steps import STEP_TITLES
from bot.console import labels
from bot.formats import format_clock_da, format_date_da, format_weekday_date_da
from bot.handover import context as ctx
from bot.knowledge.loader import KnowledgeBase, KnowledgeError, cached_knowledge_base
from bot.knowledge.schema import entry_id_from_intent

log = logging.getLogger(__name__)

# The usual order of a criminal case; a dropped case leaves the main road where it is dropped.
MAIN_ROAD = ("anmeldelse", "efterforskning", "sigtelse", "tiltale", "retsmoede", "dom")
ROAD_TO = {
    "henlaeggelse": ("anmeldelse", "efterforskning", "henlaeggelse"),
    "paatale_opgivelse": ("anmeldelse", "efterforskning", "sigtelse", "paatale_opgivelse"),
    "anke": (*MAIN_ROAD, "anke"),
}


class StepView(TypedDict):
    title: str
    state: str  # "done" | "current" | "next"


class DeadlineView(TypedDict):
    label: str
    when: str
    days_left: str
    passed: bool


class AnswerView(TypedDict):
    title: str
    text: str


def knowledge_or_none(knowledge_dir: Path) -> KnowledgeBase | None:
    """The knowledge base for titles and ready answers; a broken base must not block a chat."""
    try:
        return cached_knowledge_base(knowledge_dir)
    except (KnowledgeError, OSError) as exc:
        log.warning("console: knowledge base not available: %s", exc)
        return None


def intent_label(intent: str, knowledge: KnowledgeBase | None) -> str | None:
    """Danish name of what the bot understood: a knowledge entry's title, or a core intent."""
    entry_id = entry_id_from_intent(intent)
    if entry_id is not None:
        entry = knowledge.get(entry_id) if knowledge is not None else None
        return entry.title if entry is not None else None
    return labels.INTENT_DA.get(intent)


def topic(packet: ctx.HandoverContext, knowledge: KnowledgeBase | None) -> str:
    """What the chat is about, at a glance: the latest message that was a question."""
    for seen in reversed(packet.get("intents") or []):
        if seen.get("name") in ctx.NOT_A_QUESTION_INTENTS:
            continue
        name = intent_label(str(seen.get("name")), knowledge)
        if name:
            return name
    return "Ikke oplyst"


def step_road(current: str) -> list[StepView]:
    """The case's steps so far and the usual next ones; the current step marked."""
    road = ROAD_TO.get(current, MAIN_ROAD)
    if current not in road:
        return [{"title": STEP_TITLES.get(current, "Ukendt trin"), "state": "current"}]
    here = road.index(current)
    return [{"title": STEP_TITLES[step],
             "state": "done" if i < here else "current" if i == here else "next"}
            for i, step in enumerate(road)]


def _deadline(kind: str, raw_due: str, today: date) -> DeadlineView | None:
    moment = labels.parse_moment(raw_due)
    if moment is None:
        return None
    day = moment.date()
    when = format_weekday_date_da(day)
    if "T" in raw_due:  # a hearing has a time of day; a deadline is a whole day
        when += " kl. " + format_clock_da(moment)
    return {"label": labels.label(labels.DEADLINE_DA, kind, "Frist"), "when": when,
            "days_left": labels.days_left_da(day, today), "passed": day < today}


def _date_da(raw: str) -> str:
    moment = labels.parse_moment(raw)
    return format_date_da(moment.date()) if moment is not None else ""


def case_view(case: ctx.CaseSummary, today: date) -> dict[str, Any]:
    step = str(case.get("current_step") or "")
    deadlines = [d for d in (_deadline(str(x.get("kind")), str(x.get("due")), today)
                             for x in case.get("deadlines") or []) if d is not None]
    return {
        "journal_number": case.get("journal_number") or "",
        "offence": labels.label(labels.OFFENCE_DA, case.get("offence_category"),
                                "Ikke oplyst"),
        "step": STEP_TITLES.get(step, "Ukendt trin"),
        "steps": step_road(step),
        "events": [{"date": _date_da(str(e.get("date"))), "text": str(e.get("text") or "")}
                   for e in case.get("last_events") or []],
        "deadlines": deadlines,
        "contact": case.get("contact_person"),
    }


def _identity(identity: ctx.IdentityInfo | None) -> dict[str, Any]:
    identity = identity or {"verified": False, "method": None, "party_role": None,
                            "verified_at": None}
    if not identity.get("verified"):
        return {"verified": False, "label": "Ikke verificeret", "role": None}
    method = labels.label(labels.VERIFICATION_METHOD_DA, identity.get("method"), "")
    role = identity.get("party_role")
    return {"verified": True, "label": f"Verificeret med {method}" if method else "Verificeret",
            "role": labels.PARTY_ROLE_DA.get(str(role)) if role else None}


def _answers(given: object, knowledge: KnowledgeBase | None) -> list[AnswerView]:
    ids = [given] if isinstance(given, str) else list(given) if isinstance(given, list) else []
    answers: list[AnswerView] = []
    for entry_id in map(str, ids):
        entry = knowledge.get(entry_id) if knowledge is not None else None
        if entry is None:
            answers.append({"title": "Et svar, der ikke længere er i vidensbasen", "text": ""})
        else:
            answers.append({"title": entry.title, "text": knowledge.render_answer(entry)
                            if knowledge is not None else ""})
    return answers


def packet_view(packet: ctx.HandoverContext, *, reason: str, today: date,
                knowledge: KnowledgeBase | None) -> dict[str, Any]:
    """Everything the card shows, in Danish; `reason` is the handover row's own reason."""
    urgency = str(packet.get("urgency") or ctx.urgency_for(reason))
    language = str(packet.get("language") or "da")
    intents = []
    for seen in packet.get("intents") or []:
        name = intent_label(str(seen.get("name")), knowledge)
        if name:
            intents.append({"label": name,
                            "percent": f"{float(seen.get('confidence') or 0) * 100:.0f} %"})
    case = packet.get("case")
    return {
        "reason": ctx.reason_label(reason) if reason in ctx.REASON_LABELS else "Ukendt årsag",
        "urgent": urgency == ctx.URGENT,
        "urgency": labels.label(labels.URGENCY_DA, urgency, "Normal"),
        "language": language,
        "language_label": labels.label(labels.LANGUAGE_DA, language),
        "question": packet.get("open_question") or "",
        "topic": topic(packet, knowledge),
        "intents": intents,
        "identity": _identity(packet.get("identity")),
        "answers": _answers(packet.get("knowledge_answers"), knowledge),
        "case": case_view(case, today) if case else None,
    }


def transcript_view(lines: list[ctx.TranscriptLine], today: date) -> list[dict[str, str]]:
    """The conversation with Danish sender names and times; the text is shown as text."""
    return [{"sender": str(line.get("sender")),
             "who": labels.label(labels.SENDER_DA, line.get("sender"), "System"),
             "at": labels.local_datetime_da(labels.parse_moment(line.get("at")), today=today),
             "text": str(line.get("text") or "")} for line in lines]
