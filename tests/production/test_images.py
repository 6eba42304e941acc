"""Every image the Kubernetes manifests name is built by a Dockerfile of ours, from the pinned
constraints of the environment that its process runs in, as a non-root user, with a health
check that matches the manifest's probe. (Docker itself is not available here: these are
static checks of deploy/docker/*.Dockerfile against deploy/k8s/*.yaml.)
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import PROJECT_ROOT

K8S = PROJECT_ROOT / "deploy" / "k8s"
DOCKER = PROJECT_ROOT / "deploy" / "docker"
IMAGE = re.compile(r"^borgerraadgiveren-(?P<process>[a-z]+):(?P<version>[\w.]+)$")
# Which environment a command runs in (bot/environments.py): Rasa's side or the gateway's.
RASA_SIDE = {"rasa": ("constraints.txt", "rasa"), "bot.rasa_server": ("constraints.txt", "rasa"),
             "rasa_sdk": ("constraints.txt", "actions")}
GATEWAY_SIDE = ("constraints-gateway.txt", "gateway")


def _containers() -> list[dict[str, Any]]:
    found = []
    for path in sorted(K8S.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            spec = ((document or {}).get("spec") or {}).get("template", {}).get("spec", {})
            for container in spec.get("containers", []) + spec.get("initContainers", []):
                found.append({**container, "manifest": path.name})
    return found


def _expected_environment(command: list[str]) -> tuple[str, str]:
    program = command[2] if command[:2] == ["python", "-m"] else command[0]
    return RASA_SIDE.get(program, GATEWAY_SIDE)


def _dockerfile(image: str) -> Path:
    match = IMAGE.match(image)
    assert match, f"{image}: images are named borgerraadgiveren-<process>:<version>"
    return DOCKER / f"{match['process']}.Dockerfile"


def _instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n\s*", " ", path.read_text())
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
            for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


CONTAINERS = _containers()


def test_the_manifests_name_one_image_per_process() -> None:
    images = {c["image"] for c in CONTAINERS}
    assert images == {"borgerraadgiveren-gateway:0.1.0", "borgerraadgiveren-rasa:0.1.0",
                      "borgerraadgiveren-actions:0.1.0"}


@pytest.mark.parametrize("container", CONTAINERS, ids=lambda c: f"{c['manifest']}:{c['name']}")
def test_each_image_has_a_dockerfile_installing_its_environments_constraints(
    container: dict[str, Any],
) -> None:
    dockerfile = _dockerfile(container["image"])
    assert dockerfile.is_file(), f"{container['image']} has no {dockerfile}"
    constraints, extra = _expected_environment(container["command"])
    steps = _instructions(dockerfile)
    installs = [args for kind, args in steps if kind == "RUN" and "pip install" in args]
    assert installs, dockerfile
    for install in installs:
        words = shlex.split(install.split("&&")[0])
        assert words[words.index("-c") + 1] == constraints, (dockerfile, install)
        assert f'.[{extra}]' in words, (dockerfile, install)
    # The image's own files are copied from the build context, and its constraints with them.
    assert any(kind == "COPY" and constraints in args.split() for kind, args in steps)
    assert (PROJECT_ROOT / constraints).is_file()


@pytest.mark.parametrize("dockerfile", sorted(DOCKER.glob("*.Dockerfile")), ids=lambda p: p.name)
def test_each_image_is_slim_python_3_10_and_runs_as_a_user_that_is_not_root(
    dockerfile: Path,
) -> None:
    steps = _instructions(dockerfile)
    froms = [args.split() for kind, args in steps if kind == "FROM"]
    stages = {words[-1] for words in froms if len(words) == 3 and words[1].upper() == "AS"}
    bases = [words[0] for words in froms if words[0] not in stages]
    assert bases and all(base == "python:3.10-slim" for base in bases), bases
    users = [args for kind, args in steps if kind == "USER"]
    assert users and users[-1] not in ("root", "0"), dockerfile


@pytest.mark.parametrize("container", CONTAINERS, ids=lambda c: f"{c['manifest']}:{c['name']}")
def test_the_health_check_asks_what_the_liveness_probe_asks_and_the_pod_runs_read_only(
    container: dict[str, Any],
) -> None:
    security = container.get("securityContext", {})
    assert security.get("runAsNonRoot") is True and security.get("readOnlyRootFilesystem")
    probe = container.get("livenessProbe")
    if probe is None:  # a Job (migrations): no probe, no health check needed
        return
    steps = _instructions(_dockerfile(container["image"]))
    checks = [args for kind, args in steps if kind == "HEALTHCHECK"]
    assert len(checks) == 1
    http = probe["httpGet"]
    assert f"http://127.0.0.1:{http['port']}{http['path']}'" in checks[0], (checks[0], http)
    assert [c["containerPort"] for c in container["ports"]] == [http["port"]]
