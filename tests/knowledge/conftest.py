"""Small knowledge bases on disk for the knowledge tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

EntryWriter = Callable[..., Path]


def entry_data(entry_id: str, kind: str = "right", **overrides: Any) -> dict[str, Any]:
    """A valid entry; tests override one field to make it invalid."""
    data: dict[str, Any] = {
        "id": entry_id,
        "kind": kind,
        "title": f"Titel {entry_id}",
        "audience": ["victim"],
        "answer": "Du kan få hjælp. Spørg politiet.",
        "examples": [f"spørgsmål {chr(97 + n)} om {entry_id}" for n in range(20)],
        "source": [
            {
                "title": "Retsplejeloven § 741 a",
                "url": "https://www.retsinformation.dk/eli/lta/2024/1160",
                "confirms": "Forurettede kan få en advokat.",
            }
        ],
        "legal_basis": [{"law": "Retsplejeloven", "section": "§ 741 a"}],
        "reviewed": dt.date.today().isoformat(),
        "related": [],
    }
    english: dict[str, Any] = {
        "title": f"Title {entry_id}",
        "answer": "You can get help. Ask the police.",
        "examples": [f"question {chr(97 + n)} about {entry_id}" for n in range(10)],
    }
    if kind == "case_step":
        data["for_victim"] = "Du får besked."
        data["for_witness"] = "Du kan blive indkaldt."
        english["for_victim"] = "You will be told."
        english["for_witness"] = "You may be called."
    data["en"] = english
    data.update(overrides)
    return data


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    path = tmp_path / "knowledge"
    path.mkdir()
    return path


@pytest.fixture
def write_entry(knowledge_dir: Path) -> EntryWriter:
    def write(entry_id: str, kind: str = "right", **overrides: Any) -> Path:
        data = entry_data(entry_id, kind, **overrides)
        folder = knowledge_dir / str(overrides.get("kind", kind))
        folder.mkdir(exist_ok=True)
        path = folder / f"{entry_id}.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    return write
