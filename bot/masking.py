"""Masking of personal data (CPR numbers, phone numbers, e-mail addresses) in text.

Used for stored transcripts, exports and every log line (see `MaskingFilter`), so personal
data never reaches disk in clear even when a citizen types it into the chat.
"""

from __future__ import annotations

import logging
import re

from bot.formats import (
    EMAIL_IN_TEXT_PATTERN,
    JOURNAL_NUMBER_PATTERN,
    PHONE_IN_TEXT_PATTERN,
    RECEIPT_CODE_IN_TEXT_PATTERN,
    mixes_letters_and_digits,
)

# CPR: ddmmyy-xxxx, ddmmyyxxxx, ddmmyy xxxx, dd.mm.yy-xxxx, dd-mm-yy-xxxx.
_CPR = re.compile(
    r"(?<!\d)(?:0[1-9]|[12]\d|3[01])[.\- ]?(?:0[1-9]|1[0-2])[.\- ]?\d{2}[\- ]?\d{4}(?!\d)"
)
_EMAIL = re.compile(EMAIL_IN_TEXT_PATTERN)
_PHONE = re.compile(PHONE_IN_TEXT_PATTERN)
# Receipt codes are secrets, so they are masked like personal data.
_RECEIPT_CODE = re.compile(RECEIPT_CODE_IN_TEXT_PATTERN)
# Police journal numbers are not personal data and must survive masking, so transcripts stay
# useful; they are set aside first so no digit group of theirs is taken for a phone number.
_JOURNAL = re.compile(JOURNAL_NUMBER_PATTERN)


def _mask_code(match: re.Match[str]) -> str:
    token = match.group(0)
    return CODE_MASK if mixes_letters_and_digits(token) else token


CPR_MASK = "[CPR]"
PHONE_MASK = "[TELEFON]"
EMAIL_MASK = "[E-MAIL]"
CODE_MASK = "[KODE]"


def mask_personal_data(text: str) -> str:
    """Replace CPR numbers, e-mail addresses, phone numbers and receipt codes with placeholders."""
    if not text:
        return text
    journals: list[str] = []

    def _keep_journal(match: re.Match[str]) -> str:
        journals.append(match.group(0))
        return f"\x00{len(journals) - 1}\x00"

    masked = _JOURNAL.sub(_keep_journal, text)
    masked = _EMAIL.sub(EMAIL_MASK, masked)
    masked = _RECEIPT_CODE.sub(_mask_code, masked)
    masked = _CPR.sub(CPR_MASK, masked)
    masked = _PHONE.sub(PHONE_MASK, masked)
    return re.sub(r"\x00(\d+)\x00", lambda m: journals[int(m.group(1))], masked)


class MaskingFilter(logging.Filter):
    """Logging filter that masks personal data in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal_data(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True


def install_log_masking(logger: logging.Logger | None = None) -> None:
    """Attach the masking filter to every handler of the root (or given) logger."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
