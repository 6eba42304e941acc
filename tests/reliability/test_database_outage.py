"""The database is unreachable for a while: clear errors, retries, and no half-written records.

The SQLite file's directory is moved away (every new connection then fails with "unable to
open database file", as a stopped database server would) and brought back. The gateway
retries each unit of work for about four seconds; a unit is one transaction, so a retry
never writes twice and a failure writes nothing.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiohttp import WSMsgType
from sqlalchemy import create_engine, text

from bot.chat import texts
from bot.web.database import RETRY_DELAYS
from tests.gateway.conftest import ORIGIN, FakeRasa, MakeClient, history, post_text, start_chat


@contextmanager
def database_away(var_dir: Path) -> Iterator[None]:
    away = var_dir.with_name(var_dir.name + "-away")
    var_dir.rename(away)
    try:
        yield
    finally:
        away.rename(var_dir)


def _rows(var_dir: Path) -> list[tuple[int, str, str, str | None]]:
    engine = create_engine(f"sqlite:///{var_dir / 'test.db'}", future=True)
    try:
        with engine.connect() as connection:
            return [tuple(r) for r in connection.execute(text(
                "SELECT seq, sender, text, forward_state FROM chat_messages ORDER BY id"))]
    finally:
        engine.dispose()


async def test_a_short_outage_is_ridden_out_by_retries(
    make_client: MakeClient, isolated_environment: Path
) -> None:
    client = await make_client()
    await start_chat(client)
    with database_away(isolated_environment):
        sending = asyncio.ensure_future(post_text(client, "short-out-01", "hej"))
        await asyncio.sleep(1.0)
    response = await sending
    assert response.status == 200, await response.text()
    lines = await history(client)
    assert [(m["seq"], m["sender"]) for m in lines] == [(1, "citizen"), (2, "bot")]


async def test_a_long_outage_gives_a_clear_danish_error_and_writes_nothing(
    make_client: MakeClient, isolated_environment: Path
) -> None:
    client = await make_client()
    await start_chat(client)
    await post_text(client, "long-out-001", "hej")
    before = _rows(isolated_environment)
    socket = await client.ws_connect("/api/ws", headers={"Origin": ORIGIN})
    await socket.send_json({"type": "hello", "after": 100})
    assert (await socket.receive_json(timeout=5))["type"] == "history"
    with database_away(isolated_environment):
        started = time.monotonic()
        response = await post_text(client, "long-out-002", "er I der?")
        waited = time.monotonic() - started
        assert response.status == 503
        assert await response.json() == {"error": "unavailable",
                                          "message": texts.SERVICE_UNAVAILABLE}
        assert sum(RETRY_DELAYS) <= waited < sum(RETRY_DELAYS) + 5
        health = await client.get("/health")
        assert health.status == 503
        assert (await health.json())["checks"]["database"] is False
        # Over the WebSocket, the same message comes back as refused, never as silence.
        await socket.send_json({"type": "message", "client_id": "long-out-003", "text": "hallo"})
        frame = await socket.receive(timeout=15)
        assert frame.type == WSMsgType.TEXT
        assert frame.json() == {"type": "rejected", "client_id": "long-out-003",
                                "error": "unavailable", "message": texts.SERVICE_UNAVAILABLE}
    assert _rows(isolated_environment) == before
    # Back: the widget's resend goes through, once.
    again = await post_text(client, "long-out-002", "er I der?")
    assert again.status == 200 and (await again.json())["duplicate"] is False
    await socket.close()


async def test_an_outage_mid_turn_leaves_the_message_pending_and_the_resend_answers_it(
    make_client: MakeClient, fake_rasa: FakeRasa, isolated_environment: Path
) -> None:
    client = await make_client({"BR_RASA_TIMEOUT_SECONDS": "10"})
    await start_chat(client)
    fake_rasa.delay = 1.0
    sending = asyncio.ensure_future(post_text(client, "mid-turn-001", "hvad er en anmeldelse"))
    deadline = time.monotonic() + 5
    while not any(r[2] == "hvad er en anmeldelse" for r in _rows(isolated_environment)):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    with database_away(isolated_environment):
        response = await sending  # Rasa answered, but the answer could not be stored
        assert response.status == 503
    assert _rows(isolated_environment) == [(1, "citizen", "hvad er en anmeldelse", "pending")]
    fake_rasa.delay = 0
    resent = await post_text(client, "mid-turn-001", "hvad er en anmeldelse")
    assert (await resent.json())["duplicate"] is True
    rows = _rows(isolated_environment)
    assert [(r[0], r[1], r[3]) for r in rows] == [(1, "citizen", "done"), (2, "bot", None)]
    assert [r["message"] for r in fake_rasa.received] == ["hvad er en anmeldelse"] * 2
