"""Reading what citizens type into the request forms: names, Danish phone numbers, time windows.

Every parser raises `InputRejected` with a short Danish message that says what to write
instead, so the form can ask again without a dead end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.clock import COPENHAGEN
from bot.dialogue.answers import rating_from_text
from bot.formats import (
    JOURNAL_NUMBER_EXAMPLE,
    MONTHS_DA,
    PHONE_EXAMPLE,
    WEEKDAYS_DA,
    format_clock_da,
    format_clock_en,
    format_weekday_date_da,
    format_weekday_date_en,
    is_email,
    normalise_danish_phone,
    normalise_journal_number,
)


class InputRejected(ValueError):
    """The citizen's input cannot be used; `message` is the Danish explanation to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- names and free text -------------------------------------------------------------------

_NAME_LEAD_IN = re.compile(r"^(?:jeg hedder|mit navn er|navnet er|det er)\s+", re.IGNORECASE)


def parse_name(text: str) -> str:
    name = _NAME_LEAD_IN.sub("", (text or "").strip()).strip(" .,!")
    if len(name) < 2 or not any(ch.isalpha() for ch in name):
        raise InputRejected("Skriv dit navn, fx Anne Hansen.")
    if any(ch.isdigit() for ch in name) or len(name) > 120:
        raise InputRejected("Skriv kun dit navn, fx Anne Hansen.")
    return " ".join(name.split())


def parse_free_text(text: str, *, min_chars: int = 3, max_chars: int = 1000, ask: str) -> str:
    """Free text such as a topic; `ask` is the Danish prompt repeated when it is too short."""
    cleaned = " ".join((text or "").split())
    if len(cleaned) < min_chars:
        raise InputRejected(ask)
    if len(cleaned) > max_chars:
        raise InputRejected(f"Skriv det lidt kortere, højst {max_chars} tegn.")
    return cleaned


# --- phone numbers and e-mail --------------------------------------------------------------

PHONE_HELP = (
    f"Skriv et dansk telefonnummer med 8 cifre, fx {PHONE_EXAMPLE} eller +45 {PHONE_EXAMPLE}."
)


def parse_danish_phone(text: str) -> str:
    """A Danish number in the one stored form, "+45 20 30 40 50" (see `bot.formats`)."""
    phone = normalise_danish_phone(text)
    if phone is None:
        raise InputRejected(PHONE_HELP)
    return phone


def parse_contact(text: str) -> str:
    """A Danish phone number or an e-mail address, for booking contacts."""
    candidate = (text or "").strip()
    if "@" in candidate:
        if not is_email(candidate):
            raise InputRejected(
                "Den e-mailadresse ser forkert ud. Skriv den fx som navn@eksempel.dk."
            )
        return candidate.lower()
    try:
        return parse_danish_phone(candidate)
    except InputRejected:
        raise InputRejected(
            "Skriv et dansk telefonnummer med 8 cifre eller en e-mailadresse."
        ) from None


# --- journal numbers -----------------------------------------------------------------------

_NO_JOURNAL = re.compile(
    r"^(?:nej|nej tak|ingen|har (?:det )?ikke|har ikke noget|ved ikke|kender (?:det )?ikke|"
    r"det har jeg ikke|jeg har ikke et|jeg har ikke noget)\b",
    re.IGNORECASE,
)


def parse_optional_journal_number(text: str) -> str | None:
    """A police journal number (NNNN-NNNNN-NNNNN-NN), or None when the citizen has none."""
    cleaned = (text or "").strip()
    journal = normalise_journal_number(cleaned)
    if journal is not None:
        return journal
    if _NO_JOURNAL.match(cleaned):
        return None
    raise InputRejected(
        f"Et journalnummer ser sådan ud: {JOURNAL_NUMBER_EXAMPLE}. "
        "Har du ikke et, så skriv bare \"nej\"."
    )


# --- time windows ("i morgen mellem 10 og 12", "mandag formiddag", "25/11 kl 14-16") --------

