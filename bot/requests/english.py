"""Forms in English (issue #18): English answers read by the Danish parsers, English help back.

The parsers of bot/requests/validation.py stay the one home of the rules (a phone number, a
call window between 7 and 21, at most 60 days ahead ...). For an English chat:
- `danish_input` rewrites the English words of an answer ("tomorrow between 10 and 12",
  "Monday morning", "no") into the Danish ones the parsers read; numbers are untouched;
- `english_message` gives the English for the parsers' Danish help texts, never Danish;
- `english_window` says a call-back time the parsers stored ("i morgen formiddag kl. 8-12")
  in English.
"""

from __future__ import annotations

import re

from bot.formats import JOURNAL_NUMBER_EXAMPLE, PHONE_EXAMPLE, WEEKDAYS_DA, WEEKDAYS_EN

_WORDS: tuple[tuple[str, str], ...] = (
    (r"day after tomorrow", "i overmorgen"),
    (r"tomorrow", "i morgen"),
    (r"today", "i dag"),
    (r"in the morning|morning", "formiddag"),
    (r"in the afternoon|afternoon", "eftermiddag"),
    (r"in the evening|evening", "aften"),
    (r"noon|midday|lunchtime", "middag"),
    (r"between", "mellem"),
    (r"and", "og"),
    (r"at|o'clock", "kl."),
    (r"after", "efter"),
    (r"before", "før"),
    (r"no thanks|no thank you|nope|none|i don't have one|i do not have one|i dont have one"
     r"|no i don't|don't know|dont know", "nej"),
    (r"no", "nej"),
    *((day.lower(), da) for day, da in zip(WEEKDAYS_EN, WEEKDAYS_DA, strict=True)),
)
_WORD_PATTERNS = [(re.compile(rf"\b(?:{en})\b", re.IGNORECASE), da) for en, da in _WORDS]
# "10am", "2 pm": the parsers read the 24-hour clock.
_AM_PM = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b", re.IGNORECASE)


def _24_hour(match: re.Match[str]) -> str:
    hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "pm" else 0)
    return f"{hour}.{match.group(2)}" if match.group(2) else str(hour)


def danish_input(text: str) -> str:
    """The English words of a form answer in the Danish the parsers read."""
    result = _AM_PM.sub(_24_hour, text or "")
    for pattern, danish in _WORD_PATTERNS:
        result = pattern.sub(danish, result)
    return result


