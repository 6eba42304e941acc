"""Port conflicts, found before anything starts: which port, for what, and who holds it.

Without this check a second `make run` printed the banner and then died, because each server
found its port taken only after the others had started.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from bot.runner.procfs import listeners
from bot.settings import Settings


@dataclass(frozen=True)
class PortUse:
    """One port a service of `make run` will listen on, and the setting that chose it."""

    service: str
    host: str
    port: int
    setting: str


def planned_ports(settings: Settings) -> list[PortUse]:
    uses = [PortUse("gateway", settings.gateway.host, settings.gateway.port,
                    "BR_GATEWAY_PORT")]
    for number, url in enumerate(settings.rasa.urls):
        name = "rasa" if number == 0 else f"rasa-{number}"
        setting = "BR_RASA_URLS" if len(settings.rasa.urls) > 1 else "BR_RASA_URL"
        uses.append(PortUse(name, "127.0.0.1", _port_of(url), setting))
    uses.append(PortUse("actions", "127.0.0.1", _port_of(settings.rasa.action_server_url),
                        "BR_ACTION_SERVER_URL"))
    return uses


def _port_of(url: str) -> int:
    parts = urlsplit(url)
    return parts.port or (443 if parts.scheme == "https" else 80)


def port_is_free(host: str, port: int) -> bool:
    """Could a server bind here now? (SO_REUSEADDR as servers set it, so TIME_WAIT is fine.)"""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def holder_description(port: int) -> str:
    holders = listeners(port)
    if not holders:
        return "a process this user cannot inspect (another user's, or another namespace)"
    return ", ".join(holder.describe() for holder in holders)


def port_conflicts(uses: list[PortUse]) -> list[str]:
    """One operator message per problem; empty when every port is free and distinct."""
    problems: list[str] = []
    seen: dict[int, PortUse] = {}
    for use in uses:
        earlier = seen.get(use.port)
        if earlier is not None:
            problems.append(f"port {use.port} is configured for both {earlier.service} "
                            f"({earlier.setting}) and {use.service} ({use.setting})")
            continue
        seen[use.port] = use
        if not port_is_free(use.host, use.port):
            problems.append(
                f"port {use.port} ({use.service}) is already in use by "
                f"{holder_description(use.port)}. Stop that process, or choose another "
                f"port with {use.setting}."
            )
    return problems
