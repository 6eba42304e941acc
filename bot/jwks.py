"""An issuer's public signing keys (a JWKS), from a file or a URL, cached and rotated.

Brokers rotate keys by publishing the new one under a new `kid` before they sign with it. So a
token with a `kid` we do not know makes us read the JWKS again, but no more often than
`min_refresh_seconds`: a stream of made-up `kid`s must not turn us into a load generator
against the issuer. The set is also re-read when older than `max_age_seconds`, so a withdrawn
key stops counting. If a re-read fails, the keys we have stay in use and the error is logged.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import jwt

log = logging.getLogger(__name__)

JwksLoader = Callable[[], dict[str, Any]]
FETCH_TIMEOUT_SECONDS = 5
MAX_JWKS_BYTES = 256 * 1024


def load_jwks_file(path: Path) -> JwksLoader:
    def load() -> dict[str, Any]:
        return dict(json.loads(path.read_text(encoding="utf-8")))

    return load


def load_jwks_url(url: str) -> JwksLoader:
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ValueError("BR_IDENTITY_JWKS_URL must be https:// (plain http on loopback only)")

    def load() -> dict[str, Any]:
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            url, headers={"Accept": "application/json"}
        )
        with urllib.request.urlopen(  # noqa: S310 (scheme checked above)
            request, timeout=FETCH_TIMEOUT_SECONDS
        ) as response:
            return dict(json.loads(response.read(MAX_JWKS_BYTES)))

    return load


def _signing_keys(jwks: dict[str, Any], exclude_kids: Iterable[str]) -> list[jwt.PyJWK]:
    excluded = set(exclude_kids)
    keys: list[jwt.PyJWK] = []
    for data in jwks.get("keys") or []:
        if not isinstance(data, dict) or data.get("use", "sig") != "sig":
            continue
        if data.get("kid") in excluded:
            continue
        try:
            keys.append(jwt.PyJWK(data))
        except jwt.PyJWTError as exc:
            log.warning("JWKS key %r skipped: %s", data.get("kid"), type(exc).__name__)
    return keys


class JwksKeys:
    """The `KeySource` of one issuer (bot.identity.KeySource). Safe to share between threads."""

    def __init__(
        self,
        load: JwksLoader,
        *,
        min_refresh_seconds: float = 60,
        max_age_seconds: float = 3600,
        exclude_kids: Iterable[str] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self._min_refresh = min_refresh_seconds
        self._max_age = max_age_seconds
        self._exclude = tuple(exclude_kids)
        self._clock = clock
        self._lock = threading.Lock()
        self._keys: list[jwt.PyJWK] = []
        self._loaded_at: float | None = None
        self.fetches = 0

    def _refresh(self) -> None:
        self._loaded_at = self._clock()
        self.fetches += 1
        try:
            self._keys = _signing_keys(self._load(), self._exclude)
        except (OSError, ValueError) as exc:
            log.error("Could not read the identity issuer's JWKS: %s", type(exc).__name__)

    def _find(self, kid: str | None, algorithm: str) -> jwt.PyJWK | None:
        matching = [k for k in self._keys if k.algorithm_name == algorithm]
        if kid is None:
            # Without a `kid` only an unambiguous set will do.
            return matching[0] if len(matching) == 1 else None
        return next((k for k in matching if k.key_id == kid), None)

    def key_for(self, kid: str | None, algorithm: str) -> jwt.PyJWK | None:
        with self._lock:
            now = self._clock()
            if self._loaded_at is None or now - self._loaded_at >= self._max_age:
                self._refresh()
            key = self._find(kid, algorithm)
            if key is None and self._loaded_at is not None and (
                self._clock() - self._loaded_at >= self._min_refresh
            ):
                self._refresh()
                key = self._find(kid, algorithm)
            return key
