"""What the console application holds, as typed keys: its settings, templates, the advisors'
live board and the citizen channel; and the advisor a request was made by. The database and
HTTP client it shares with the gateway are keyed in `bot.web`."""

from __future__ import annotations

import jinja2
from aiohttp import web

from bot.console.auth import Advisor
from bot.console.live import LiveBoard
from bot.handover.channel import CitizenChannel
from bot.settings import Settings

SETTINGS = web.AppKey("console_settings", Settings)
CHANNEL = web.AppKey("console_channel", CitizenChannel)  # type: ignore[type-abstract]
LIVE = web.AppKey("console_live", LiveBoard)
TEMPLATES = web.AppKey("console_templates", jinja2.Environment)
ADVISOR_KEY = "console_advisor"


def advisor_of(request: web.Request) -> Advisor:
    advisor: Advisor = request[ADVISOR_KEY]
    return advisor
