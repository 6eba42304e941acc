"""Danish formats, defined once: phone numbers, journal numbers, receipt codes, e-mail addresses,
dates and the æ/ø/å spelling of what citizens type.

Validation, masking, the NLU regex (`data/nlu/regex.yml`) and the citizen help texts are all
built from these definitions, so what one part accepts the others recognise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time

# --- phone numbers -----------------------------------------------------------------------------

PHONE_DIGITS = 8
PHONE_COUNTRY_CODE = r"(?:\+|00)45"
# What people put between digits: "20 30 40 50", "20-30-40-50", "20.30.40.50", "(+45) 2030 4050".
PHONE_SEPARATORS = re.compile(r"[\s\-.()]")
# Danish subscriber numbers never start with 0 or 1 (1xx are service numbers such as 112, 114).
_DANISH_PHONE = re.compile(rf"^(?:{PHONE_COUNTRY_CODE})?([2-9]\d{{{PHONE_DIGITS - 1}}})$")
PHONE_EXAMPLE = "20 30 40 50"
# For masking in free text: broader than a valid number on purpose (any first digit, +45 or
# not), because a mistyped number is still somebody's number. Between the digit pairs only a
# space or a dash, or a dot between every pair: "26.11.2026" must stay a date.
PHONE_IN_TEXT_PATTERN = (
    rf"(?<![\d-])(?:{PHONE_COUNTRY_CODE}[ \-]?)?"
    r"(?:\d{2}(?:[ \-]?\d{2}){3}|\d{2}(?:\.\d{2}){3})(?![\d-])"
)


def format_danish_phone(digits: str) -> str:
    """The one stored and shown form: '+45 20 30 40 50'."""
    return "+45 " + " ".join(digits[i : i + 2] for i in range(0, PHONE_DIGITS, 2))


def normalise_danish_phone(text: str) -> str | None:
    """A Danish number in the stored form; None if it is not 8 digits (with optional +45/0045)."""
    match = _DANISH_PHONE.match(PHONE_SEPARATORS.sub("", text or ""))
    return format_danish_phone(match.group(1)) if match else None


# --- police journal numbers -------------------------------------------------------------------

JOURNAL_NUMBER_GROUPS = (4, 5, 5, 2)
JOURNAL_NUMBER_DIGITS = sum(JOURNAL_NUMBER_GROUPS)
JOURNAL_NUMBER_EXAMPLE = "0100-80150-01234-26"
# One tolerance everywhere: a dash, an en dash, a space or nothing between the groups.
_JOURNAL_SEPARATOR = r"[\s\-–]?"
JOURNAL_NUMBER_PATTERN = (
    r"(?<!\d)"
    + _JOURNAL_SEPARATOR.join(rf"(\d{{{size}}})" for size in JOURNAL_NUMBER_GROUPS)
    + r"(?!\d)"
)
_JOURNAL_NUMBER = re.compile(JOURNAL_NUMBER_PATTERN)


def journal_number_shape_da() -> str:
    """'16 cifre i fire grupper (4, 5, 5 og 2)': how a citizen recognises a journal number."""
    *first, last = (str(size) for size in JOURNAL_NUMBER_GROUPS)
    return (
        f"{JOURNAL_NUMBER_DIGITS} cifre i fire grupper ({', '.join(first)} og {last})"
    )


def normalise_journal_number(text: str) -> str | None:
    """The first journal number in what a citizen typed, as 'NNNN-NNNNN-NNNNN-NN'; else None."""
    match = _JOURNAL_NUMBER.search(text or "")
    return "-".join(match.groups()) if match else None


# --- receipt codes ------------------------------------------------------------------------------

# No look-alikes: no 0/O and no 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
RECEIPT_CODE_EXAMPLE = "K7QM-4TZP"
_CODE_CHARS = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_HALF = CODE_LENGTH // 2
# Typed in any case, as one block or split in two halves.
RECEIPT_CODE_IN_TEXT_PATTERN = (
    rf"(?<![\w-])[{CODE_ALPHABET}{CODE_ALPHABET.lower()}]{{{_HALF}}}[- ]?"
    rf"[{CODE_ALPHABET}{CODE_ALPHABET.lower()}]{{{_HALF}}}(?![\w-])"
)
MIN_DIGITS_AND_LETTERS = 2


def normalise_receipt_code(text: str) -> str | None:
    """Upper case, without dash or spaces; None when it cannot be a receipt code."""
    compact = re.sub(r"[\s\-]", "", text or "").upper()
    return compact if _CODE_CHARS.match(compact) else None


def format_receipt_code(code: str) -> str:
    """'K7QM-4TZP', as printed on the receipt."""
    return f"{code[:_HALF]}-{code[_HALF:]}"


def mixes_letters_and_digits(token: str) -> bool:
    """Every receipt code has at least two of each, so an ordinary 8-letter word is no code."""
    digits = sum(c.isdigit() for c in token)
    letters = sum(c.isalpha() for c in token)
    return digits >= MIN_DIGITS_AND_LETTERS and letters >= MIN_DIGITS_AND_LETTERS


# --- e-mail addresses ---------------------------------------------------------------------------

EMAIL_MAX_CHARS = 254
_EMAIL_LOCAL_PART = r"[A-Za-z0-9._%+\-]+"
_EMAIL_TOP_LEVEL = r"\.[A-Za-z]{2,}"
EMAIL_PATTERN = _EMAIL_LOCAL_PART + r"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*" + _EMAIL_TOP_LEVEL
# For masking: also "anne@mail..dk", which is no valid address but still somebody's.
EMAIL_IN_TEXT_PATTERN = _EMAIL_LOCAL_PART + r"@[A-Za-z0-9.\-]+" + _EMAIL_TOP_LEVEL
_EMAIL = re.compile(EMAIL_PATTERN)


def is_email(text: str) -> bool:
    return len(text) <= EMAIL_MAX_CHARS and _EMAIL.fullmatch(text) is not None


# --- dates and times ----------------------------------------------------------------------------

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)
WEEKDAYS_DA = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")
# English (issue #18): "19 December 2026" (day month year, no ordinal: unambiguous for British
# and American readers); the clock stays 24-hour with a colon, as on Danish letters and court
# notices: "9:30".
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DateWords:
    """How one language writes dates and times; the formatters below read only this table."""

    months: tuple[str, ...]
    weekdays: tuple[str, ...]
    date: str  # with {day}, {month}, {year}
    weekday_date: str  # with {weekday}, {date}
    clock_separator: str
    # Danish may say "kl. 10" for 10.00; in English "at 10" reads as a count, so no.
    short_whole_hours: bool


DATE_WORDS = {
    "da": DateWords(MONTHS_DA, WEEKDAYS_DA, "{day}. {month} {year}", "{weekday} den {date}",
                    ".", short_whole_hours=True),
    "en": DateWords(MONTHS_EN, WEEKDAYS_EN, "{day} {month} {year}", "{weekday} {date}",
                    ":", short_whole_hours=False),
}


def _words(language: str) -> DateWords:
    """English for "en"; Danish for everything else (the chat's default)."""
    return DATE_WORDS["en"] if language == "en" else DATE_WORDS["da"]


def format_date_in(day: date, language: str) -> str:
    """'19. december 2026' / '19 December 2026': the date in the chat's language."""
    words = _words(language)
    return words.date.format(day=day.day, month=words.months[day.month - 1], year=day.year)


def format_weekday_date_in(day: date, language: str) -> str:
    """'lørdag den 19. december 2026' / 'Saturday 19 December 2026'."""
    words = _words(language)
    return words.weekday_date.format(weekday=words.weekdays[day.weekday()],
                                     date=format_date_in(day, language))


def format_clock_in(moment: datetime | time, language: str, *, whole_hours_short: bool = False
                    ) -> str:
    """'9.30' / '9:30'; in Danish '10' instead of '10.00' if asked."""
    words = _words(language)
    if whole_hours_short and words.short_whole_hours and moment.minute == 0:
        return f"{moment.hour}"
    return f"{moment.hour}{words.clock_separator}{moment.minute:02d}"


def format_date_da(day: date) -> str:
    """'19. december 2026': the form of Danish letters and our confirmations."""
    return format_date_in(day, "da")


def format_weekday_date_da(day: date) -> str:
    return format_weekday_date_in(day, "da")


def format_clock_da(moment: datetime | time, *, whole_hours_short: bool = False) -> str:
    return format_clock_in(moment, "da", whole_hours_short=whole_hours_short)


def format_date_en(day: date) -> str:
    return format_date_in(day, "en")


def format_weekday_date_en(day: date) -> str:
    return format_weekday_date_in(day, "en")


def format_clock_en(moment: datetime | time, *, whole_hours_short: bool = False) -> str:
    return format_clock_in(moment, "en")


def journal_number_shape_en() -> str:
    """'16 digits in four groups (4, 5, 5 and 2)'."""
    *first, last = (str(size) for size in JOURNAL_NUMBER_GROUPS)
    return f"{JOURNAL_NUMBER_DIGITS} digits in four groups ({', '.join(first)} and {last})"


# --- Danish letters -----------------------------------------------------------------------------

_LETTER_FOLDS = (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u"))


def fold_danish_letters(text: str) -> str:
    """Lower case with æ/ø/å spelled out, so "hjælp", "hjaelp" and "HJÆLP" compare equal."""
    folded = unicodedata.normalize("NFKC", text).lower()
    for letter, spelled in _LETTER_FOLDS:
        folded = folded.replace(letter, spelled)
    return folded
