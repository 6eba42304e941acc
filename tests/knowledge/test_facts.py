"""Facts render in Danish, are parsed strictly, and hand-written figures are found."""

from __future__ import annotations

import pytest

from bot.knowledge.facts import Fact, parse_facts, unsourced_quantities


@pytest.mark.parametrize(
    ("fact", "text"),
    [
        (Fact("a", "hours", "s", amount=72), "72 timer"),
        (Fact("a", "years", "s", amount=2), "2 år"),
        (Fact("a", "years", "s", amount=1), "1 år"),
        (Fact("a", "weeks", "s", amount=1), "1 uge"),
        (Fact("a", "months", "s", amount=6), "6 måneder"),
        (Fact("a", "km", "s", amount=3), "3 km"),
        (Fact("a", "kr", "s", amount=3500), "3.500 kr."),
        (Fact("a", "phone", "s", value="70 201 201"), "70 201 201"),
    ],
)
def test_facts_read_as_danish(fact: Fact, text: str) -> None:
    assert fact.text == text


def test_bad_facts_are_reported_one_by_one() -> None:
    errors: list[str] = []
    facts = parse_facts(
        {
            "ok": {"amount": 4, "unit": "weeks", "source": "https://a.dk/x"},
            "no_source": {"amount": 4, "unit": "weeks"},
            "bad_unit": {"amount": 4, "unit": "fortnights", "source": "https://a.dk/x"},
            "bad_amount": {"amount": -1, "unit": "days", "source": "https://a.dk/x"},
            "bad_phone": {"value": "ring os", "unit": "phone", "source": "https://a.dk/x"},
            "Bad-Key": {"amount": 1, "unit": "days", "source": "https://a.dk/x"},
        },
        errors,
    )
    assert set(facts) == {"ok", "no_source"}
    assert len(errors) == 5


def test_template_expressions_are_not_counted_as_hand_written() -> None:
    text = "Anmeld inden {{ facts.frist.text }}. Ring {{ facts.linje.text }} eller 112."
    assert unsourced_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Du har 14 dage.", ["14 dage"]),
        ("Det tager fire uger.", ["fire uger"]),
        ("Ring 1888 eller 33 98 00 98.", ["1888", "33 98 00 98"]),
        ("Ring 112 eller 114. Sagen fra 2018.", []),
        ("Journalnummer 1234-12345-12345-12.", []),
    ],
)
def test_quantities_and_phone_numbers_are_found(text: str, found: list[str]) -> None:
    assert sorted(unsourced_quantities(text)) == sorted(found)