_HELP_WINDOW = (
    "Write a day and a time, for example \"tomorrow between 10 and 12\", "
    "\"Monday morning\" or \"25/11 at 14-16\"."
)
# (pattern on the Danish message, English text with the same {placeholders} from the match)
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Skriv dit navn, fx", "Please write your name, for example Anne Hansen."),
    (r"Skriv kun dit navn", "Please write only your name, for example Anne Hansen."),
    (r"Skriv det lidt kortere, højst (?P<n>\d+) tegn",
     "Please write it a bit shorter, at most {n} characters."),
    (r"Skriv kommentaren lidt kortere, højst (?P<n>\d+) tegn",
     "Please write the comment a bit shorter, at most {n} characters."),
    (r"^Skriv et dansk telefonnummer med 8 cifre, fx",
     f"Please write a Danish phone number with 8 digits, for example {PHONE_EXAMPLE} "
     f"or +45 {PHONE_EXAMPLE}."),
    (r"Skriv et dansk telefonnummer med 8 cifre eller en e-mailadresse",
     "Please write a Danish phone number with 8 digits or an email address."),
    (r"Den e-mailadresse ser forkert ud",
     "That email address looks wrong. Write it like name@example.dk."),
    (r"Et journalnummer ser sådan ud",
     f"A case number looks like this: {JOURNAL_NUMBER_EXAMPLE}. "
     "If you do not have one, just write \"no\"."),
    (r"Det klokkeslæt findes ikke", "That time does not exist. " + _HELP_WINDOW),
    (r"Den dato findes ikke", "That date does not exist. " + _HELP_WINDOW),
    (r"Hvilken dag skal vi ringe",
     "Which day should we call? Write, for example, \"tomorrow between 10 and 12\"."),
    (r"Det forstod jeg ikke", "I did not understand that. " + _HELP_WINDOW),
    (r"Tidsrummet skal slutte efter det starter",
     "The time must end after it starts, for example \"14-16\"."),
    (r"Vælg et tidsrum mellem kl\. (?P<a>\d+) og kl\. (?P<b>\d+)",
     "Please choose a time between {a}:00 and {b}:00. Use the 24-hour clock, "
     "for example \"14-16\"."),
    (r"Det tidspunkt er allerede gået", "That time has already passed. " + _HELP_WINDOW),
    (r"Vælg en dag inden for de næste (?P<n>\d+) dage",
     "Please choose a day within the next {n} days. " + _HELP_WINDOW),
    (r"Giv chatten en karakter fra 1 til 5",
     "Please rate the chat from 1 to 5, where 5 is best."),
    (r"Det ligner ikke et referencenummer",
     "That does not look like a reference number. It looks like this: HV-2026-4K7Q2M."),
    (r"navnet på (?:din|jeres) forening",
     "Please write the name of your club, school or organisation."),
    (r"hvad (?:du|I) gerne vil have politiet til at fortælle om",
     "Please write briefly what you would like the police to talk about."),
    (r"hvor mødet skal være", "Please write where the meeting will be, for example an address."),
    (r"hvilke datoer eller perioder", "Please write which dates or periods suit you."),
    (r"hvad der skete, så vi kan lære", "Please write briefly what happened, so we can learn."),
    (r"hvad du gerne vil tale med politiet om",
     "Please write briefly what you would like to talk to the police about."),
    (r"^Vælg en af knapperne",
     "Please choose one of the buttons: a decision in your case, a police officer's behaviour "
     "or the police's service."),
    (r"^Vælg den knap, der passer bedst",
     "Please choose the button that fits best: waiting time, rude treatment, "
     "wrong information, not contacted or other."),
)
_MESSAGE_PATTERNS = [(re.compile(da), en) for da, en in _MESSAGES]
FALLBACK = "Sorry, I could not use that answer. Please try again in other words."


def english_message(danish: str) -> str:
    """The English for a parser's Danish help text; a plain English apology if unknown."""
    for pattern, english in _MESSAGE_PATTERNS:
        match = pattern.search(danish)
        if match:
            return english.format(**match.groupdict())
    return FALLBACK


# The words of a call-back time label (bot.requests.validation.parse_callback_window).
_WINDOW_WORDS: tuple[tuple[str, str], ...] = (
    ("i overmorgen", "the day after tomorrow"),
    ("i morgen", "tomorrow"),
    ("i dag", "today"),
    ("eftermiddag", "afternoon"),
    ("formiddag", "morning"),
    *zip(WEEKDAYS_DA, WEEKDAYS_EN, strict=True),
)
_WINDOW_WORD_PATTERNS = [(re.compile(rf"\b{da}\b"), en) for da, en in _WINDOW_WORDS]
_WINDOW_HOURS = re.compile(r"\bkl\. (\d{1,2})(?:\.(\d{2}))?-(\d{1,2})(?:\.(\d{2}))?")


def english_window(label: str) -> str:
    """A stored call-back time in English: "i morgen formiddag kl. 8-12" is
    "tomorrow morning 8:00-12:00". The stored label stays Danish for the advisors."""
    result = _WINDOW_HOURS.sub(
        lambda m: f"{m[1]}:{m[2] or '00'}-{m[3]}:{m[4] or '00'}", label or "")
    for pattern, english in _WINDOW_WORD_PATTERNS:
        result = pattern.sub(english, result)
    return result
