"""`validate-knowledge` exits 1 and names file and entry; `build` stops on invalid content."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.knowledge.conftest import EntryWriter


def test_validate_knowledge_exits_1_and_names_file_and_entry(
    knowledge_dir: Path,
    write_entry: EntryWriter,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_entry("en", related=["mangler"])
    monkeypatch.setenv("BR_KNOWLEDGE_DIR", str(knowledge_dir))

    assert main(["validate-knowledge"]) == 1

    err = capsys.readouterr().err
    assert f"ERROR: {knowledge_dir / 'right' / 'en.yml'} [en]: related links to unknown" in err


def test_validate_knowledge_exits_0_for_valid_content(
    knowledge_dir: Path, write_entry: EntryWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_entry("en")
    monkeypatch.setenv("BR_KNOWLEDGE_DIR", str(knowledge_dir))
    assert main(["validate-knowledge"]) == 0


def test_eval_knowledge_rejects_a_holdout_outside_0_and_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval-knowledge", "--holdout", "1.5", "--report", ""]) == 2
    assert "--holdout" in capsys.readouterr().err
