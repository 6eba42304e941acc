"""Run the gateway: `python -m bot.gateway`."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.gateway.app import init_app
from bot.masking import install_log_masking
from bot.settings import load_settings


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    install_log_masking()
    settings = load_settings()
    web.run_app(init_app(settings), host=settings.gateway.host, port=settings.gateway.port)


if __name__ == "__main__":
    main()
