"""Backup and restore of the embedded profile: both SQLite databases and the keys they need.

`backup` copies each database with SQLite's online backup API, so it is consistent while the
product runs (writers are not blocked in WAL mode); each file is a snapshot of one moment,
the two are taken within a second of each other. The tracker's events are encrypted with
the tracker key, so the key files of var/ go along unless `--without-keys` (then keep them
elsewhere: without `tracker_key` the restored conversations cannot be read). `restore`
refuses while anything runs on these files, checks every file against the manifest, and
replaces the databases whole. The production profile uses pg_dump instead
(docs/OPERATIONS.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, inspect, select, table
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from bot.settings import Settings

MANIFEST = "manifest.json"
KEYS_DIR = "keys"
# Secrets `make run` keeps in var/ (bot/runner/services.py); the tracker key is the one the
# data cannot be read without.
KEY_FILES = ("tracker_key", "secret_key", "jwt_secret", "rasa_token")


class BackupError(RuntimeError):
    """Nothing was written (backup) or replaced (restore); the message says why."""


@dataclass(frozen=True)
class DatabaseCopy:
    name: str
    file: str
    bytes: int
    sha256: str
    rows: dict[str, int]


def embedded_databases(settings: Settings) -> dict[str, Path]:
    """The SQLite files of this installation, by name; only the embedded profile has them."""
    urls = {"borgerraadgiveren": settings.database.url,
            "rasa_tracker": settings.rasa.tracker_db_url}
    files: dict[str, Path] = {}
    for name, url in urls.items():
        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite" or not parsed.database:
            raise BackupError(
                f"{name} is not a SQLite file ({parsed.render_as_string(hide_password=True)}): "
                "back up PostgreSQL with pg_dump (docs/OPERATIONS.md)")
        files[name] = Path(parsed.database).resolve()
    return files


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts(path: Path) -> dict[str, int]:
    """Rows per table; what `backup` and `restore` print, and what a test compares."""
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true", future=True,
                           poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return {name: int(connection.execute(
                select(func.count()).select_from(table(name))).scalar_one())
                for name in sorted(inspect(connection).get_table_names())}
    finally:
        engine.dispose()


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup: one consistent snapshot, readers and writers keep going."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        # One self-contained file (no -wal beside it); the processes turn WAL on again.
        dst.execute("PRAGMA journal_mode=DELETE")
        if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"the copy of {source} failed SQLite's integrity check")
    finally:
        dst.close()
        src.close()


def backup(settings: Settings, target: Path, *, with_keys: bool = True) -> list[DatabaseCopy]:
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} exists and is not empty; choose a new directory")
    databases = embedded_databases(settings)
    target.mkdir(parents=True, exist_ok=True)
    target.chmod(0o700)  # personal data (and keys): as private as var/ itself
    copies: list[DatabaseCopy] = []
    for name, source in databases.items():
        if not source.exists():
            continue  # e.g. Rasa has not stored a conversation yet
        file = f"{name}.db"
        _copy(source, target / file)
        (target / file).chmod(0o600)
        copies.append(DatabaseCopy(name, file, (target / file).stat().st_size,
                                   _sha256(target / file), row_counts(target / file)))
    if not copies:
        shutil.rmtree(target)
        raise BackupError(f"no database found in {settings.var_dir}: nothing to back up")
    keys = [k for k in KEY_FILES if (settings.var_dir / k).is_file()] if with_keys else []
    if keys:
        (target / KEYS_DIR).mkdir(mode=0o700)
        for key in keys:
            shutil.copy2(settings.var_dir / key, target / KEYS_DIR / key)
    manifest = {"created_at": datetime.now(timezone.utc).isoformat(),
                "databases": [asdict(c) for c in copies], "keys": keys}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    (target / MANIFEST).chmod(0o600)
    return copies


def read_manifest(source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"{source} is not a backup made by `borger backup` ({exc})") from exc
    for entry in manifest["databases"]:
        path = source / entry["file"]
        if not path.is_file() or _sha256(path) != entry["sha256"]:
            raise BackupError(f"{path} is missing or changed since the backup; nothing restored")
    return dict(manifest)


def restore(settings: Settings, source: Path) -> tuple[list[DatabaseCopy], list[str]]:
    """Replace the databases (and key files, if backed up) with the backup's."""
    manifest = read_manifest(source)
    databases = embedded_databases(settings)
    copies = [DatabaseCopy(**entry) for entry in manifest["databases"]]
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    for copy in copies:
        destination = databases[copy.name]
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(destination.name + ".restoring")
        partial.unlink(missing_ok=True)
        _copy(source / copy.file, partial)
        # The old database's WAL must not be replayed onto the restored file.
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{destination}{suffix}").unlink(missing_ok=True)
        os.replace(partial, destination)
    keys = [str(k) for k in manifest.get("keys", [])]
    for key in keys:
        target = settings.var_dir / key
        shutil.copy2(source / KEYS_DIR / key, target)
        target.chmod(0o600)
    return copies, keys
