"""docs/KNOWLEDGE.md lists every entry with legal basis and review date, and is never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.catalog import CATALOG_PATH, main, render_catalog
from bot.knowledge.loader import read_entries
from bot.settings import PROJECT_ROOT


def test_the_committed_catalog_matches_the_knowledge_base() -> None:
    entries, problems = read_entries(PROJECT_ROOT / "knowledge")
    assert problems == []
    assert CATALOG_PATH.read_text(encoding="utf-8") == render_catalog(entries), (
        "docs/KNOWLEDGE.md is stale: run python -m bot.knowledge.catalog"
    )


def test_every_entry_appears_with_its_legal_basis_and_review_date() -> None:
    entries, _ = read_entries(PROJECT_ROOT / "knowledge")
    text = render_catalog(entries)
    for entry in entries:
        row = next(line for line in text.splitlines() if line.startswith(f"| `{entry.id}` |"))
        assert entry.reviewed.isoformat() in row
        for basis in entry.legal_basis:
            assert basis.section.split(" (")[0] in row


def test_check_mode_reports_a_stale_catalog(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    stale = tmp_path / "KNOWLEDGE.md"
    stale.write_text("old", encoding="utf-8")
    monkeypatch.setattr("bot.knowledge.catalog.CATALOG_PATH", stale)
    assert main(["--check"]) == 1
    assert main([]) == 0
    assert main(["--check"]) == 0
