"""Facts in the case-status texts that a citizen relies on."""

from __future__ import annotations

from bot.cases import texts
from bot.formats import JOURNAL_NUMBER_EXAMPLE, normalise_journal_number


def test_the_journal_number_help_says_sixteen_digits_in_four_groups() -> None:
    # Corrected in issue 16: it used to say "18 cifre i fire grupper".
    assert "16 cifre i fire grupper (4, 5, 5 og 2)" in texts.BAD_JOURNAL_NUMBER
    assert "18 cifre" not in texts.BAD_JOURNAL_NUMBER
    digits = [c for c in JOURNAL_NUMBER_EXAMPLE if c.isdigit()]
    assert len(digits) == 16 and JOURNAL_NUMBER_EXAMPLE in texts.BAD_JOURNAL_NUMBER


def test_the_example_in_the_help_is_itself_a_journal_number() -> None:
    assert normalise_journal_number(texts.BAD_JOURNAL_NUMBER) == JOURNAL_NUMBER_EXAMPLE