EARLIEST_HOUR = 7
LATEST_HOUR = 21
MAX_DAYS_AHEAD = 60
WHOLE_DAY = (8, 18)
DAY_PARTS = {
    # Longest first: "eftermiddag" contains "middag".
    "eftermiddag": (12, 16),
    "formiddag": (9, 12),
    "morgen": (8, 10),
    "tidlig": (8, 10),
    "middag": (11, 13),
    "aften": (17, 20),
}
TIME_WINDOW_HELP = (
    "Skriv en dag og et tidsrum, fx \"i morgen mellem 10 og 12\", "
    "\"mandag formiddag\" eller \"25/11 kl. 14-16\"."
)

_MONTH_NAMES = {name: number for number, name in enumerate(MONTHS_DA, start=1)}
_MONTH_NAMES.update({name[:3]: number for name, number in list(_MONTH_NAMES.items())})
_WEEKDAY_NAMES = {name: index for index, name in enumerate(WEEKDAYS_DA)}

_CLOCK = r"(\d{1,2})(?:[.:](\d{2}))?"
_RANGE = re.compile(
    rf"(?:mellem|fra)?\s*(?:kl\.?|klokken)?\s*{_CLOCK}\s*(?:-|–|til|og)\s*(?:kl\.?|klokken)?\s*{_CLOCK}"
)
_AFTER = re.compile(rf"(?:efter|fra)\s+(?:kl\.?|klokken)?\s*{_CLOCK}")
_BEFORE = re.compile(rf"(?:før|inden)\s+(?:kl\.?|klokken)?\s*{_CLOCK}")
_SINGLE = re.compile(rf"(?:kl\.?|klokken)\s*{_CLOCK}")
# "25/11", "25/11/2026" and "25.11." (a dot date needs its closing dot, so "14.30" stays a time).
_NUMERIC_DATE = re.compile(
    r"(?<![\d.:])(\d{1,2})(?:/|\.(?=\d{1,2}\.))(\d{1,2})(?:[/.](\d{4}|\d{2})?)?"
)
_NAMED_DATE = re.compile(r"(?<!\d)(\d{1,2})\.?\s*(" + "|".join(
    sorted(_MONTH_NAMES, key=len, reverse=True)
) + r")\.?(?:\s+(\d{4}))?(?![a-zæøå])")


@dataclass(frozen=True)
class TimeWindow:
    """A preferred call window in Danish local time."""

    start: datetime
    end: datetime

    def label(self) -> str:
        """'torsdag den 26. november 2026 kl. 10-12' (minutes only when not on the hour)."""
        start, end = (format_clock_da(m, whole_hours_short=True) for m in (self.start, self.end))
        return f"{format_weekday_date_da(self.start.date())} kl. {start}-{end}"

    def label_in(self, language: str) -> str:
        """In the chat's language; English: 'Thursday 26 November 2026 at 10:00-12:00'."""
        if language != "en":
            return self.label()
        start, end = (format_clock_en(m) for m in (self.start, self.end))
        return f"{format_weekday_date_en(self.start.date())} at {start}-{end}"

    def to_slot(self) -> str:
        """Canonical form kept in the form slot, re-read by `from_slot` on submit."""
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    @classmethod
    def from_slot(cls, value: str) -> TimeWindow:
        start, end = value.split("/", 1)
        return cls(datetime.fromisoformat(start), datetime.fromisoformat(end))


def _clock(hours: str, minutes: str | None) -> time:
    h, m = int(hours), int(minutes or 0)
    if h == 24 and m == 0:
        return time(23, 59)
    if not (0 <= h < 24 and 0 <= m < 60):
        raise InputRejected("Det klokkeslæt findes ikke. " + TIME_WINDOW_HELP)
    return time(h, m)


