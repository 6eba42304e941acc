"""The gateway's logger, masked at the source, and the one way to log an unexpected error.

Tracebacks carry exception messages, which may quote citizen text; they are formatted and
masked into the log message itself, because the masking filter only sees the message.
"""

from __future__ import annotations

import logging
import traceback

from bot.masking import MaskingFilter, mask_personal_data

log = logging.getLogger("bot.gateway")
if not any(isinstance(f, MaskingFilter) for f in log.filters):
    log.addFilter(MaskingFilter())


def log_unexpected(exc: BaseException, where: str) -> None:
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("Unexpected error in %s: %s", where, mask_personal_data(details))
