"""`borger` command line: build, train, run and operate the product.

Operator messages are in English; every command exits non-zero with a clear line on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from bot.operations import COMMANDS as OPERATIONS_COMMANDS
from bot.operations import add_parsers as add_operations_parsers
from bot.settings import PROJECT_ROOT, Settings, load_settings


def cmd_build(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.build import build_spacy_pipeline

    print("==> Building the Danish spaCy pipeline (blank 'da' + lookup lemmatizer)", flush=True)
    print("    built" if build_spacy_pipeline() else "    up to date", flush=True)
    return _build_knowledge(settings)


def _build_knowledge(settings: Settings) -> int:
    """Validate `knowledge/` and regenerate its training data; content errors stop the build."""
    from bot.knowledge.generate import generate
    from bot.knowledge.loader import read_entries
    from bot.knowledge.validate import validate_knowledge
    from bot.settings import PROJECT_ROOT

    print("==> Knowledge base: validating and generating training data", flush=True)
    problems = validate_knowledge(settings.knowledge_dir, PROJECT_ROOT / "data" / "nlu")
    if problems:
        for problem in problems:
            print(f"ERROR: {problem}", file=sys.stderr)
        return 1
    entries, _ = read_entries(settings.knowledge_dir)
    changed = generate(entries)
    print(f"    {len(entries)} entries; {len(changed)} generated file(s) rewritten", flush=True)
    return 0


def cmd_validate_knowledge(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.validate import validate_knowledge
    from bot.settings import PROJECT_ROOT

    problems = validate_knowledge(settings.knowledge_dir, PROJECT_ROOT / "data" / "nlu")
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {settings.knowledge_dir}", file=sys.stderr)
        return 1
    print(f"==> Knowledge base is valid ({settings.knowledge_dir})", flush=True)
    return 0


def cmd_eval_knowledge(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.evaluate import run_evaluation

    return run_evaluation(settings.knowledge_dir, holdout=args.holdout, report=args.report,
                          config=Path(args.config))


def cmd_train(args: argparse.Namespace, _settings: Settings) -> int:
    from bot.build import train_if_changed

    train_if_changed(force=args.force)
    return 0


def cmd_init_db(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.db import create_all, make_engine

    settings.var_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.database)
    create_all(engine)
    engine.dispose()
    print(f"==> Database ready ({engine.url.render_as_string(hide_password=True)})", flush=True)
    return 0


def cmd_migrate(_args: argparse.Namespace, settings: Settings) -> int:
    """Apply the Alembic migrations (production profile; the way PostgreSQL gets its schema)."""
    from bot.migrate import upgrade_to_head

    upgrade_to_head(settings.database)
    print(f"==> Schema migrated to the latest revision ({_safe_url(settings)})", flush=True)
    return 0


def _safe_url(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.database.url).render_as_string(hide_password=True)


def _banner(settings: Settings) -> str:
    port = settings.gateway.port
    lines = [
        "",
        "Borgerrådgiveren is running.",
        f"  Citizen chat (demo page): http://127.0.0.1:{port}/",
        f"  Rasa REST channel:        {settings.rasa.url}/webhooks/rest/webhook"
        " (header Authorization: Bearer <var/rasa_token>)",
        f"  Health:                   http://127.0.0.1:{port}/health",
        f"  Logs:                     {settings.var_dir / 'logs'}/",
        "Press Ctrl-C to stop everything.",
    ]
    from bot.console.demo import DEMO_USERNAME, PASSWORD_FILE

    demo_password_file = settings.var_dir / PASSWORD_FILE
    if demo_password_file.exists():
        demo_password = demo_password_file.read_text().strip()
        lines[-1:-1] = [
            f"  Advisor console:          http://127.0.0.1:{port}/console/",
            f"    demo advisor login:     {DEMO_USERNAME} / {demo_password}",
        ]
    from bot.cases.demo import demo_logins

    lines[-1:-1] = ["  Demo logins (journal number + receipt code):"] + [
        f"    {login.role:<8} {login.journal_number}  {login.receipt_code}"
        for login in demo_logins()
    ]
    if settings.profile == "embedded":
        lines[-1:-1] = ['  MitID (demo): "Log ind med MitID (demo)" on the demo page']
    return "\n".join(lines)


def cmd_run(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.build import latest_model
    from bot.runner import run_all

    model = latest_model()
    if model is None:
        print("ERROR: no trained model for the current data; run 'make train' first.",
              file=sys.stderr)
        return 1

    def prepare() -> None:
        # The production profile gets its schema from the migrations, never from create_all.
        (cmd_migrate if settings.profile == "production" else cmd_init_db)(_args, settings)
        cmd_load_demo(_args, settings)
        _seed_demo_advisor(settings)

    return run_all(settings, model, lambda: _banner(settings), prepare=prepare)


def _seed_demo_advisor(settings: Settings) -> None:
    from bot.console.demo import ensure_demo_advisor
    from bot.db import short_lived_database

    with short_lived_database(settings.database) as sessions:
        ensure_demo_advisor(sessions, settings.var_dir)


def cmd_create_user(args: argparse.Namespace, settings: Settings) -> int:
    """Create an advisor account; the password comes from BR_NEW_USER_PASSWORD or a prompt."""
    import getpass
    import os

    from bot.console.auth import AuthError, create_account
    from bot.db import session_scope, short_lived_database

    password = os.environ.get("BR_NEW_USER_PASSWORD") or ""
    if not password:
        password = getpass.getpass(f"Password for {args.username}: ")
        if getpass.getpass("Repeat the password: ") != password:
            print("ERROR: the passwords differ", file=sys.stderr)
            return 1
    try:
        with short_lived_database(settings.database) as sessions, session_scope(sessions) as s:
            create_account(s, username=args.username, password=password, role=args.role,
                           display_name=args.name or "")
    except AuthError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    print(f"==> Created {args.role} account {args.username.strip().lower()!r}", flush=True)
    return 0


def cmd_purge_transcripts(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.chat.purge import purge_transcripts
    from bot.db import short_lived_database

    days = settings.privacy.transcript_retention_days
    with short_lived_database(settings.database) as sessions:
        deleted = purge_transcripts(sessions, retention_days=days)
    print(f"==> Deleted {deleted} chat transcript(s) quiet for over {days} days", flush=True)
    from datetime import timedelta

    from bot.clock import utcnow
    from bot.rasa_tracker import purge_events_before

    cutoff = utcnow() - timedelta(days=days)
    events = purge_events_before(settings.rasa.tracker_db_url, cutoff)
    print(f"==> Deleted {events} Rasa tracker event(s) older than {days} days", flush=True)
    return 0


def cmd_delete_citizen_data(args: argparse.Namespace, settings: Settings) -> int:
    """Delete one citizen's data on request; the audit log records it (without the data)."""
    from bot.db import short_lived_database
    from bot.deletion import NothingToDelete, delete_and_audit

    try:
        with short_lived_database(settings.database) as sessions:
            report = delete_and_audit(
                sessions, session_id=args.session,
                journal_number=args.journal_number, party_ref=args.party_ref,
            )
    except NothingToDelete as exc:
        print(f"ERROR: {exc}; nothing was deleted", file=sys.stderr)
        return 1
    print(f"==> Deleted {report.total} row(s): {report.summary()}", flush=True)
    from bot.rasa_tracker import delete_conversations

    events = delete_conversations(settings.rasa.tracker_db_url, report.conversations)
    print(f"==> Deleted {events} Rasa tracker event(s) of those conversations", flush=True)
    return 0


