"""The embedded profile's demo MitID: a local key that signs tokens for one demo citizen.

So that a newcomer can try the MitID path without a broker, `make run` (embedded profile)
creates an ES256 key in var/ on first use and trusts it for the demo issuer only. The
production profile never loads it: the demo issuer is a profile problem there and the demo
`kid` is dropped from any configured JWKS (bot/identity_keys.py).
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from bot.clock import utcnow
from bot.settings import DEMO_IDENTITY_ISSUER, Settings

DEMO_KID = "borger-demo-mitid"
DEMO_KEY_FILE = "identity_demo_key.pem"
DEMO_TOKEN_LIFETIME = timedelta(minutes=2)


def demo_private_key(var_dir: Path) -> ec.EllipticCurvePrivateKey:
    """The machine's demo key, created on first use (mode 0600, never in the repo)."""
    path = var_dir / DEMO_KEY_FILE
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        pem = ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        # O_EXCL: two processes starting at once must not write two different keys.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{path} is not an EC private key")
    return key


def demo_jwks(var_dir: Path) -> dict[str, Any]:
    """The public half of the demo key, as the demo issuer would publish it."""
    public = jwt.algorithms.ECAlgorithm.to_jwk(demo_private_key(var_dir).public_key(),
                                               as_dict=True)
    return {"keys": [{**public, "kid": DEMO_KID, "alg": "ES256", "use": "sig"}]}


def demo_person_ref() -> str:
    """The victim of the first demo login (bot/cases/demo.py), the person the button logs in."""
    from bot.cases.demo import demo_cases, demo_logins

    journal = demo_logins()[0].journal_number
    case = next(d.case for d in demo_cases() if d.case.journal_number == journal)
    return next(p.person_ref for p in case.parties
                if p.person_ref and p.role in ("victim", "complainant"))


def mint_demo_token(settings: Settings, person_ref: str, now: datetime | None = None) -> str:
    """A token as a MitID broker would issue it, signed with the demo key."""
    if settings.profile != "embedded":
        raise PermissionError("the demo MitID exists only in the embedded profile")
    now = now or utcnow()
    return jwt.encode(
        {
            "iss": DEMO_IDENTITY_ISSUER,
            "aud": settings.identity.audience,
            "sub": person_ref,
            "jti": uuid.uuid4().hex,
            "iat": int(now.timestamp()),
            "exp": int((now + DEMO_TOKEN_LIFETIME).timestamp()),
        },
        demo_private_key(settings.var_dir),
        algorithm="ES256",
        headers={"kid": DEMO_KID},
    )
