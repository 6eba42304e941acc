"""`borger` command line: build, train, run and operate the product.

Operator messages are in English; every command exits non-zero with a clear line on bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bot.settings import Settings, load_settings


def cmd_build(_args: argparse.Namespace, _settings: Settings) -> int:
    from bot.build import build_spacy_pipeline

    print("==> Building the Danish spaCy pipeline (blank 'da' + lookup lemmatizer)", flush=True)
    print("    built" if build_spacy_pipeline() else "    up to date", flush=True)
    return 0


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


def _banner(settings: Settings) -> str:
    port = settings.gateway.port
    lines = [
        "",
        "Borgerrådgiveren is running.",
        f"  Citizen chat (demo page): http://127.0.0.1:{port}/",
        f"  Rasa REST channel:        {settings.rasa.url}/webhooks/rest/webhook",
        f"  Health:                   http://127.0.0.1:{port}/health",
        "  Logs:                     var/logs/",
        "Press Ctrl-C to stop everything.",
    ]
    return "\n".join(lines)


def cmd_run(_args: argparse.Namespace, settings: Settings) -> int:
    from bot.build import latest_model
    from bot.runner import run_all

    model = latest_model()
    if model is None:
        print("ERROR: no trained model for the current data; run 'make train' first.", file=sys.stderr)
        return 1
    cmd_init_db(_args, settings)
    return run_all(settings, model, lambda: _banner(settings))


Command = Callable[[argparse.Namespace, Settings], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="borger", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("build", help="build the spaCy pipeline and generated training data")
    train = sub.add_parser("train", help="train the Rasa model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if up to date")
    sub.add_parser("init-db", help="create the database tables (embedded profile)")
    sub.add_parser("run", help="start actions, Rasa and the gateway (make run)")
    return parser


COMMANDS: dict[str, Command] = {
    "build": cmd_build,
    "train": cmd_train,
    "init-db": cmd_init_db,
    "run": cmd_run,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return COMMANDS[args.command](args, load_settings())


if __name__ == "__main__":
    sys.exit(main())
