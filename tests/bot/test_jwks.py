"""An issuer's JWKS: rotation is picked up, made-up key ids cannot make us hammer the issuer."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from bot.jwks import JwksKeys, load_jwks_url

OLD, NEW = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())


def _jwk(private: ec.EllipticCurvePrivateKey, kid: str) -> dict[str, Any]:
    public = jwt.algorithms.ECAlgorithm.to_jwk(private.public_key(), as_dict=True)
    return {**public, "kid": kid, "use": "sig"}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Issuer:
    """A JWKS the test rotates, counting how often it is read."""

    def __init__(self) -> None:
        self.keys = [_jwk(OLD, "old")]
        self.reads = 0

    def load(self) -> dict[str, Any]:
        self.reads += 1
        return {"keys": list(self.keys)}


def test_a_new_kid_is_fetched_once_and_made_up_kids_wait_for_the_minimum_interval() -> None:
    issuer, clock = Issuer(), Clock()
    keys = JwksKeys(issuer.load, min_refresh_seconds=60, max_age_seconds=3600, clock=clock)
    assert keys.key_for("old", "ES256") is not None
    assert issuer.reads == 1
    # The issuer rotates; a token with the new kid arrives a minute later.
    issuer.keys.append(_jwk(NEW, "new"))
    clock.now += 61
    assert keys.key_for("new", "ES256") is not None
    assert issuer.reads == 2
    # A hundred made-up kids within the interval: not one more read.
    for number in range(100):
        assert keys.key_for(f"made-up-{number}", "ES256") is None
    assert issuer.reads == 2
    clock.now += 61
    assert keys.key_for("made-up-again", "ES256") is None
    assert issuer.reads == 3


def test_a_withdrawn_key_stops_counting_once_the_set_is_old() -> None:
    issuer, clock = Issuer(), Clock()
    keys = JwksKeys(issuer.load, min_refresh_seconds=60, max_age_seconds=600, clock=clock)
    assert keys.key_for("old", "ES256") is not None
    issuer.keys = [_jwk(NEW, "new")]
    clock.now += 601
    assert keys.key_for("old", "ES256") is None


def test_a_failed_read_keeps_the_keys_we_have() -> None:
    issuer, clock = Issuer(), Clock()
    keys = JwksKeys(issuer.load, min_refresh_seconds=60, max_age_seconds=600, clock=clock)
    assert keys.key_for("old", "ES256") is not None

    def broken() -> dict[str, Any]:
        raise OSError("issuer down")

    keys._load = broken
    clock.now += 601
    assert keys.key_for("old", "ES256") is not None


def test_keys_for_encryption_or_of_the_wrong_algorithm_are_not_used() -> None:
    issuer = Issuer()
    issuer.keys = [{**_jwk(OLD, "enc"), "use": "enc"}, _jwk(NEW, "sig")]
    keys = JwksKeys(issuer.load)
    assert keys.key_for("enc", "ES256") is None
    assert keys.key_for("sig", "RS256") is None
    assert keys.key_for("sig", "ES256") is not None


@pytest.fixture
def jwks_server() -> Iterator[tuple[str, Issuer]]:
    issuer = Issuer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(issuer.load()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/jwks.json", issuer
    server.shutdown()
    server.server_close()


def test_a_jwks_url_is_fetched_and_rotated(jwks_server: tuple[str, Issuer]) -> None:
    url, issuer = jwks_server
    clock = Clock()
    keys = JwksKeys(load_jwks_url(url), min_refresh_seconds=60, clock=clock)
    assert keys.key_for("old", "ES256") is not None
    issuer.keys.append(_jwk(NEW, "new"))
    clock.now += 61
    assert keys.key_for("new", "ES256") is not None
    assert issuer.reads == 2


def test_a_jwks_url_must_be_https_outside_loopback() -> None:
    with pytest.raises(ValueError, match="https"):
        load_jwks_url("http://broker.example.test/jwks.json")
