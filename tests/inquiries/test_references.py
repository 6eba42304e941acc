"""Reference numbers: readable format, found in free text."""

from __future__ import annotations

import re

from bot.inquiries.references import ALPHABET, find_reference, new_reference


def test_new_reference_has_prefix_year_and_six_unambiguous_characters() -> None:
    reference = new_reference(2026)
    assert re.fullmatch(r"HV-2026-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}", reference)
    assert not set("01OIL") & set(ALPHABET)


def test_references_are_spread_over_the_code_space() -> None:
    assert len({new_reference(2026) for _ in range(2000)}) == 2000


def test_find_reference_normalises_lower_case_and_ignores_other_text() -> None:
    assert find_reference("status på hv-2026-4k7q2m tak") == "HV-2026-4K7Q2M"
    assert find_reference("mit nummer er 1234-56789-01234-56") is None
    assert find_reference("HV-2026-4K7Q2") is None