def cmd_load_demo(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.cases.demo import load_demo
    from bot.db import short_lived_database

    with short_lived_database(settings.database) as sessions:
        added = load_demo(sessions)
    print(f"==> Demo cases: {added} added (the others were already there)", flush=True)
    return 0


def cmd_import_cases(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from bot.cases.importer import ImportFailed, import_cases
    from bot.db import short_lived_database

    try:
        with short_lived_database(settings.database) as sessions:
            count = import_cases(sessions, Path(args.file))
    except ImportFailed as failure:
        for error in failure.errors:
            print(f"ERROR: {error}", file=sys.stderr)
        print(f"ERROR: {failure}", file=sys.stderr)
        return 1
    print(f"==> Imported {count} case(s) from {args.file}", flush=True)
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Chat with a running gateway in the terminal; a number chooses a button."""
    import asyncio

    return asyncio.run(_chat(args.url.rstrip("/")))


async def _chat(url: str) -> int:
    import aiohttp

    from bot.dialogue.client import ChatError, GatewayChat, render_line

    async with aiohttp.ClientSession(base_url=url) as http:
        chat = GatewayChat(http, origin=url)
        try:
            started = await chat.start()
        except (ChatError, aiohttp.ClientError) as error:
            print(f"ERROR: cannot start a chat at {url}: {error}", file=sys.stderr)
            return 1
        print(f"==> Chat {started['reference']} at {url}. Empty line or Ctrl-D ends it.")
        while True:
            try:
                typed = input("du> ").strip()
            except EOFError:
                return 0
            if not typed:
                return 0
            titles = [b["title"] for b in chat.buttons]
            if typed.isdigit() and 1 <= int(typed) <= len(titles):
                lines = await chat.press(titles[int(typed) - 1])
            else:
                lines = await chat.say(typed)
            number = 1
            for line in lines:
                print("\n".join(render_line(line, number)))
                number += len(line.buttons)


Command = Callable[[argparse.Namespace, Settings], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="borger", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("build", help="build the spaCy pipeline and generated training data")
    train = sub.add_parser("train", help="train the Rasa model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if up to date")
    sub.add_parser("init-db", help="create the database tables (embedded profile)")
    sub.add_parser("migrate", help="apply the Alembic schema migrations (production profile)")
    sub.add_parser("run", help="start actions, Rasa and the gateway (make run)")
    sub.add_parser("load-demo", help="add the demo cases (idempotent)")
    import_cases = sub.add_parser("import-cases", help="import cases from a JSON or CSV export")
    import_cases.add_argument("file", help="path to a .json or .csv file")
    sub.add_parser("validate-knowledge", help="check knowledge/ (fields, examples, links, LIX)")
    evaluate = sub.add_parser(
        "eval-knowledge", help="held-out accuracy of knowledge answers (docs/KNOWLEDGE_EVAL.md)"
    )
    evaluate.add_argument("--holdout", type=float, default=0.2, help="share held out per entry")
    evaluate.add_argument("--report", default="docs/KNOWLEDGE_EVAL.md", help="report path")
    evaluate.add_argument("--config", default=str(PROJECT_ROOT / "config.yml"),
                          help="Rasa config to evaluate (default: the project's)")
    sub.add_parser("purge-transcripts", help="delete chat transcripts past their retention")
    delete_data = sub.add_parser("delete-citizen-data",
                                 help="delete one citizen's data on request (audited)")
    which = delete_data.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", help="chat session id (the Rasa sender id)")
    which.add_argument("--journal-number", help="every conversation and request naming it")
    delete_data.add_argument("--party-ref", help="also clear this case party's phone/e-mail")
    create_user = sub.add_parser("create-user", help="create an advisor console account")
    create_user.add_argument("username")
    create_user.add_argument("--role", choices=("advisor", "supervisor"), default="advisor")
    create_user.add_argument("--name", help="display name shown to colleagues")
    chat = sub.add_parser("chat", help="chat with a running gateway as a browser does")
    chat.add_argument("--url", default="http://127.0.0.1:8000", help="the gateway's address")
    add_operations_parsers(sub)
    return parser


COMMANDS: dict[str, Command] = {
    "build": cmd_build,
    "train": cmd_train,
    "init-db": cmd_init_db,
    "migrate": cmd_migrate,
    "run": cmd_run,
    "load-demo": cmd_load_demo,
    "import-cases": cmd_import_cases,
    "purge-transcripts": cmd_purge_transcripts,
    "delete-citizen-data": cmd_delete_citizen_data,
    "validate-knowledge": cmd_validate_knowledge,
    "eval-knowledge": cmd_eval_knowledge,
    "create-user": cmd_create_user,
    "chat": cmd_chat,
    **OPERATIONS_COMMANDS,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args, load_settings())


if __name__ == "__main__":
    sys.exit(main())
