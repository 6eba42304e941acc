"""The case status a verified party reads, filtered by their role.

A witness gets a separate, smaller view: hearing, witness duties and compensation. Nothing
about the investigation, the decisions or the victim ever goes into it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.cases import texts as texts_da
from bot.cases.deadlines import (
    Deadline,
    compensation_deadline,
    complaint_deadline,
    next_hearing,
    non_working_day_name,
)
from bot.cases.steps import RightInfo, explain_step
from bot.cases.system import CaseRecord, DecisionRecord, EventRecord
from bot.formats import WEEKDAYS_EN, format_clock_in, format_date_in, format_weekday_date_in
from bot.i18n import localized

LATEST_EVENTS_SHOWN = 3


@dataclass(frozen=True)
class CaseFile:
    """Everything read from the case system for one answer."""

    case: CaseRecord
    events: list[EventRecord]
    decisions: list[DecisionRecord]


def non_working_day_in(deadline: Deadline, language: str) -> str | None:
    """The deadline's day when it is not a working day ("lørdag", "Saturday"), else None."""
    day_name = non_working_day_name(deadline.due)
    if day_name and language == "en":
        weekday = deadline.due.weekday()
        day_name = WEEKDAYS_EN[weekday] if weekday >= 5 else f"public holiday ({day_name})"
    return day_name


def _deadline_note(deadline: Deadline, language: str = "da") -> str:
    texts = localized(texts_da, language)
    day_name = non_working_day_in(deadline, language)
    return f" {texts.NOT_A_WORKING_DAY.format(day_name=day_name)}" if day_name else ""


def _hearing_text(decisions: list[DecisionRecord], today: date, language: str = "da"
                  ) -> str | None:
    return hearing_sentence(next_hearing(decisions, today), language) or None


def hearing_sentence(hearing: DecisionRecord | None, language: str) -> str:
    """"Retsmødet er torsdag den 3. december 2026 kl. 9.30 i ..."; "" without a hearing."""
    texts = localized(texts_da, language)
    if hearing is None or hearing.scheduled_at is None:
        return ""
    place = texts.HEARING_PLACE.format(place=hearing.place) if hearing.place else ""
    return texts.HEARING.format(
        when=format_weekday_date_in(hearing.scheduled_at.date(), language),
        time=format_clock_in(hearing.scheduled_at, language),
        court=hearing.court or texts.THE_COURT,
        place=place,
    )


def _rights_lines(rights: tuple[RightInfo, ...]) -> list[str]:
    return [f"- {right.title}: {right.text}" for right in rights]


def victim_status_text(
    case_file: CaseFile, *, role: str, today: date, knowledge_dir: Path, language: str = "da"
) -> str:
    """The victim's (or reporter's) status card, in the chat's language (issue #18)."""
    texts = localized(texts_da, language)

    def format_date_da(day: date) -> str:
        return format_date_in(day, language)

    case = case_file.case
    step = explain_step(case.current_step, knowledge_dir, language)
    paragraphs = [texts.STATUS_HEADER.format(journal_number=case.journal_number, step=step.title)]
    paragraphs += [text for text in (step.explanation, step.for_victim) if text]
    if step.next_steps:
        next_line = texts.NEXT_STEPS.format(steps=texts.OR.join(step.next_steps))
        if step.usual_time:
            next_line += " " + texts.USUAL_TIME.format(time=step.usual_time)
        paragraphs.append(next_line)

    dated: list[str] = []
    complaint = complaint_deadline(case_file.decisions)
    if complaint is not None:
        start = format_date_da(complaint.counted_from)
        explain = (
            texts.COMPLAINT_FROM_NOTIFICATION if complaint.from_notification
            else texts.COMPLAINT_FROM_DECISION
        )
        dated.append(
            "- " + texts.COMPLAINT_DEADLINE.format(date=format_date_da(complaint.due))
            + " " + explain.format(start=start) + _deadline_note(complaint, language)
        )
    hearing = _hearing_text(case_file.decisions, today, language)
    if hearing:
        dated.append(f"- {hearing}")
    if role == "victim":
        compensation = compensation_deadline(case_file.decisions)
        if compensation is not None:
            dated.append(
                "- " + texts.COMPENSATION_DEADLINE.format(
                    date=format_date_da(compensation.due),
                    start=format_date_da(compensation.counted_from),
                ) + _deadline_note(compensation, language)
            )
        else:
            dated.append("- " + texts.COMPENSATION_NOT_YET)
    if dated:
        paragraphs.append("\n".join([texts.DEADLINES_HEADER, *dated]))

    if step.victim_rights:
        paragraphs.append("\n".join([texts.RIGHTS_HEADER, *_rights_lines(step.victim_rights)]))

    paragraphs.append(_contact_text(case, language))

    latest = sorted(case_file.events, key=lambda e: e.occurred_on)[-LATEST_EVENTS_SHOWN:]
    if latest:
        lines = [
            texts.EVENT_LINE.format(date=format_date_da(e.occurred_on), text=e.public_text)
            for e in reversed(latest)
        ]
        paragraphs.append("\n".join([texts.LATEST_EVENTS_HEADER, *lines]))
    return "\n\n".join(paragraphs)


def _contact_text(case: CaseRecord, language: str = "da") -> str:
    texts = localized(texts_da, language)
    contact = case.contact
    if contact is None:
        return texts.NO_CONTACT_PERSON
    reach = " ".join(
        part
        for part in (
            texts.CONTACT_PHONE.format(phone=contact.phone) if contact.phone else "",
            texts.CONTACT_EMAIL.format(email=contact.email) if contact.email else "",
        )
        if part
    )
    return texts.CONTACT_PERSON.format(name=contact.name, reach=reach).strip()


def witness_status_text(
    case: CaseRecord, hearings: list[DecisionRecord], *, today: date, knowledge_dir: Path,
    language: str = "da",
) -> str:
    """Only what a witness needs. Takes hearings only, so nothing else can slip in."""
    texts = localized(texts_da, language)
    step = explain_step(case.current_step, knowledge_dir, language)
    paragraphs = [texts.WITNESS_HEADER.format(journal_number=case.journal_number)]
    hearing = _hearing_text(hearings, today, language)
    paragraphs.append(hearing or texts.WITNESS_NO_HEARING)
    if step.for_witness:
        paragraphs.append(step.for_witness)
    if step.witness_rights:
        paragraphs.append("\n".join(_rights_lines(step.witness_rights)))
    else:
        paragraphs.append(texts.WITNESS_DUTIES)
    paragraphs.append(texts.WITNESS_QUESTIONS)
    return "\n\n".join(paragraphs)


def hearings_only(decisions: list[DecisionRecord]) -> list[DecisionRecord]:
    return [d for d in decisions if d.kind == "hearing"]
