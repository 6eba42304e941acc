"""/health reports whether Rasa, the action server and the database answer."""

from __future__ import annotations

import socket

from tests.gateway.conftest import MakeClient


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


async def test_health_is_ok_when_rasa_actions_and_database_answer(make_client: MakeClient) -> None:
    client = await make_client()
    response = await client.get("/health")
    assert response.status == 200
    assert await response.json() == {
        "status": "ok",
        "checks": {"rasa": True, "action_server": True, "database": True},
    }
    assert (await client.get("/health/live")).status == 200


async def test_health_names_the_action_server_when_it_is_down(make_client: MakeClient) -> None:
    client = await make_client({"BR_ACTION_SERVER_URL": _closed_port_url()})
    response = await client.get("/health")
    assert response.status == 503
    body = await response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {"rasa": True, "action_server": False, "database": True}
