"""Two gateway replicas, two real Rasa servers, PostgreSQL and Redis: one conversation crosses
replicas and servers with nothing lost and nothing duplicated.

The Rasa servers and the action server are real processes started by the runner exactly as
`BR_PROFILE=production make run` starts them (deploy/endpoints.production.yml: encrypted SQL
tracker store on PostgreSQL, Redis lock store). The two gateways are two apps built by
`init_app` in this process, each on its own port, linked only through Redis.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy import select, text

from bench.citizen import ChatSocket, Citizen
from bot.build import latest_model
from bot.chat.rasa_client import rendezvous_order
from bot.db import make_engine, make_session_factory, session_scope
from bot.gateway.conversation import deliver_to_citizen
from bot.gateway.cookies import unsign_session_id
from bot.gateway.state import HUB
from bot.migrate import upgrade_to_head
from bot.models.chat import SENDER_ADVISOR, SENDER_CITIZEN, ChatMessage
from bot.runner import Service, build_services, service_environment, start, stop, wait_healthy
from bot.settings import DatabaseSettings, Settings, load_settings
from bot.webapp import init_app
from tests.conftest import MODEL_REQUIRED
from tests.production.conftest import (
    free_port,
    redis_with_own_prefix,
    temporary_database,
)

pytestmark = [pytest.mark.production, pytest.mark.model]

ORIGIN = "http://chat.test"
# A realistic conversation; the third and sixth lines only make sense after the one before.
CONVERSATION = [
    "hej",
    "hvad betyder det at min sag er henlagt",
    "hvor har du det fra?",
    "hvordan anmelder jeg et indbrud fra i går",
    "hvornår er fristen for erstatning fra staten",
    "fortæl mig mere",
]


@dataclass
class Cluster:
    env: dict[str, str]
    settings: Settings
    rasa: dict[str, Service]
    log_dir: Path

    def logs(self) -> str:
        tails = []
        for log in sorted(self.log_dir.glob("*.log")):
            tails.append(f"--- {log.name}\n" + "\n".join(log.read_text().splitlines()[-15:]))
        return "\n".join(tails)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    model = latest_model()
    if model is None:
        pytest.fail(MODEL_REQUIRED)
    var_dir = tmp_path_factory.mktemp("cluster")
    with temporary_database() as database_url, redis_with_own_prefix() as redis:
        upgrade_to_head(DatabaseSettings(url=database_url))
        rasa_urls = [f"http://127.0.0.1:{free_port()}" for _ in range(2)]
        overrides = {
            "BR_PROFILE": "production",
            "BR_VAR_DIR": str(var_dir),
            "BR_DATABASE_URL": database_url,
            "BR_REDIS_URL": redis.url,
            "BR_REDIS_PREFIX": redis.prefix,
            "BR_RASA_URLS": ",".join(rasa_urls),
            "BR_ACTION_SERVER_URL": f"http://127.0.0.1:{free_port()}",
            "BR_ALLOWED_ORIGINS": ORIGIN,
            "BR_RASA_TIMEOUT_SECONDS": "30",
            "BR_SECRET_KEY": "replica-test-secret",
            "BR_TRACKER_KEY": "replica-test-tracker-key",
            # One value for the Rasa servers and the in-process gateways (REST channel token).
            "BR_RASA_TOKEN": "replica-test-rasa-token-0123456789abcdef",
        }
        with pytest.MonkeyPatch.context() as patch:
            for name, value in overrides.items():
                patch.setenv(name, value)
            settings = load_settings()
            env = service_environment(settings)
        services = [s for s in build_services(settings, model, env) if s.name != "gateway"]
        log_dir = var_dir / "logs"
        cluster = Cluster(overrides, settings, {s.health_url.rstrip("/"): s for s in services
                                                 if s.name.startswith("rasa")}, log_dir)
        try:
            start(services, log_dir)
            try:
                wait_healthy(services, 150, log_dir)
            except RuntimeError as exc:
                pytest.fail(f"{exc}\n{cluster.logs()}")
            yield cluster
        finally:
            stop(services)


@pytest.fixture
async def replicas(
    cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[list[tuple[str, web.Application]]]:
    """Gateway replicas A and B: (base URL, app)."""
    for name, value in cluster.env.items():
        monkeypatch.setenv(name, value)
    runners, started = [], []
    for _ in range(2):
        app = init_app(load_settings())
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        runners.append(runner)
        started.append((f"http://127.0.0.1:{port}", app))
    yield started
    for runner in runners:
        await runner.cleanup()


def _session_id(citizen: Citizen, cluster: Cluster) -> str:
    session_id = unsign_session_id(cluster.env["BR_SECRET_KEY"], citizen.cookie())
    assert session_id is not None
    return session_id


def _transcript(cluster: Cluster, session_id: str) -> list[tuple[int, str, str]]:
    engine = make_engine(cluster.settings.database)
    try:
        with session_scope(make_session_factory(engine)) as session:
            rows = session.execute(
                select(ChatMessage.seq, ChatMessage.sender, ChatMessage.text)
                .where(ChatMessage.session_id == session_id)
                .order_by(ChatMessage.seq)
            ).all()
            return [(int(seq), str(sender), str(line)) for seq, sender, line in rows]
    finally:
        engine.dispose()


def _tracker_user_events(cluster: Cluster, session_id: str) -> int:
    engine = make_engine(cluster.settings.database)
    try:
        with engine.connect() as connection:
            return int(connection.execute(
                text("SELECT count(*) FROM events WHERE sender_id = :sender "
                     "AND type_name = 'user'"), {"sender": session_id},
            ).scalar_one())
    finally:
        engine.dispose()


def _seqs(socket: ChatSocket) -> list[int]:
    return [int(m["seq"]) for m in socket.messages()]


async def test_a_conversation_alternating_replicas_is_stored_and_delivered_exactly_once(
    cluster: Cluster, replicas: list[tuple[str, web.Application]]
) -> None:
    (url_a, app_a), (url_b, _app_b) = replicas
    citizen = Citizen(ORIGIN)
    try:
        await citizen.start(url_a)
        session_id = _session_id(citizen, cluster)
        on_a, on_b = await citizen.connect(url_a), await citizen.connect(url_b)
        sent = []
        for number, line in enumerate(CONVERSATION):
            via = on_a if number % 2 == 0 else on_b
            turn = await citizen.say(via, line)
            assert turn.reply["sender"] == "bot", (line, turn.reply, cluster.logs())
            sent.append(line)

        # An advisor writes on replica A; the citizen's socket on replica B shows it.
        advisor_text = "Hej, jeg hedder Ida og er borgerrådgiver."
        await deliver_to_citizen(app_a, session_id, sender=SENDER_ADVISOR, text=advisor_text)
        seen_on_b = await on_b.wait_for(lambda f: f.get("text") == advisor_text, 5)
        assert seen_on_b["sender"] == SENDER_ADVISOR

        transcript = _transcript(cluster, session_id)
        # Every line once, numbered 1..n without gaps, citizen lines in the order sent.
        assert [seq for seq, _, _ in transcript] == list(range(1, len(transcript) + 1))
        assert [t for _, s, t in transcript if s == SENDER_CITIZEN] == sent
        assert transcript[-1][1:] == (SENDER_ADVISOR, advisor_text)
        # Both sockets saw the whole conversation live, each line exactly once. A line made on
        # the other replica comes through Redis and may arrive after a later line made here
        # (the reply from B, then the acknowledgement of the next message on A): the widget
        # places lines by their number (bot/static/widget-messages.js), so that is the order
        # the citizen sees.
        for socket in (on_a, on_b):
            for number, _, _ in transcript:
                await socket.wait_for(lambda f, n=number: f.get("type") == "message"
                                      and f.get("seq") == n, 5)
            seqs = _seqs(socket)
            assert len(seqs) == len(set(seqs))
            assert sorted(seqs) == [seq for seq, _, _ in transcript]
        # Rasa's shared tracker got each citizen message once, whichever replica sent it.
        assert _tracker_user_events(cluster, session_id) == len(sent)
        # A reconnect to the other replica resumes from the last line it saw, losing nothing.
        await on_b.close()
        resumed = await citizen.connect(url_b, after=transcript[2][0])
        assert _seqs(resumed) == [seq for seq, _, _ in transcript[3:]]
        await resumed.close()
        await on_a.close()
    finally:
        await citizen.close()


async def test_a_conversation_moves_to_the_other_rasa_server_when_its_own_stops(
    cluster: Cluster, replicas: list[tuple[str, web.Application]]
) -> None:
    (url_a, app_a), (url_b, _app_b) = replicas
    citizen = Citizen(ORIGIN)
    try:
        await citizen.start(url_b)
        session_id = _session_id(citizen, cluster)
        socket = await citizen.connect(url_a)
        await citizen.say(socket, CONVERSATION[1])

        home = rendezvous_order(cluster.settings.rasa.urls, session_id)[0]
        stop([cluster.rasa[home]])
        # The same conversation continues on the other server from the shared tracker.
        follow_up = await citizen.say(socket, CONVERSATION[2])
        assert follow_up.reply["sender"] == "bot", (follow_up.reply, cluster.logs())
        assert _tracker_user_events(cluster, session_id) == 2
        assert app_a[HUB].connected(session_id) == 1
        await socket.close()
    finally:
        await citizen.close()

