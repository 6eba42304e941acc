"""The Kubernetes manifests agree with the code and the endpoints file the tests run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.production import rasa_environment
from bot.settings import PROJECT_ROOT, load_settings
from bot.webapp import init_app

pytestmark = pytest.mark.production

K8S = PROJECT_ROOT / "deploy" / "k8s"
ENDPOINTS = PROJECT_ROOT / "deploy" / "endpoints.production.yml"
SECRET_KEYS = {
    "BR_SECRET_KEY", "BR_JWT_SECRET", "BR_RASA_TOKEN", "BR_TRACKER_KEY", "BR_DATABASE_URL",
    "BR_RASA_TRACKER_DB_PASSWORD", "BR_REDIS_URL", "BR_REDIS_PASSWORD",
    "BR_IDENTITY_CLAIM_KEY", "BR_ACTION_SERVER_TOKEN",
}


def _documents() -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in sorted(K8S.glob("*.yaml")):
        docs.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    return docs


def _kind(kind: str, name: str) -> dict[str, Any]:
    return next(d for d in _documents() if d["kind"] == kind and d["metadata"]["name"] == name)


def _container(workload: dict[str, Any]) -> dict[str, Any]:
    return dict(workload["spec"]["template"]["spec"]["containers"][0])


def _endpoint_variables() -> set[str]:
    lines = [line.split("#", 1)[0] for line in ENDPOINTS.read_text().splitlines()]
    return set(re.findall(r"\$\{([A-Z0-9_]+)\}", "\n".join(lines)))


def test_no_secret_values_are_committed() -> None:
    assert all(d["kind"] != "Secret" for d in _documents())
    config = _kind("ConfigMap", "borger-config")["data"]
    assert not SECRET_KEYS & set(config)


def test_rasa_runs_two_servers_on_the_production_endpoints_file() -> None:
    rasa = _kind("StatefulSet", "rasa")
    assert rasa["spec"]["replicas"] == 2
    command = _container(rasa)["command"]
    # Rasa with the product's fix to its code (bot/rasa_server.py), as `make run` starts it.
    assert command[:4] == ["python", "-m", "bot.rasa_server", "run"]
    assert command[command.index("--endpoints") + 1] == "deploy/endpoints.production.yml"
    # The gateway is told about exactly these pods.
    urls = _kind("ConfigMap", "borger-config")["data"]["BR_RASA_URLS"].split(",")
    assert urls == [f"http://rasa-{n}.rasa:5005" for n in range(2)]


def test_every_variable_of_the_endpoints_file_is_provided_to_rasa() -> None:
    provided = set(_kind("ConfigMap", "borger-config")["data"]) | SECRET_KEYS
    assert _endpoint_variables() <= provided


def test_the_runner_derives_every_variable_of_the_endpoints_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BR_DATABASE_URL", "postgresql://borger:pw@db:5433/borger")
    monkeypatch.setenv("BR_REDIS_URL", "redis://:secret@redis:6380/2")
    env = rasa_environment(load_settings())
    assert _endpoint_variables() <= set(env)
    assert (env["BR_RASA_TRACKER_DB_HOST"], env["BR_RASA_TRACKER_DB_PORT"]) == ("db", "5433")
    assert (env["BR_REDIS_PORT"], env["BR_REDIS_LOCK_DB"], env["BR_REDIS_PASSWORD"]) == (
        "6380", "2", "secret")


def test_gateway_probes_point_at_its_health_routes() -> None:
    gateway = _container(_kind("Deployment", "gateway"))
    paths = {route.resource.canonical for route in init_app(load_settings()).router.routes()
             if route.resource is not None}
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/health"
    assert gateway["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert {"/health", "/health/live"} <= paths


def test_manifests_are_small() -> None:
    # Reviewable in one sitting: about 250 lines of workloads plus the NetworkPolicies (issue #15).
    assert sum(len(p.read_text().splitlines()) for p in Path(K8S).glob("*.yaml")) < 360
