"""The two virtual environments and which process runs in which.

Rasa 3.6 pins aiohttp < 3.10, so Rasa and the action server run in `.venv` with Rasa's pins,
and the internet-facing gateway (with the console) runs in `.venv-gateway` with the current
aiohttp (SECURITY.md "Library versions"). The Makefile creates both under these names.
"""

from __future__ import annotations

from pathlib import Path

from bot.settings import PROJECT_ROOT

RASA_ENVIRONMENT = PROJECT_ROOT / ".venv"
GATEWAY_ENVIRONMENT = PROJECT_ROOT / ".venv-gateway"


def rasa_executable(name: str) -> Path:
    """`python`, `rasa`, ... of the Rasa environment."""
    return RASA_ENVIRONMENT / "bin" / name


def rasa_server_command() -> list[str]:
    """`rasa run`, as the product starts it: with its fix to Rasa's code (bot/rasa_server.py)."""
    return [str(rasa_executable("python")), "-m", "bot.rasa_server", "run"]


def gateway_python() -> Path:
    return GATEWAY_ENVIRONMENT / "bin" / "python"


def missing_environments() -> list[str]:
    """Operator messages for environments that are not installed (empty when both are)."""
    problems = []
    for path, name in ((rasa_executable("rasa"), "Rasa"), (gateway_python(), "gateway")):
        if not path.exists():
            problems.append(f"the {name} environment is missing ({path}); run `make install`")
    return problems
