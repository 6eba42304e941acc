"""Shared-secret bearer tokens between our own processes (gateway, Rasa, action server)."""

from __future__ import annotations

import secrets

SCHEME = "Bearer "
# The runner generates 64 characters; an operator's secret must not be guessable either.
MIN_TOKEN_CHARS = 32


def bearer_header(token: str) -> dict[str, str]:
    return {"Authorization": SCHEME + token}


def is_authorised(header: str | None, token: str) -> bool:
    """Constant-time comparison of an `Authorization: Bearer <token>` header with ours."""
    if len(token) < MIN_TOKEN_CHARS or not header or not header.startswith(SCHEME):
        return False
    return secrets.compare_digest(header[len(SCHEME):].encode(), token.encode())
