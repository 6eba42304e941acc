"""Slow, salted hashes of secrets (advisor passwords, receipt codes): `scrypt$n$r$p$salt$hash`.

The cost parameters travel with each hash, so they can grow without invalidating old hashes.
n=2**14, r=8, p=1 uses 16 MiB and about 50 ms per check on one core: cheap for one login,
expensive for guessing.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Sequence
from functools import lru_cache

SCHEME = "scrypt"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
DIGEST_BYTES = 32
SALT_BYTES = 16


def _scrypt(secret: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    return hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=length)


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """A new hash with a random salt (pass `salt` only to reproduce a known hash in tests)."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(secret, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, DIGEST_BYTES)
    encode = base64.b64encode
    return (
        f"{SCHEME}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}$"
        f"{encode(salt).decode('ascii')}${encode(digest).decode('ascii')}"
    )


def is_hash(text: str) -> bool:
    """True for a value in our format (e.g. from an export), whatever secret it hashes."""
    scheme, *fields = text.split("$")
    return scheme == SCHEME and len(fields) == 5 and all(fields)


def secret_matches(secret: str, stored: str) -> bool:
    """Constant-time check that always runs a full scrypt, even for a malformed `stored`.

    So a wrong secret, an unknown account and a broken hash all take the same time.
    """
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
        params = (int(n), int(r), int(p))
    except ValueError:
        scheme, salt, expected, params = "", b"", b"", (SCRYPT_N, SCRYPT_R, SCRYPT_P)
    try:
        candidate = _scrypt(secret, salt, *params, max(len(expected), 1))
    except ValueError:  # parameters hashlib refuses, e.g. n not a power of two
        return False
    return scheme == SCHEME and bool(expected) and hmac.compare_digest(candidate, expected)


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """Checked when there is nothing to check against, so "unknown" costs as long as "wrong"."""
    return hash_secret(secrets.token_urlsafe(16))


async def check_hashes_padded(
    check: Callable[[str], bool], stored: Sequence[str], *, as_long_as: int
) -> list[bool]:
    """`check` on every stored hash, taking as long as `as_long_as` hashes would.

    The time of an answer must not tell how many hashes there were (whether a case exists, how
    many parties it has). Computing dummy hashes to fill up cost every other caller CPU, and on
    the event loop it stalled them all; so the real hashes run in a worker thread (scrypt
    releases the GIL), at least one of them, and the rest of the time is a pause as long as
    the missing hashes would have taken at this moment's speed.
    """
    def check_all() -> tuple[list[bool], float]:
        # The dummy is made here, once per process: on the event loop its hash stalled every
        # other chat; and its making is not a check, so it is not multiplied into the pause.
        hashes = list(stored) or [dummy_hash()]
        # Timed in the thread: a wait for a free thread must not be multiplied into the pause,
        # or a busy server would make one hash plus its pause longer than three hashes plus one.
        started = time.monotonic()
        results = [check(value) for value in hashes]
        return results, time.monotonic() - started

    results, spent = await asyncio.to_thread(check_all)
    missing = as_long_as - len(results)
    if missing > 0:
        await asyncio.sleep(spent / len(results) * missing)
    return results[: len(stored)]
