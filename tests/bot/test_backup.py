"""Backup while writers write, restore only onto a stopped instance, and only intact backups.

The end-to-end restore (real processes, conversations, handover, follow-up) is
tests/reliability/test_backup_restore.py.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from bot.backup import BackupError, backup, restore, row_counts
from bot.cli import main
from bot.ports import free_port
from bot.runner.run import run_lock
from bot.settings import Settings, load_settings


def _database(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE lines (id INTEGER PRIMARY KEY, text TEXT)")


def _settings(var_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("BR_DATABASE_URL", f"sqlite:///{var_dir / 'borgerraadgiveren.db'}")
    # Restore also refuses while something listens on the product's ports: use free ones.
    monkeypatch.setenv("BR_GATEWAY_PORT", str(free_port()))
    monkeypatch.setenv("BR_RASA_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("BR_ACTION_SERVER_URL", f"http://127.0.0.1:{free_port()}")
    return load_settings()


def test_a_backup_taken_while_a_writer_writes_is_consistent_and_restores(
    isolated_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(isolated_environment, monkeypatch)
    ours = isolated_environment / "borgerraadgiveren.db"
    _database(ours)
    _database(isolated_environment / "rasa_tracker.db")
    (isolated_environment / "tracker_key").write_text("key-1")
    stop = threading.Event()

    def write() -> None:
        with sqlite3.connect(ours, timeout=30) as connection:
            while not stop.is_set():
                # Two rows per transaction: a consistent copy never has an odd count.
                connection.executemany("INSERT INTO lines (text) VALUES (?)", [("a",), ("b",)])
                connection.commit()

    writer = threading.Thread(target=write)
    writer.start()
    try:
        time.sleep(0.3)
        copies = backup(settings, tmp_path / "backup")
    finally:
        stop.set()
        writer.join()
    copied = {c.name: c for c in copies}["borgerraadgiveren"].rows["lines"]
    assert copied > 0 and copied % 2 == 0
    assert row_counts(tmp_path / "backup" / "borgerraadgiveren.db") == {"lines": copied}
    assert json.loads((tmp_path / "backup" / "manifest.json").read_text())["keys"] == [
        "tracker_key"]
    assert not list((tmp_path / "backup").glob("*-wal"))

    ours.unlink()
    (isolated_environment / "tracker_key").write_text("another key")
    Path(f"{ours}-wal").write_bytes(b"stale")  # must not be replayed onto the restored file
    restored, keys = restore(settings, tmp_path / "backup")
    assert row_counts(ours) == {"lines": copied}
    assert keys == ["tracker_key"]
    assert (isolated_environment / "tracker_key").read_text() == "key-1"
    assert {c.name for c in restored} == {"borgerraadgiveren", "rasa_tracker"}


def test_a_backup_never_overwrites_and_a_changed_backup_is_not_restored(
    isolated_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(isolated_environment, monkeypatch)
    _database(isolated_environment / "borgerraadgiveren.db")
    backup(settings, tmp_path / "backup")
    with pytest.raises(BackupError, match="not empty"):
        backup(settings, tmp_path / "backup")
    with sqlite3.connect(tmp_path / "backup" / "borgerraadgiveren.db") as connection:
        connection.execute("INSERT INTO lines (text) VALUES ('tampered')")
    before = (isolated_environment / "borgerraadgiveren.db").read_bytes()
    with pytest.raises(BackupError, match="changed since the backup"):
        restore(settings, tmp_path / "backup")
    with pytest.raises(BackupError, match="not a backup"):
        restore(settings, tmp_path)
    assert (isolated_environment / "borgerraadgiveren.db").read_bytes() == before


def test_restore_refuses_while_the_product_runs_and_says_why(
    isolated_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings = _settings(isolated_environment, monkeypatch)
    _database(isolated_environment / "borgerraadgiveren.db")
    assert main(["backup", str(tmp_path / "backup")]) == 0
    assert "Backed up 1 database(s)" in capsys.readouterr().out
    with run_lock(settings.var_dir):
        assert main(["restore", str(tmp_path / "backup")]) == 1
    err = capsys.readouterr().err
    assert "refusing to overwrite a running instance: `make run` is running from" in err
    assert main(["restore", str(tmp_path / "backup")]) == 0
    assert "Restored 1 database(s)" in capsys.readouterr().out


def test_the_production_profile_is_backed_up_with_pg_dump(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("BR_DATABASE_URL", "postgresql://borger@db/borger")
    assert main(["backup", str(tmp_path / "backup")]) == 1
    assert "pg_dump (docs/OPERATIONS.md)" in capsys.readouterr().err
    assert not (tmp_path / "backup").exists()
