"""Importing case exports: JSON and CSV, a clear error per bad row, nothing half-imported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from bot.cases.codes import receipt_code_matches
from bot.cases.importer import ImportFailed, import_cases
from bot.cli import main
from bot.db import session_scope
from bot.models.cases import Case, Party


def _case(journal: str, **overrides: Any) -> dict[str, Any]:
    case: dict[str, Any] = {
        "journal_number": journal,
        "police_district": "Fyns Politi",
        "offence_category": "vold",
        "current_step": "retsmoede",
        "reported_on": "2026-05-02",
        "contact_person": {"name": "Politiassistent Ida Holm", "phone": "12345678"},
        "events": [{"occurred_on": "2026-05-02", "step": "anmeldelse",
                    "public_text": "Politiet har modtaget din anmeldelse."}],
        "decisions": [{"kind": "hearing", "decided_on": "2026-10-01",
                       "scheduled_at": "2026-12-14T09:30", "court": "Retten i Odense"}],
        "parties": [{"role": "victim", "name": "Anne Jensen", "receipt_code": "K7QM-4TZP"}],
    }
    case.update(overrides)
    return case


def _count(factory: sessionmaker) -> int:
    with session_scope(factory) as session:
        return int(session.execute(select(func.count(Case.id))).scalar_one())


def test_json_import_writes_cases_with_hashed_codes(
    tmp_path: Path, session_factory: sessionmaker
) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": [_case("2200-80001-00001-26"),
                                          _case("2200-80001-00002-26")]}))
    assert import_cases(session_factory, path) == 2
    with session_scope(session_factory) as session:
        stored = session.execute(select(Party.receipt_code_hash)).scalars().all()
    assert all(receipt_code_matches("K7QM4TZP", h) for h in stored)


def test_one_bad_row_reports_file_row_and_field_and_imports_nothing(
    tmp_path: Path, session_factory: sessionmaker
) -> None:
    bad = _case("2200-80001-00002-26", current_step="venter", reported_on="2. maj")
    bad["parties"][0]["role"] = "tilskuer"
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": [_case("2200-80001-00001-26"), bad]}))
    with pytest.raises(ImportFailed) as failure:
        import_cases(session_factory, path)
    messages = [str(e) for e in failure.value.errors]
    assert "cases.json, row 2, field 'current_step': 'venter' is not one of" in messages[0]
    assert any("row 2, field 'reported_on': '2. maj' is not a date" in m for m in messages)
    assert any("row 2, field 'parties[1].role'" in m for m in messages)
    assert _count(session_factory) == 0


def test_duplicate_and_existing_journal_numbers_are_refused(
    tmp_path: Path, session_factory: sessionmaker
) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": [_case("2200-80001-00001-26")] * 2}))
    with pytest.raises(ImportFailed, match="nothing was imported"):
        import_cases(session_factory, path)
    path.write_text(json.dumps({"cases": [_case("2200-80001-00001-26")]}))
    import_cases(session_factory, path)
    with pytest.raises(ImportFailed) as failure:
        import_cases(session_factory, path)
    assert "already in the database" in str(failure.value.errors[0])
    assert _count(session_factory) == 1


CSV_HEADER = ("record,journal_number,police_district,offence_category,current_step,reported_on,"
              "contact_name,contact_phone,contact_email,date,step,text,kind,notified_on,is_final,"
              "court,place,scheduled_at,role,name,phone,email,person_ref,receipt_code\n")


def test_csv_import_and_its_line_numbers(tmp_path: Path, session_factory: sessionmaker) -> None:
    good = tmp_path / "good.csv"
    good.write_text(
        CSV_HEADER
        + "case,0100-80150-01234-26,Københavns Politi,vold,henlaeggelse,2026-09-01,,,,"
          ",,,,,,,,,,,,,,\n"
        + "decision,0100-80150-01234-26,,,,,,,,2026-11-03,,,dropped,2026-11-04,,,,,,,,,,\n"
        + "party,0100-80150-01234-26,,,,,,,,,,,,,,,,,victim,Anne Jensen,,,,K7QM-4TZP\n",
        encoding="utf-8",
    )
    assert import_cases(session_factory, good) == 1
    bad = tmp_path / "bad.csv"
    bad.write_text(
        CSV_HEADER
        + "case,0100-80150-09999-26,Københavns Politi,vold,henlaeggelse,2026-09-01,,,,"
          ",,,,,,,,,,,,,,\n"
        + "party,0100-80150-09999-26,,,,,,,,,,,,,,,,,victim,Anne Jensen,,,,0OIL\n"
        + "event,0100-80150-00000-26,,,,,,,,2026-09-01,anmeldelse,Modtaget,,,,,,,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as failure:
        import_cases(session_factory, bad)
    messages = [str(e) for e in failure.value.errors]
    assert any(m.startswith("bad.csv, row 3, field 'receipt_code'") for m in messages)
    assert any(m.startswith("bad.csv, row 4, field 'journal_number': has no case row")
               for m in messages)
    assert _count(session_factory) == 1


def test_cli_import_prints_each_error_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": [_case("12-34")]}))
    assert main(["import-cases", str(path)]) == 1
    err = capsys.readouterr().err
    assert "ERROR: cases.json, row 1, field 'journal_number': '12-34' is not NNNN-NNNNN-NNNNN-NN" \
        in err
    path.write_text(json.dumps({"cases": [_case("2200-80001-00001-26")]}))
    assert main(["import-cases", str(path)]) == 0
    assert "Imported 1 case(s)" in capsys.readouterr().out
