"""Operator commands for a running installation: status, backup, restore, tracker key rotation.

Registered by `bot/cli.py`; docs/OPERATIONS.md says when to use which. Every command prints
what it did, and refuses with one clear line (exit 1) when it would do harm.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from collections.abc import Callable
from pathlib import Path

from bot.settings import Settings

TRACKER_KEY_FILE = "tracker_key"


def _error(message: str) -> int:
    print(f"ERROR: {message}", file=sys.stderr, flush=True)
    return 1


def _rows(rows: dict[str, int]) -> str:
    filled = [f"{table} {count}" for table, count in rows.items() if count]
    return ", ".join(filled) or "no rows"


def running_instance(settings: Settings) -> list[str]:
    """Signs that the product is running on these files (empty: safe to replace them)."""
    from bot.backup import embedded_databases
    from bot.runner.ports import holder_description, planned_ports, port_is_free
    from bot.runner.procfs import processes_with_open
    from bot.runner.run import is_running

    reasons = []
    if is_running(settings.var_dir):
        reasons.append(f"`make run` is running from {settings.var_dir}")
    for use in planned_ports(settings):
        if not port_is_free(use.host, use.port):
            reasons.append(f"port {use.port} ({use.service}) is in use by "
                           f"{holder_description(use.port)}")
    files = [Path(f"{db}{suffix}") for db in embedded_databases(settings).values()
             for suffix in ("", "-wal", "-shm")]
    reasons += [f"{process.describe()} has a database open"
                for process in processes_with_open(files)]
    return reasons


def cmd_status(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.runner.run import is_running
    from bot.runner.supervisor import read_status

    status = read_status(settings.var_dir)
    if status is None or not is_running(settings.var_dir):
        stale = " (runner.json is left from a runner that was killed)" if status else ""
        print(f"==> Not running from {settings.var_dir}{stale}")
        return 1
    print(f"==> Runner pid {status['runner_pid']}, as of {status['updated_at']}")
    services = status["services"]
    assert isinstance(services, dict)
    for name, entry in services.items():
        print(f"    {name:<10} {entry['state']:<22} pid {entry['pid']}  "
              f"restarts {entry['restarts']}  last exit {entry['last_exit']}  "
              f"since {entry['since']}")
    return 0


def cmd_backup(args: argparse.Namespace, settings: Settings) -> int:
    from bot.backup import BackupError, backup

    target = Path(args.path).resolve()
    try:
        copies = backup(settings, target, with_keys=not args.without_keys)
    except BackupError as exc:
        return _error(str(exc))
    print(f"==> Backed up {len(copies)} database(s) from {settings.var_dir} to {target} "
          "(online: each file is a consistent snapshot)")
    for copy in copies:
        print(f"    {copy.file}: {copy.bytes / 1e6:.1f} MB, sha256 {copy.sha256[:16]}..., "
              f"{_rows(copy.rows)}")
    if args.without_keys:
        print(f"    keys not included: keep {settings.var_dir / TRACKER_KEY_FILE} elsewhere, "
              "or the restored conversations cannot be read")
    else:
        print("    with the key files of var/: keep this backup as private as var/ itself")
    return 0


def cmd_restore(args: argparse.Namespace, settings: Settings) -> int:
    from bot.backup import BackupError, read_manifest, restore
    from bot.rasa_tracker import tracker_key_problem

    source = Path(args.path).resolve()
    try:
        read_manifest(source)
        reasons = running_instance(settings)
        if reasons:
            return _error("refusing to overwrite a running instance: " + "; ".join(reasons)
                          + ". Stop it first (Ctrl-C in the terminal of `make run`).")
        copies, keys = restore(settings, source)
    except BackupError as exc:
        return _error(str(exc))
    print(f"==> Restored {len(copies)} database(s) from {source} into {settings.var_dir}")
    for copy in copies:
        print(f"    {copy.file}: {_rows(copy.rows)}")
    print(f"    key files: {', '.join(keys)}" if keys else "    no key files in the backup")
    key = os.environ.get("BR_TRACKER_KEY") or _read(settings.var_dir / TRACKER_KEY_FILE)
    problem = tracker_key_problem(settings.rasa.tracker_db_url, key) if key else (
        "there is no tracker key (BR_TRACKER_KEY or var/tracker_key)")
    if problem:
        print(f"WARNING: {problem}; Rasa will not be able to continue these conversations "
              "(the transcripts are fine). Restore the key that was used, then start.",
              file=sys.stderr)
    return 0


def _read(path: Path) -> str:
    return path.read_text().strip() if path.is_file() else ""


def cmd_rotate_tracker_key(_args: argparse.Namespace, settings: Settings) -> int:
    """Re-encrypt Rasa's stored events under a new BR_TRACKER_KEY (Rasa must be stopped)."""
    from bot.rasa_tracker import KeyRotationError, rotate_tracker_key
    from bot.runner.run import is_running

    if is_running(settings.var_dir):
        return _error("`make run` is running: stop it first, Rasa must not write meanwhile")
    key_file = settings.var_dir / TRACKER_KEY_FILE
    pending = key_file.with_name(TRACKER_KEY_FILE + ".new")
    old_key = os.environ.get("BR_TRACKER_KEY") or _read(key_file)
    if not old_key:
        return _error("no current key: set BR_TRACKER_KEY (or run from the var/ of `make run`)")
    new_key = os.environ.get("BR_NEW_TRACKER_KEY", "")
    generated = not new_key
    if generated:
        if os.environ.get("BR_TRACKER_KEY"):
            return _error("BR_TRACKER_KEY comes from the environment: give the new key in "
                          "BR_NEW_TRACKER_KEY (and put it into the Secret afterwards)")
        # Written before any event changes, so an interrupted run can be repeated.
        if not pending.exists():
            pending.write_text(secrets.token_urlsafe(48))
            pending.chmod(0o600)
        new_key = _read(pending)
    try:
        count = rotate_tracker_key(settings.rasa.tracker_db_url, old_key, new_key)
    except KeyRotationError as exc:
        return _error(f"{exc}; nothing was changed")
    print(f"==> Re-encrypted {count} tracker event(s) under the new key")
    if generated:
        os.replace(pending, key_file)
        print(f"    new key stored in {key_file}; `make run` uses it from now on")
    else:
        print("    now set BR_TRACKER_KEY to the new key everywhere Rasa runs, then start Rasa")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub.add_parser("status", help="state of each process of a running `make run`")
    backup = sub.add_parser("backup", help="online copy of the embedded databases (and keys)")
    backup.add_argument("path", help="a new (or empty) directory")
    backup.add_argument("--without-keys", action="store_true",
                        help="leave the key files of var/ out (keep them elsewhere)")
    restore = sub.add_parser("restore", help="bring back a backup (the product must be stopped)")
    restore.add_argument("path", help="a directory written by `backup`")
    sub.add_parser("rotate-tracker-key",
                   help="re-encrypt Rasa's stored events under a new tracker key")


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "status": cmd_status,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "rotate-tracker-key": cmd_rotate_tracker_key,
}
