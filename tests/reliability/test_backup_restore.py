"""A backup taken while the product runs brings everything back after var/ is lost.

The real product (`python -m bot.cli run`, trained model): citizens chat, one is handed to an
advisor, one books a follow-up call; `backup` runs while a citizen is writing; the product is
stopped, var/ wiped, `restore` run, the product started again. Every inquiry, transcript
line, audit event, handover and follow-up of the backup is there, the citizen's browser
still opens its chat, and Rasa continues the conversation (the tracker key came back too).
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import MetaData, Table, create_engine, select

from bench.handover import CSRF, advisor_login
from bot.console.demo import DEMO_USERNAME, PASSWORD_FILE
from bot.environments import rasa_executable
from bot.settings import PROJECT_ROOT
from tests.reliability.product import HttpCitizen, Product, process_alive, product_environment

pytestmark = pytest.mark.model

KEPT_TABLES = ("inquiries", "chat_sessions", "chat_messages", "audit_events", "handovers",
               "handover_notes", "followup_requests", "followup_attempts")
# Rows that are only ever added: they must come back exactly. Rows of the other tables change
# while the product runs (a session's last activity, a handover's state): they must come back.
APPEND_ONLY = ("chat_messages", "audit_events", "handover_notes", "followup_attempts")
ADVISOR_SAYS = "Hej, jeg hedder Ida fra politiet. Hvad kan jeg hjælpe med?"
# The same opening and topic as the conversation suite's follow-up dialogues (tests/conversations):
# this test is about backup and restore, not about how the model reads a first sentence.
FOLLOWUP_CONVERSATION = (
    "jeg er utryg og vil gerne tale med politiet",
    "Anne Hansen",
    "22 33 44 55",
    "i morgen mellem 10 og 12",
    "Jeg vil gerne tale om tryghed i mit kvarter",
    "nej",
)


def _rows(database: Path) -> dict[str, dict[str, str]]:
    """Every row of the tables that must survive: its repr by its primary key's."""
    engine = create_engine(f"sqlite:///file:{database}?mode=ro&uri=true", future=True)
    try:
        metadata = MetaData()
        with engine.connect() as connection:
            return {name: {repr(row[0]): repr(tuple(row)) for row in connection.execute(
                select(Table(name, metadata, autoload_with=connection)))}
                for name in KEPT_TABLES}
    finally:
        engine.dispose()


def _first_id(rows: dict[str, str]) -> int:
    return int(next(iter(rows)))


def _assert_kept(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> None:
    for table, rows in before.items():
        assert set(rows) <= set(after[table]), table
        if table in APPEND_ONLY:
            assert all(after[table][key] == row for key, row in rows.items()), table


def _cli(product: Product, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(rasa_executable("python")), "-m", "bot.cli", *args], cwd=PROJECT_ROOT,
        env=product.env, capture_output=True, text=True, timeout=120, check=False)


async def _advisor_takes_over(product: Product, waiting: HttpCitizen) -> None:
    """The demo advisor logs in to the console, claims the handover, opens it, writes to the
    citizen, adds a note, and records a call attempt on the follow-up (all audited)."""
    password = (product.var_dir / PASSWORD_FILE).read_text().strip()
    advisor = await advisor_login(product.url, DEMO_USERNAME, password)
    try:
        async with advisor.get(f"{product.url}/console/") as response:
            found = CSRF.search(await response.text())
        assert found is not None
        csrf = found.group(1)
        rows = _rows(product.var_dir / "borgerraadgiveren.db")
        handover_id = _first_id(rows["handovers"])
        followup_id = _first_id(rows["followup_requests"])
        base = f"{product.url}/console/handovers/{handover_id}"
        for url, form in ((f"{base}/claim", {}), (f"{base}/messages", {"text": ADVISOR_SAYS}),
                          (f"{base}/notes", {"text": "Borgeren vil tale om et indbrud."}),
                          (f"{product.url}/console/followups/{followup_id}/attempts",
                           {"outcome": "not_reached", "note": "Ingen svar, prøver igen."})):
            async with advisor.post(url, data={"csrf_token": csrf, **form},
                                    allow_redirects=False) as response:
                assert response.status in (200, 302, 303), (url, await response.text())
        async with advisor.get(base) as response:
            assert response.status == 200
    finally:
        await advisor.close()
    assert ADVISOR_SAYS in [m["text"] for m in await waiting.history()]


async def _converse(product: Product) -> list[HttpCitizen]:
    asker, waiting, caller = (HttpCitizen(product, name)
                              for name in ("asker", "waiting", "caller"))
    for citizen in (asker, waiting, caller):
        await citizen.start()
    await asker.turn("hej")
    await asker.turn("hvad er en henlæggelse")
    await waiting.turn("hej")
    await waiting.turn("jeg vil tale med en borgerrådgiver")
    for line in FOLLOWUP_CONVERSATION:
        await caller.turn(line)
    await _advisor_takes_over(product, waiting)
    return [asker, waiting, caller]


async def test_a_backup_taken_while_running_restores_everything_after_var_is_lost(
    tmp_path: Path,
) -> None:
    var_dir = tmp_path / "var"
    # One Rasa worker: this test is about the data, and each of its two product starts then
    # runs one Rasa process instead of three (Sanic's main process importing Rasa, and two
    # workers loading the model). tests/reliability/test_supervised_run.py runs the default.
    product = Product(var_dir, product_environment(var_dir, BR_RASA_WORKERS="1"),
                      tmp_path / "first.out")
    product.start()
    citizens: list[HttpCitizen] = []
    try:
        citizens = await _converse(product)
        live = _rows(var_dir / "borgerraadgiveren.db")
        assert all(live[table] for table in KEPT_TABLES), {t: len(r) for t, r in live.items()}
        assert len(live["followup_requests"]) == 1 and len(live["handovers"]) == 1
        # Backed up while a citizen is in the middle of a turn.
        writing = asyncio.ensure_future(citizens[0].turn("tak"))
        made = await asyncio.get_running_loop().run_in_executor(
            None, lambda: _cli(product, "backup", str(tmp_path / "backup")))
        await writing
        assert made.returncode == 0, made.stderr
        assert "Backed up 2 database(s)" in made.stdout
        backed_up = _rows(tmp_path / "backup" / "borgerraadgiveren.db")
        transcript = await citizens[0].history()
    finally:
        pids = product.all_pids()
        assert product.stop() == 0, product.output()
    assert [pid for pid in pids if process_alive(pid)] == []
    # Everything before the backup is in it (the "tak" turn may or may not be).
    _assert_kept(live, backed_up)

    shutil.rmtree(var_dir)
    var_dir.mkdir()
    restored = _cli(product, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr
    assert "Restored 2 database(s)" in restored.stdout and "WARNING" not in restored.stderr
    assert _rows(var_dir / "borgerraadgiveren.db") == backed_up

    again = Product(var_dir, product.env, tmp_path / "second.out")
    again.start()
    try:
        _assert_kept(backed_up, _rows(var_dir / "borgerraadgiveren.db"))
        # The same browser (its cookie) sees its whole chat, as far as the backup reached.
        asker = citizens[0]  # same ports as before: its cookie is still for this gateway
        restored_lines = await asker.history()
        assert restored_lines == transcript[: len(restored_lines)]
        assert len(restored_lines) >= len(transcript) - 2  # at most the "tak" turn is missing
        # And Rasa goes on with the restored conversation (the tracker key came back).
        answer = await asker.turn("hvad er en anmeldelse")
        assert answer and answer[0]["sender"] == "bot", answer
    finally:
        for citizen in citizens:
            await citizen.close()
        assert again.stop() == 0, again.output()
