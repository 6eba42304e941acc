"""New receipt codes and their hashes."""

from __future__ import annotations

import random

import pytest

from bot.cases.codes import generate_receipt_code, hash_receipt_code, receipt_code_matches
from bot.formats import mixes_letters_and_digits, normalise_receipt_code


def test_new_codes_are_valid_and_recognisable_for_masking() -> None:
    rng = random.Random(16)
    for _ in range(200):
        code = generate_receipt_code(rng)
        assert normalise_receipt_code(code) == code
        assert mixes_letters_and_digits(code)


def test_a_code_is_hashed_however_it_was_spelled() -> None:
    stored = hash_receipt_code("k7qm 4tzp")
    assert receipt_code_matches("K7QM-4TZP", stored)


def test_something_that_is_no_code_cannot_be_hashed_nor_match() -> None:
    with pytest.raises(ValueError, match="not a valid receipt code"):
        hash_receipt_code("K7QM-4TZ0")
    assert not receipt_code_matches("", hash_receipt_code("K7QM4TZP"))
