"""Receipt codes: new codes for the receipt, and their slow hashes.

A receipt code is 8 characters from an alphabet without look-alikes, printed as two groups,
e.g. "K7QM-4TZP" (format: `bot.formats`). Only a salted scrypt hash is stored
(`bot.hashing`); checking one costs about 40 ms on purpose.
"""

from __future__ import annotations

import random
import secrets

from bot.formats import CODE_ALPHABET, CODE_LENGTH, mixes_letters_and_digits, normalise_receipt_code
from bot.hashing import hash_secret, secret_matches


def generate_receipt_code(rng: random.Random | None = None) -> str:
    """A new code; pass a seeded `random.Random` only for demo data."""
    chooser = rng or secrets.SystemRandom()
    while True:
        code = "".join(chooser.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        # Mixed letters and digits make a typed code recognisable, so transcripts can mask it
        # (bot.masking) without also masking ordinary 8-letter words.
        if mixes_letters_and_digits(code):
            return code


def hash_receipt_code(code: str, *, salt: bytes | None = None) -> str:
    """The stored hash of a code, however the citizen's receipt or the import spelled it."""
    normalised = normalise_receipt_code(code)
    if normalised is None:
        raise ValueError("not a valid receipt code")
    return hash_secret(normalised, salt=salt)


def receipt_code_matches(code: str, stored_hash: str) -> bool:
    """Constant-time check; a malformed code costs a full scrypt like a wrong one."""
    return secret_matches(normalise_receipt_code(code) or "", stored_hash)
