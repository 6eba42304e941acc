"""The phrasings the legal review refused are caught; the right wording passes."""

from __future__ import annotations

import pytest

from bot.knowledge.language import language_problems


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("Anklageren sender sagen i retten.", "til retten"),
        ("Til sidst siger retten dom.", "afsiger dom"),
        ("Retten har sagt dom i sagen.", "afsiger dom"),
        ("Politiet kan ringe, og I taler om det.", '"du", never "I"'),
        ("I kan bede politiet om det.", '"du", never "I"'),
        ("Det kan være et møde om, hvordan I sikrer jer mod indbrud.", '"du", never "I"'),
        ("Bed om det i jeres forening.", '"jer"/"jeres"'),
        ("Du klager til Statsadvokaten inden fristen.", "lower case"),
    ],
)
def test_refused_phrasings_are_reported_with_advice(text: str, advice: str) -> None:
    problems = language_problems(text)
    assert problems and any(advice in p for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "Anklageren sender sagen til retten.",
        "Til sidst afsiger retten dom. Retten har afsagt dom.",
        "I sager om voldtægt kan dørene lukkes. I brevet står, hvor du klager.",
        "Du klager til statsadvokaten. Statsadvokaten afgør klagen.",
        "Politiet kan ringe til dig. Vi taler om det, der gjorde dig utryg.",
    ],
)
def test_correct_wording_passes(text: str) -> None:
    assert language_problems(text) == []