def _resolve_year(day: int, month: int, year: int | None, today: date) -> date:
    try:
        if year is not None:
            return date(year + 2000 if year < 100 else year, month, day)
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        raise InputRejected("Den dato findes ikke. " + TIME_WINDOW_HELP) from None


def _find_day(text: str, today: date) -> tuple[date | None, str]:
    """The day named in the text and the text without it (so "25/11" is not read as a time)."""
    if re.search(r"\bi\s*overmorgen\b|\bovermorgen\b", text):
        return today + timedelta(days=2), re.sub(r"\bi\s*overmorgen\b|\bovermorgen\b", " ", text)
    if re.search(r"\bi\s*morgen\b", text):
        return today + timedelta(days=1), re.sub(r"\bi\s*morgen\b", " ", text)
    if re.search(r"\bi\s*dag\b", text):
        return today, re.sub(r"\bi\s*dag\b", " ", text)
    match = _NAMED_DATE.search(text)
    if match is not None:
        year = int(match.group(3)) if match.group(3) else None
        day = _resolve_year(int(match.group(1)), _MONTH_NAMES[match.group(2)], year, today)
        return day, text[: match.start()] + " " + text[match.end() :]
    match = _NUMERIC_DATE.search(text)
    if match is not None:
        year = int(match.group(3)) if match.group(3) else None
        day = _resolve_year(int(match.group(1)), int(match.group(2)), year, today)
        return day, text[: match.start()] + " " + text[match.end() :]
    for name, weekday in _WEEKDAY_NAMES.items():
        if re.search(rf"\b{name}\b", text):
            ahead = (weekday - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead), re.sub(rf"\b{name}\b", " ", text)
    return None, text


def _find_hours(text: str) -> tuple[time, time] | None:
    match = _RANGE.search(text)
    if match is not None:
        return _clock(match.group(1), match.group(2)), _clock(match.group(3), match.group(4))
    match = _AFTER.search(text)
    if match is not None:
        start = _clock(match.group(1), match.group(2))
        # "efter kl. 19" on its own still means a short evening window, not an empty one.
        return start, time(max(WHOLE_DAY[1], min(start.hour + 2, LATEST_HOUR)), start.minute)
    match = _BEFORE.search(text)
    if match is not None:
        return time(WHOLE_DAY[0]), _clock(match.group(1), match.group(2))
    match = _SINGLE.search(text)
    if match is not None:
        start = _clock(match.group(1), match.group(2))
        return start, time(min(start.hour + 1, 23), start.minute)
    for part, (first, last) in DAY_PARTS.items():
        if re.search(rf"{part}", text):
            return time(first), time(last)
    if re.search(r"hele dagen|når som helst|lige meget", text):
        return time(WHOLE_DAY[0]), time(WHOLE_DAY[1])
    return None


def parse_time_window(text: str, now: datetime) -> TimeWindow:
    """Read a preferred call window relative to `now` (the conversation's current time).

    A day without hours means the whole working day; hours without a day are rejected,
    because "mellem 10 og 12" could mean today or tomorrow.
    """
    local_now = now.astimezone(COPENHAGEN)
    today = local_now.date()
    lowered = " ".join((text or "").lower().split())
    day, rest = _find_day(lowered, today)
    hours = _find_hours(rest)
    if day is None:
        if hours is not None:
            raise InputRejected(
                "Hvilken dag skal vi ringe? Skriv fx \"i morgen mellem 10 og 12\"."
            )
        raise InputRejected("Det forstod jeg ikke. " + TIME_WINDOW_HELP)
    first, last = hours if hours is not None else (time(WHOLE_DAY[0]), time(WHOLE_DAY[1]))
    if last <= first:
        raise InputRejected(
            "Tidsrummet skal slutte efter det starter, fx \"kl. 14-16\"."
        )
    if first.hour < EARLIEST_HOUR or (last.hour, last.minute) > (LATEST_HOUR, 0):
        raise InputRejected(
            f"Vælg et tidsrum mellem kl. {EARLIEST_HOUR} og kl. {LATEST_HOUR}. "
            "Skriv tiden med 24-timers ur, fx \"kl. 14-16\"."
        )
    start = datetime.combine(day, first, tzinfo=COPENHAGEN)
    end = datetime.combine(day, last, tzinfo=COPENHAGEN)
    if end <= local_now:
        raise InputRejected("Det tidspunkt er allerede gået. " + TIME_WINDOW_HELP)
    if day > today + timedelta(days=MAX_DAYS_AHEAD):
        raise InputRejected(
            f"Vælg en dag inden for de næste {MAX_DAYS_AHEAD} dage. " + TIME_WINDOW_HELP
        )
    return TimeWindow(start=start, end=end)


