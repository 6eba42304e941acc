"""Receipt codes and journal numbers: format, normalisation and slow hashing.

A receipt code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), printed
as two groups, e.g. "K7QM-4TZP". Citizens may type it in lower case, with or without the dash
or spaces. Only a salted scrypt hash is stored; checking costs about 40 ms on purpose.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
import re
import secrets
from functools import lru_cache

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_HASH_PREFIX = "scrypt"

_JOURNAL_RE = re.compile(r"(?<!\d)(\d{4})[-\s]?(\d{5})[-\s]?(\d{5})[-\s]?(\d{2})(?!\d)")
_CODE_CHARS_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def normalise_journal_number(raw: str) -> str | None:
    """`0100-80150-01234-26` found in what a citizen typed (spaces or no dashes allowed)."""
    match = _JOURNAL_RE.search((raw or "").replace("–", "-"))
    if not match:
        return None
    return "-".join(match.groups())


def normalise_receipt_code(raw: str) -> str | None:
    """Upper-case, without dash/spaces; None when it cannot be a receipt code."""
    compact = re.sub(r"[\s\-]", "", raw or "").upper()
    return compact if _CODE_CHARS_RE.match(compact) else None


def format_receipt_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def generate_receipt_code(rng: random.Random | None = None) -> str:
    """A new code; pass a seeded `random.Random` only for demo data."""
    chooser = rng or secrets.SystemRandom()
    while True:
        code = "".join(chooser.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        # Mixed letters and digits make a typed code recognisable, so transcripts can mask it
        # (bot.masking) without also masking ordinary 8-letter words.
        if sum(c.isdigit() for c in code) >= 2 and sum(c.isalpha() for c in code) >= 2:
            return code


def _scrypt(code: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(code.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def hash_receipt_code(code: str, *, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$hash` (base64); parameters travel with the hash so they can grow."""
    normalised = normalise_receipt_code(code)
    if normalised is None:
        raise ValueError("not a valid receipt code")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _scrypt(normalised, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    b64 = base64.b64encode
    return (
        f"{_HASH_PREFIX}${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}$"
        f"{b64(salt).decode()}${b64(digest).decode()}"
    )


def receipt_code_matches(code: str, stored_hash: str) -> bool:
    """Constant-time comparison; always runs the full scrypt, even for malformed input."""
    try:
        prefix, n, r, p, salt_b64, digest_b64 = stored_hash.split("$")
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(digest_b64)
        params = (int(n), int(r), int(p))
    except ValueError:
        prefix, salt, expected, params = "", b"", b"", (_SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    candidate = _scrypt(normalise_receipt_code(code) or "", salt, *params)
    return prefix == _HASH_PREFIX and hmac.compare_digest(candidate, expected)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """Checked against when a case is unknown, so the answer takes as long as a wrong code."""
    return hash_receipt_code("A" * CODE_LENGTH)
