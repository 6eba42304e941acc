"""Personal data never reaches disk in clear: transcripts, handover packets, logs and exports.

A conversation full of CPR numbers (every common form), phone numbers and e-mail addresses
goes through the real gateway (to a fake Rasa that echoes it back); then the raw bytes of the
database files and of the log file are searched for every clear value.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

from bot.dashboard.report import CHART_EXPORTS
from bot.db import create_all, make_engine, make_session_factory, session_scope
from bot.handover import context as ctx
from bot.handover import repository
from bot.masking import CPR_MASK, EMAIL_MASK, PHONE_MASK, MaskingFilter, install_log_masking
from bot.models.handover import STATUS_WAITING
from bot.models.inquiries import Inquiry
from bot.models.requests import ChatRating, ServiceComplaint
from bot.settings import load_settings
from tests.gateway.conftest import FakeRasa, MakeClient, history, post_text, start_chat

CPR_FORMS = ["010203-1234", "0102031234", "010203 1234", "01.02.03-1234", "01-02-03-1234",
             "311299-4321"]
PHONES = ["12345678", "12 34 56 78", "+45 12 34 56 78", "+4512345678", "0045 87654321",
          "2233 4455", "+45 22-33-44-55"]
EMAILS = ["anna.jensen@example.dk", "B_O+tag@mail.sub.example.com"]
# What must not appear anywhere on disk: each value as typed, and CPR as bare digits.
CLEAR_VALUES = CPR_FORMS + PHONES + EMAILS + ["0102031234", "3112994321", "87654321"]
JOURNAL = "0100-80150-01234-26"  # not personal data: must survive, or transcripts are useless

MESSAGES = [
    f"Mit cpr-nummer er {CPR_FORMS[0]}, og min søns er {CPR_FORMS[1]}.",
    f"Andre skriver det som {CPR_FORMS[2]} eller {CPR_FORMS[3]} eller {CPR_FORMS[4]}",
    f"cpr:{CPR_FORMS[5]} tlf. {PHONES[0]} / {PHONES[1]} / {PHONES[2]}",
    f"Ring på {PHONES[3]} eller {PHONES[4]} eller {PHONES[5]} eller {PHONES[6]}",
    f"Skriv til {EMAILS[0]} eller {EMAILS[1]}. Min sag er {JOURNAL}.",
]


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Every logger's records at DEBUG into one file, through the product's masking filter."""
    path = tmp_path / "all.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    install_log_masking()
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


def _disk_bytes(var_dir: Path) -> bytes:
    """The database file and its WAL, as stored (SQLite keeps recent writes in the WAL)."""
    contents = []
    for path in sorted(var_dir.glob("*.db*")):
        try:
            contents.append(path.read_bytes())
        except FileNotFoundError:
            continue  # SQLite removed its -shm/-wal file as the last connection closed
    return b"".join(contents)


def _found(blob: bytes) -> list[str]:
    return [value for value in CLEAR_VALUES if value.encode() in blob]


async def test_a_conversation_full_of_personal_data_leaves_none_on_disk_or_in_logs(
    make_client: MakeClient, fake_rasa: FakeRasa, isolated_environment: Path, log_file: Path
) -> None:
    client = await make_client()
    await start_chat(client)
    for number, text in enumerate(MESSAGES):
        response = await post_text(client, f"pii-msg-{number:03d}", text)
        assert response.status == 200
    # The live turn shows the citizen their own words; Rasa got them in clear (it needs them).
    assert fake_rasa.received[0]["message"] == MESSAGES[0]

    # A buggy plugin quoting citizen text in its error, and a library logging it verbatim.
    async def broken_handler(_app: object, _session_id: str, payload: dict) -> None:
        raise ValueError(f"cannot handle {payload} for {EMAILS[0]} / {CPR_FORMS[0]}")

    app = client.server.app
    from bot.gateway.state import HUB

    app[HUB].custom_payload_handlers.append(broken_handler)
    fake_rasa.mode = "custom"
    await post_text(client, "pii-msg-100", f"giv mig en person, ring {PHONES[2]}")
    logging.getLogger("aiohttp.server").error("request body was %s", MESSAGES[2])
    logging.getLogger("some.library").warning(MESSAGES[4])

    # The handover packet built from a Rasa tracker full of the same text.
    events = [{"event": "user", "text": text, "timestamp": 1_700_000_000 + n,
               "parse_data": {"intent": {"name": "request_human"}}}
              for n, text in enumerate(MESSAGES)]
    packet = ctx.build_context(reason="citizen_request", events=events, slots={}, case=None,
                               now=datetime.now(timezone.utc))
    engine = make_engine(load_settings().database)
    with session_scope(make_session_factory(engine)) as session:
        repository.create_handover(session, session_id="pii-session", context=packet,
                                   status=STATUS_WAITING, now=datetime.now(timezone.utc))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
    engine.dispose()

    lines = await history(client)
    stored = " ".join(m["text"] for m in lines)
    assert stored.count(CPR_MASK) >= 2 * len(CPR_FORMS)  # the question and the bot's echo
    assert PHONE_MASK in stored and EMAIL_MASK in stored and JOURNAL in stored

    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = log_file.read_bytes()
    assert b"cannot handle" in log_text and b"request body was" in log_text  # it was logged
    assert _found(log_text) == []
    assert _found(_disk_bytes(isolated_environment)) == []


def test_every_log_handler_gets_the_masking_filter() -> None:
    handler = logging.StreamHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        install_log_masking()
        assert any(isinstance(f, MaskingFilter) for f in handler.filters)
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "cpr %s mail %s",
                                   (CPR_FORMS[3], EMAILS[1]), None)
        for log_filter in handler.filters:
            log_filter.filter(record)  # type: ignore[union-attr]
        assert record.getMessage() == f"cpr {CPR_MASK} mail {EMAIL_MASK}"
    finally:
        root.removeHandler(handler)


@pytest.fixture
def factory() -> Iterator[sessionmaker]:
    engine = make_engine(load_settings().database)
    create_all(engine)
    yield make_session_factory(engine)
    engine.dispose()


def test_dashboard_csv_exports_carry_no_personal_data(factory: sessionmaker) -> None:
    now = datetime.now(timezone.utc)
    with session_scope(factory) as session:
        for number, text in enumerate(MESSAGES):
            inquiry = Inquiry(reference=f"HV-2026-PII{number:03d}", conversation_id=f"c-{number}",
                              channel="web", category="other", started_at=now,
                              last_activity_at=now, outcome="complaint_registered")
            session.add(inquiry)
            session.flush()
            session.add(ServiceComplaint(inquiry_id=inquiry.id, complaint_type="other",
                                         description=text, created_at=now))
            session.add(ChatRating(inquiry_id=inquiry.id, score=3, comment=text,
                                   created_at=now))
    start, end = date.today() - timedelta(days=2), date.today() + timedelta(days=1)
    with session_scope(factory) as session:
        exports = {name: export(session, start, end) for name, export in CHART_EXPORTS.items()}
    everything = "\n".join(exports.values())
    assert "complaint_registered" in everything and "other" in everything  # data is there
    assert _found(everything.encode()) == []
    assert not re.search(r"\d{6}-?\d{4}", everything)