# --- call-back times ("formiddag", "i morgen efter kl. 12", "mandag kl. 10-12") -------------

# The call-back question's buttons (domain/handover.yml) name these hours.
CALLBACK_DAY_PARTS = {"eftermiddag": (12, 16), "formiddag": (8, 12)}
CALLBACK_WINDOW_HELP = (
    "Skriv et tidspunkt, fx \"formiddag\", \"eftermiddag\" eller \"i morgen efter kl. 12\"."
)
_CALLBACK_DAY = re.compile(r"\b(i dag|i morgen|i overmorgen|" + "|".join(WEEKDAYS_DA) + r")\b")


def _hour_label(moment: time) -> str:
    return str(moment.hour) if moment.minute == 0 else f"{moment.hour}.{moment.minute:02d}"


def parse_callback_window(text: str) -> str:
    """A call-back time as a short Danish label: "i morgen formiddag kl. 8-12".

    Only a day part or clock hours (with an optional day) count; anything else is asked again
    with an example, so a sentence about the case is never stored as a time.
    """
    lowered = " ".join((text or "").lower().split())
    day = _CALLBACK_DAY.search(lowered)
    part = next((p for p in CALLBACK_DAY_PARTS if p in lowered), None)
    explicit = any(r.search(lowered) for r in (_RANGE, _AFTER, _BEFORE, _SINGLE))
    if explicit:
        hours = _find_hours(lowered)
    elif part is not None:
        hours = tuple(time(h) for h in CALLBACK_DAY_PARTS[part])  # type: ignore[assignment]
    else:
        hours = _find_hours(lowered)
    if hours is None or len(lowered) > 60:
        raise InputRejected("Det forstod jeg ikke som et tidspunkt. " + CALLBACK_WINDOW_HELP)
    first, last = hours
    if last <= first or first.hour < EARLIEST_HOUR or (last.hour, last.minute) > (LATEST_HOUR, 0):
        raise InputRejected(
            f"Vælg et tidsrum mellem kl. {EARLIEST_HOUR} og kl. {LATEST_HOUR}. "
            + CALLBACK_WINDOW_HELP
        )
    words = [w for w in (day.group(1) if day else None, part) if w]
    return " ".join([*words, f"kl. {_hour_label(first)}-{_hour_label(last)}"])


# --- ratings and comments ----------------------------------------------------------------

_NO_COMMENT = re.compile(
    r"^(?:nej|nej tak|ingen|ingen kommentar|nix|det er fint|ellers tak)[.! ]*$", re.IGNORECASE
)


def parse_rating(text: str) -> int:
    """1-5, typed as a number or a word ("fire", "rigtig god")."""
    rating = rating_from_text(str(text or ""))
    if rating is None:
        raise InputRejected(
            "Giv chatten en karakter fra 1 til 5, hvor 5 er bedst. Skriv fx \"4\"."
        )
    return rating


def parse_optional_comment(text: str) -> str:
    """A comment, or "" when the citizen declines to write one."""
    cleaned = " ".join((text or "").split())
    if not cleaned or _NO_COMMENT.match(cleaned):
        return ""
    if len(cleaned) > 1000:
        raise InputRejected("Skriv kommentaren lidt kortere, højst 1000 tegn.")
    return cleaned
