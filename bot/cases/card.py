"""The case status as one card: where the case is, what it means, dates, contact, what now.

A card is a plain dict (JSON) that the action server sends as a custom payload; the gateway
stores it with the message and the widget draws it (bot/static/status-card.js). Channels
that cannot draw it get `card_fallback_text`. The same facts answer the follow-up questions
after the card ("hvad sker der nu?", "hvad kan jeg gøre nu?", "hvornår er retsmødet?", "hvad skal
jeg have med?").
A witness's card is built from the hearings only (`hearings_only` in bot/cases/status.py).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TypedDict

from bot.cases import texts as texts_da
from bot.cases import texts_en
from bot.cases.deadlines import (
    Deadline,
    compensation_deadline,
    complaint_deadline,
    next_hearing,
)
from bot.cases.status import CaseFile, hearing_sentence, non_working_day_in
from bot.cases.steps import STEP_TITLES, STEP_TITLES_EN, explain_step
from bot.cases.system import CaseRecord, DecisionRecord
from bot.formats import format_clock_in, format_date_in, format_weekday_date_in
from bot.i18n import localized

CARD_KIND = "case_status"
# The usual road of a case; a step off it (henlæggelse, anke) follows the steps before it.
MAIN_ROAD = ("anmeldelse", "efterforskning", "sigtelse", "tiltale", "retsmoede", "dom")
BRANCHES = {"henlaeggelse": "efterforskning", "paatale_opgivelse": "sigtelse", "anke": "dom"}
TOPIC_NEXT, TOPIC_HEARING, TOPIC_BRING = "next", "hearing", "bring"
# "Hvad sker der nu?": what the case's step means for the citizen, then what they can do.
TOPIC_AHEAD = "ahead"
MEANING_SENTENCES = 2


class CardStep(TypedDict):
    title: str
    state: str  # "done" | "current" | "next"


class CardDate(TypedDict):
    label: str
    when: str
    note: str


class CardButton(TypedDict):
    title: str
    payload: str


class CardLabels(TypedDict):
    """The card's own headings, in the chat's language (bot/static/status-card.js)."""

    where: str
    steps: str
    done: str
    current: str
    next: str
    meaning: str
    dates: str
    contact: str


class StatusCard(TypedDict):
    kind: str
    heading: str
    summary: str  # one line: where the case is (a witness: the hearing)
    step: str
    steps: list[CardStep]
    meaning: str
    dates: list[CardDate]
    contact: str
    todo: list[str]
    hearing: str
    buttons: list[CardButton]
    labels: CardLabels


def _labels(language: str) -> CardLabels:
    texts = localized(texts_da, language)
    return CardLabels(where=texts.CARD_LABEL_WHERE, steps=texts.CARD_LABEL_STEPS,
                      done=texts.CARD_LABEL_DONE, current=texts.CARD_LABEL_CURRENT,
                      next=texts.CARD_LABEL_NEXT, meaning=texts.CARD_LABEL_MEANING,
                      dates=texts.CARD_LABEL_DATES, contact=texts.CARD_LABEL_CONTACT)


def _sentences(text: str, count: int) -> str:
    """The first `count` sentences (a sentence with an unfilled placeholder is left out)."""
    flat = " ".join(text.split())
    parts = [p for p in re.split(r"(?<=[.!?])\s+", flat) if "{{" not in p]
    return " ".join(parts[:count]).strip()


def _timeline(step_id: str, next_titles: tuple[str, ...], current_title: str, language: str
              ) -> list[CardStep]:
    road_end = BRANCHES.get(step_id, step_id)
    before = MAIN_ROAD[: MAIN_ROAD.index(road_end) + (0 if step_id == road_end else 1)] \
        if road_end in MAIN_ROAD else ()
    titles = STEP_TITLES_EN if language == "en" else STEP_TITLES
    steps = [CardStep(title=titles[s], state="done") for s in before]
    steps.append(CardStep(title=current_title, state="current"))
    steps += [CardStep(title=title, state="next") for title in next_titles[:2]]
    return steps


def _deadline_note(deadline: Deadline, rule: str, language: str) -> str:
    texts = localized(texts_da, language)
    day_name = non_working_day_in(deadline, language)
    note = rule
    if day_name:
        note += " " + texts.NOT_A_WORKING_DAY.format(day_name=day_name)
    return note.strip()


def _hearing_date(hearing: DecisionRecord, language: str) -> str:
    assert hearing.scheduled_at is not None
    texts = localized(texts_da, language)
    return texts.CARD_HEARING_WHEN.format(
        day=format_weekday_date_in(hearing.scheduled_at.date(), language),
        time=format_clock_in(hearing.scheduled_at, language))


def _contact_name(name: str, language: str) -> str:
    """The contact's rank in the chat's language ("police officer Mette Holm"); the name as
    the case system writes it."""
    rank, _, person = name.partition(" ")
    english = texts_en.CONTACT_TITLES.get(rank.lower()) if language == "en" else None
    return f"{english} {person}" if english and person else name


def _contact(case: CaseRecord, language: str) -> str:
    texts = localized(texts_da, language)
    contact = case.contact
    if contact is None:
        return texts.NO_CONTACT_PERSON
    reach = " ".join(p for p in (
        texts.CONTACT_PHONE.format(phone=contact.phone) if contact.phone else "",
        texts.CONTACT_EMAIL.format(email=contact.email) if contact.email else "",
    ) if p)
    return texts.CONTACT_PERSON.format(name=_contact_name(contact.name, language),
                                       reach=reach).strip()


def _buttons(has_hearing: bool, language: str) -> list[CardButton]:
    texts = localized(texts_da, language)
    buttons = [CardButton(title=texts.CARD_BUTTON_NEXT,
                          payload=f'/ask_case_status{{"case_topic": "{TOPIC_NEXT}"}}')]
    if has_hearing:
        buttons.append(CardButton(title=texts.CARD_BUTTON_HEARING,
                                  payload=f'/ask_case_status{{"case_topic": "{TOPIC_HEARING}"}}'))
        buttons.append(CardButton(title=texts.CARD_BUTTON_BRING,
                                  payload=f'/ask_case_status{{"case_topic": "{TOPIC_BRING}"}}'))
    buttons.append(CardButton(title=texts.CARD_BUTTON_ADVISOR, payload="/request_human"))
    return buttons


def victim_status_card(case_file: CaseFile, *, role: str, today: date, knowledge_dir: Path,
                       language: str = "da") -> StatusCard:
    texts = localized(texts_da, language)
    case = case_file.case
    step = explain_step(case.current_step, knowledge_dir, language)
    dates: list[CardDate] = []
    todo: list[str] = []
    complaint = complaint_deadline(case_file.decisions)
    if complaint is not None:
        rule = (texts.COMPLAINT_FROM_NOTIFICATION if complaint.from_notification
                else texts.COMPLAINT_FROM_DECISION)
        rule = rule.format(start=format_date_in(complaint.counted_from, language))
        when = format_weekday_date_in(complaint.due, language)
        dates.append(CardDate(label=texts.CARD_COMPLAINT, when=when,
                              note=_deadline_note(complaint, rule, language)))
        todo.append(texts.TODO_COMPLAINT.format(when=when))
    hearing = next_hearing(case_file.decisions, today)
    hearing_text = hearing_sentence(hearing, language)
    if hearing is not None and hearing.scheduled_at is not None:
        dates.append(CardDate(label=texts.CARD_HEARING, when=_hearing_date(hearing, language),
                              note=hearing.court or ""))
        todo.append(hearing_text)
    if role == "victim":
        compensation = compensation_deadline(case_file.decisions)
        if compensation is not None:
            when = format_weekday_date_in(compensation.due, language)
            rule = texts.CARD_COMPENSATION_RULE.format(
                start=format_date_in(compensation.counted_from, language))
            dates.append(CardDate(label=texts.CARD_COMPENSATION, when=when,
                                  note=_deadline_note(compensation, rule, language)))
            todo.append(texts.TODO_COMPENSATION.format(when=when))
    todo.append(texts.TODO_CONTACT.format(name=case.contact.name) if case.contact
                else texts.TODO_CALL_114)
    return StatusCard(
        kind=CARD_KIND,
        heading=texts.CARD_HEADING.format(journal_number=case.journal_number),
        summary=texts.STATUS_HEADER.format(journal_number=case.journal_number, step=step.title),
        step=step.title,
        steps=_timeline(case.current_step, step.next_steps, step.title, language),
        meaning=_sentences(step.explanation or step.for_victim, MEANING_SENTENCES),
        dates=dates,
        contact=_contact(case, language),
        todo=todo,
        hearing=hearing_text,
        buttons=_buttons(bool(hearing_text), language),
        labels=_labels(language),
    )


def witness_status_card(case: CaseRecord, hearings: list[DecisionRecord], *, today: date,
                        knowledge_dir: Path, language: str = "da") -> StatusCard:
    """Only what a witness needs: the hearing, what it means for a witness, whom to ask."""
    texts = localized(texts_da, language)
    step = explain_step(case.current_step, knowledge_dir, language)
    hearing = next_hearing(hearings, today)
    hearing_text = hearing_sentence(hearing, language)
    dates: list[CardDate] = []
    if hearing is not None and hearing.scheduled_at is not None:
        dates.append(CardDate(label=texts.CARD_HEARING, when=_hearing_date(hearing, language),
                              note=hearing.court or ""))
    meaning = _sentences(step.for_witness or texts.WITNESS_DUTIES, MEANING_SENTENCES)
    return StatusCard(
        kind=CARD_KIND,
        heading=texts.WITNESS_HEADER.format(journal_number=case.journal_number),
        summary=" ".join([texts.WITNESS_HEADER.format(journal_number=case.journal_number),
                          hearing_text or texts.WITNESS_NO_HEARING]),
        step=texts.CARD_WITNESS_STEP if hearing_text else texts.CARD_WITNESS_NO_HEARING_STEP,
        steps=[],
        meaning=meaning,
        dates=dates,
        contact=texts.WITNESS_QUESTIONS,
        todo=[hearing_text] if hearing_text else [texts.WITNESS_NO_HEARING],
        hearing=hearing_text,
        buttons=_buttons(bool(hearing_text), language),
        labels=_labels(language),
    )


def card_fallback_text(card: StatusCard) -> str:
    """A few short lines for channels that cannot draw the card (Rasa's REST channel)."""
    lines = [card["summary"], card["meaning"]]
    lines += [f"{d['label']}: {d['when']}." for d in card["dates"]]
    lines.append(card["contact"])
    return "\n".join(line for line in lines if line)


def follow_up_answer(card: StatusCard, topic: str, language: str = "da") -> str:
    """The answer to a follow-up question after the card, from this case's own facts."""
    texts = localized(texts_da, language)
    if topic == TOPIC_HEARING:
        return card["hearing"] or texts.NO_HEARING_YET
    if topic == TOPIC_BRING:
        if not card["hearing"]:
            return texts.NO_HEARING_YET
        return texts.BRING.format(hearing=card["hearing"])
    todo = "\n".join([texts.TODO_HEADER, *(f"- {line}" for line in card["todo"])])
    if topic == TOPIC_AHEAD and card["meaning"]:
        return f"{card['meaning']}\n{todo}"
    return todo


def topic_of(text: str) -> str | None:
    """The follow-up a typed question asks for, by its words; None for a plain status request."""
    lowered = (text or "").lower()
    if re.search(r"have med|tage med|medbringe|\bbring\b", lowered):
        return TOPIC_BRING
    if re.search(r"retsmøde|retsmoede|i retten|\bhearing\b|\bcourt\b|\btrial\b", lowered):
        return TOPIC_HEARING
    if re.search(r"sker der (?:så )?nu\b|hvad så nu\b|what happens (?:now|next)", lowered):
        return TOPIC_AHEAD
    if re.search(r"gøre nu|goere nu|gør jeg nu|hvad nu\b|can i do|should i do|what now", lowered):
        return TOPIC_NEXT
    return None
