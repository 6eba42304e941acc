"""Human-friendly reference numbers such as HV-2026-4K7Q2M.

Read aloud over the phone, so the alphabet leaves out 0/O and 1/I/L; six characters from
31 give about 887 million codes per year, which also makes guessing a reference impractical.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6
PREFIX = "HV"
REFERENCE_PATTERN = re.compile(
    rf"\b{PREFIX}-(\d{{4}})-([{ALPHABET}]{{{CODE_LENGTH}}})\b", re.IGNORECASE
)


def new_reference(year: int) -> str:
    """A random reference for the given year; uniqueness is the repository's job."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{PREFIX}-{year:04d}-{code}"


def find_reference(text: str) -> str | None:
    """The first reference in free text, normalised to upper case ("hv-2026-4k7q2m" too)."""
    match = REFERENCE_PATTERN.search(text or "")
    if match is None:
        return None
    return f"{PREFIX}-{match.group(1)}-{match.group(2).upper()}"
