"""What the case status is built from, and the pieces each party's card shares.

A victim's card reads the whole case file; a witness's card gets the hearings only
(`hearings_only`), so nothing about the investigation, the decisions or the victim can slip in.
The card itself is `bot/cases/card.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.calendar_dk import public_holiday_name
from bot.cases import texts as texts_da
from bot.cases import texts_en
from bot.cases.deadlines import Deadline, non_working_day_name
from bot.cases.system import CaseRecord, DecisionRecord, EventRecord
from bot.formats import format_clock_in, format_weekday_date_in
from bot.i18n import localized


@dataclass(frozen=True)
class CaseFile:
    """Everything read from the case system for one answer."""

    case: CaseRecord
    events: list[EventRecord]
    decisions: list[DecisionRecord]


def non_working_day_in(deadline: Deadline, language: str) -> str | None:
    """The deadline's day when it is not a working day ("lørdag", "Saturday", "public holiday
    (Easter Monday)"), else None."""
    day_name = non_working_day_name(deadline.due, language)
    if day_name and language == "en" and public_holiday_name(deadline.due) is not None:
        return f"public holiday ({day_name})"
    return day_name


def hearing_sentence(hearing: DecisionRecord | None, language: str) -> str:
    """"Retsmødet er torsdag den 3. december 2026 kl. 9.30 i ..."; "" without a hearing."""
    texts = localized(texts_da, language)
    if hearing is None or hearing.scheduled_at is None:
        return ""
    return texts.HEARING.format(
        when=format_weekday_date_in(hearing.scheduled_at.date(), language),
        time=format_clock_in(hearing.scheduled_at, language),
        court=hearing.court or texts.THE_COURT,
        place=_place_text(hearing.place, language),
    )


# The case system names rooms as the court's signs do ("Retssal 4").
_COURTROOM = re.compile(r"Retssal (?P<number>\w+)")


def _place_text(place: str | None, language: str) -> str:
    """", Retssal 4"; in English ", courtroom 4 (the sign says "Retssal 4")", so a citizen who
    reads no Danish understands the room and still recognises the sign at the court."""
    if not place:
        return ""
    texts = localized(texts_da, language)
    room = _COURTROOM.fullmatch(place.strip())
    if language == "en" and room:
        return texts_en.HEARING_COURTROOM.format(number=room["number"], place=place.strip())
    return texts.HEARING_PLACE.format(place=place)


def hearings_only(decisions: list[DecisionRecord]) -> list[DecisionRecord]:
    """The witness's share of the decisions: the hearings, nothing else."""
    return [d for d in decisions if d.kind == "hearing"]
