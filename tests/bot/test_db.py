"""The embedded profile's schema and stored formats, kept up to date by `create_all`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from bot.db import create_all, make_engine
from bot.settings import DatabaseSettings

INSERT_CALLBACK = text(
    "INSERT INTO callbacks (session_id, phone, time_window, reason, urgency, status,"
    " context_json, created_at) VALUES (:session, :phone, 'formiddag', 'citizen_request',"
    " 'normal', 'open', '{}', '2026-11-30 10:00:00')"
)


def test_an_older_sqlite_file_gets_its_call_back_phones_in_the_one_stored_form(
    tmp_path: Path,
) -> None:
    engine = make_engine(DatabaseSettings(url=f"sqlite:///{tmp_path / 'old.db'}"))
    try:
        create_all(engine)
        with engine.begin() as connection:
            # As the call-back form stored them before issue 16, next to today's form and
            # something neither form would write (left alone rather than guessed at).
            for session, phone in (("s1", "12345678"), ("s2", "+45 20 30 40 50"),
                                   ("s3", "ring efter 16")):
                connection.execute(INSERT_CALLBACK, {"session": session, "phone": phone})
        create_all(engine)  # the next start of any process
        create_all(engine)  # and the one after: nothing changes twice
        with engine.connect() as connection:
            phones = connection.execute(
                text("SELECT phone FROM callbacks ORDER BY session_id")
            ).scalars().all()
        assert phones == ["+45 12 34 56 78", "+45 20 30 40 50", "ring efter 16"]
    finally:
        engine.dispose()
