"""Each review rule refuses a bad entry: front pages, stale reviews, figures and phone numbers
written by hand, unsourced facts, missing legal basis, too few examples, distress examples."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.knowledge.review import MIN_REVIEWED_EXAMPLES, is_front_page
from bot.knowledge.validate import validate_knowledge
from tests.knowledge.conftest import EntryWriter

DEEP = "https://www.retsinformation.dk/eli/lta/2014/1209"


def _messages(
    knowledge_dir: Path, today: dt.date | None = None, max_review_age_days: int | None = None
) -> list[str]:
    problems = validate_knowledge(
        knowledge_dir, None, environ={}, today=today, max_review_age_days=max_review_age_days
    )
    return [p.message for p in problems]


@pytest.mark.parametrize(
    ("url", "front"),
    [
        ("https://politi.dk/", True),
        ("https://anklagemyndigheden.dk", True),
        ("https://www.domstol.dk/da/", True),
        ("https://www.ft.dk/index.htm", True),
        ("https://politi.dk/anmeld", False),
        ("https://www.retsinformation.dk/eli/lta/2024/1160", False),
        ("https://www.retsinformation.dk/Forms/R0710.aspx?id=2650", False),
    ],
)
def test_front_pages_are_told_apart_from_deep_links(url: str, front: bool) -> None:
    assert is_front_page(url) is front


def test_a_legal_claim_with_only_a_front_page_source_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", source=[{"title": "Politiet", "url": "https://politi.dk/",
                               "confirms": "Alt."}])
    messages = _messages(knowledge_dir)
    assert any("is a front page" in m for m in messages)
    assert any("a legal claim needs a source at the level of the law" in m for m in messages)


def test_every_source_must_say_what_it_confirms(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", source=[{"title": "Offererstatningsloven § 10", "url": DEEP}])
    assert any("needs 'confirms'" in m for m in _messages(knowledge_dir))


def test_a_rule_without_legal_basis_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", legal_basis=None)
    assert any("missing 'legal_basis'" in m for m in _messages(knowledge_dir))


def test_support_entries_may_do_without_a_legal_basis(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("hjaelp", kind="support", legal_basis=None)
    assert _messages(knowledge_dir) == []


def test_a_review_older_than_the_configured_age_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", reviewed="2026-01-01")
    today = dt.date(2026, 12, 1)
    assert _messages(knowledge_dir, today=today, max_review_age_days=400) == []
    messages = _messages(knowledge_dir, today=today, max_review_age_days=300)
    assert messages == [
        "reviewed 2026-01-01 is 334 days ago (max 300); check the facts again and update "
        "'reviewed'"
    ]


def test_the_review_age_comes_from_the_operator_setting(
    knowledge_dir: Path, write_entry: EntryWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_entry("en", reviewed=(dt.date.today() - dt.timedelta(days=40)).isoformat())
    monkeypatch.setenv("BR_KNOWLEDGE_MAX_REVIEW_AGE_DAYS", "30")
    assert any("days ago (max 30)" in m for m in _messages(knowledge_dir))
    monkeypatch.setenv("BR_KNOWLEDGE_MAX_REVIEW_AGE_DAYS", "60")
    assert _messages(knowledge_dir) == []


def test_a_review_date_in_the_future_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", reviewed="2027-06-01")
    assert _messages(knowledge_dir, today=dt.date(2026, 12, 1)) == [
        "reviewed 2027-06-01 is in the future"
    ]


@pytest.mark.parametrize(
    "written",
    ["72 timer", "2 år", "inden fire uger", "mere end 3 km", "500 kr.", "6 måneder",
     "Ring 70 201 201", "Ring 1888", "ring 116 006", "14 dage"],
)
def test_a_deadline_amount_or_phone_number_written_by_hand_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter, written: str
) -> None:
    write_entry("en", answer=f"Du kan få hjælp. Husk: {written}.")
    messages = _messages(knowledge_dir)
    assert len(messages) == 1 and "is written by hand" in messages[0]


def test_the_same_figure_stored_as_a_sourced_fact_is_accepted(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry(
        "en",
        answer="Anmeld inden {{ facts.frist.text }}. Ring {{ facts.linje.text }}.",
        facts={"frist": {"amount": 72, "unit": "hours", "source": DEEP},
               "linje": {"value": "70 201 201", "unit": "phone", "source": DEEP}},
        source=[{"title": "Offererstatningsloven § 10", "url": DEEP, "confirms": "72 timer."}],
    )
    assert _messages(knowledge_dir) == []


def test_a_fact_whose_source_is_not_one_of_the_entrys_sources_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry(
        "en",
        answer="Anmeld inden {{ facts.frist.text }}.",
        facts={"frist": {"amount": 72, "unit": "hours", "source": "https://example.org/x"}},
    )
    assert _messages(knowledge_dir) == [
        "fact 'frist': source 'https://example.org/x' is not one of the entry's sources"
    ]


def test_figures_in_the_victim_and_witness_lines_are_checked_too(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("trin", kind="case_step", for_victim="Søg inden 2 år.")
    assert any(m.startswith("for_victim: '2 år'") for m in _messages(knowledge_dir))


def test_too_few_example_questions_are_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    write_entry("en", examples=[f"spørgsmål {chr(97 + n)}" for n in range(12)])
    assert _messages(knowledge_dir) == [
        f"needs at least {MIN_REVIEWED_EXAMPLES} example questions, has 12"
    ]


def test_an_example_that_reads_like_distress_is_refused(
    knowledge_dir: Path, write_entry: EntryWriter
) -> None:
    examples = [f"spørgsmål {chr(97 + n)}" for n in range(20)] + ["jeg vil ikke leve mere"]
    write_entry("en", examples=examples)
    messages = _messages(knowledge_dir)
    assert len(messages) == 1 and "reads like distress" in messages[0]
