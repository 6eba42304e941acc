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
from typing import Any

import pytest
from sqlalchemy import MetaData, Table, create_engine, select

from bot.runner.environments import rasa_executable
from bot.settings import PROJECT_ROOT
from tests.reliability.product import HttpCitizen, Product, process_alive, product_environment

pytestmark = pytest.mark.model

KEPT_TABLES = ("inquiries", "chat_sessions", "chat_messages", "audit_events", "handovers",
               "followup_requests")
FOLLOWUP_CONVERSATION = (
    "kan politiet ringe til mig",
    "Anne Hansen",
    "22 33 44 55",
    "i morgen mellem 10 og 12",
    "jeg så et indbrud hos naboen",
    "nej",
)


def _rows(database: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables that must survive, as plain tuples."""
    engine = create_engine(f"sqlite:///file:{database}?mode=ro&uri=true", future=True)
    try:
        metadata = MetaData()
        with engine.connect() as connection:
            return {name: sorted((tuple(row) for row in connection.execute(
                select(Table(name, metadata, autoload_with=connection)))), key=repr)
                for name in KEPT_TABLES}
    finally:
        engine.dispose()


def _cli(product: Product, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(rasa_executable("python")), "-m", "bot.cli", *args], cwd=PROJECT_ROOT,
        env=product.env, capture_output=True, text=True, timeout=120, check=False)


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
    return [asker, waiting, caller]


async def test_a_backup_taken_while_running_restores_everything_after_var_is_lost(
    tmp_path: Path,
) -> None:
    var_dir = tmp_path / "var"
    product = Product(var_dir, product_environment(var_dir), tmp_path / "first.out")
    product.start()
    citizens: list[HttpCitizen] = []
    try:
        citizens = await _converse(product)
        live = _rows(var_dir / "borgerraadgiveren.db")
        assert len(live["followup_requests"]) == 1, await citizens[2].history()
        assert len(live["handovers"]) == 1, await citizens[1].history()
        assert live["inquiries"] and live["audit_events"]
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
    for table, rows in live.items():
        assert set(rows) <= set(backed_up[table]), table

    shutil.rmtree(var_dir)
    var_dir.mkdir()
    restored = _cli(product, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr
    assert "Restored 2 database(s)" in restored.stdout and "WARNING" not in restored.stderr
    assert _rows(var_dir / "borgerraadgiveren.db") == backed_up

    again = Product(var_dir, product.env, tmp_path / "second.out")
    again.start()
    try:
        after = _rows(var_dir / "borgerraadgiveren.db")
        for table, rows in backed_up.items():
            assert set(rows) <= set(after[table]), table
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
