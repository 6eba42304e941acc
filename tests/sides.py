"""Which virtual environment runs a test: the Rasa side or the gateway side.

The gateway and the console run in their own environment (`.venv-gateway`, current aiohttp)
and import nothing from Rasa; Rasa, the action server and the build run in `.venv`. A test
belongs to the Rasa side when running it imports rasa, rasa_sdk, tensorflow or spacy:
directly anywhere in the test file (also inside a test function), or at import time of a
project module it imports (transitively) or of a conftest above it. Everything else is
gateway side. Tests that start Rasa as a process stay on the gateway side: the process runs
with the Rasa environment's own interpreter (`bot.environments`).
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from pathlib import Path

from bot.settings import PROJECT_ROOT

RASA_SIDE_PACKAGES = frozenset({"rasa", "rasa_sdk", "tensorflow", "spacy"})
PROJECT_PACKAGES = frozenset({"bot", "actions", "tests", "bench"})
# Rasa side although no import says so at the top: the knowledge base is build tooling
# (`make build` runs in .venv, with the knowledge tools' own dependencies).
RASA_SIDE_DIRECTORIES = ("tests/knowledge",)


def running_side() -> str:
    """The side this interpreter can run: "rasa" where Rasa is installed, else "gateway"."""
    return "rasa" if importlib.util.find_spec("rasa") is not None else "gateway"


def _imported_modules(path: Path, *, module_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    nodes = tree.body if module_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            # `from bot.chat import texts` imports the module bot.chat.texts too.
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _module_file(name: str) -> Path | None:
    base = PROJECT_ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports_of_module(name: str) -> frozenset[str]:
    """What importing this project module runs: its parent packages' and its own top level."""
    parts = name.split(".")
    names: set[str] = set()
    for depth in range(1, len(parts) + 1):
        path = _module_file(".".join(parts[:depth]))
        if path is not None:
            names |= _imported_modules(path, module_level_only=True)
    return frozenset(names)


@functools.cache
def _module_needs_rasa(name: str) -> bool:
    """Importing this project module pulls in a Rasa-side package, through any chain."""
    seen, pending = {name}, [name]
    while pending:
        for imported in _imports_of_module(pending.pop()):
            root = imported.split(".")[0]
            if root in RASA_SIDE_PACKAGES:
                return True
            if root in PROJECT_PACKAGES and imported not in seen and _module_file(imported):
                seen.add(imported)
                pending.append(imported)
    return False


def _file_needs_rasa(path: Path, *, module_level_only: bool) -> bool:
    for name in _imported_modules(path, module_level_only=module_level_only):
        root = name.split(".")[0]
        if root in RASA_SIDE_PACKAGES:
            return True
        if root in PROJECT_PACKAGES and _module_file(name) and _module_needs_rasa(name):
            return True
    return False


def side_of_test_file(path: Path) -> str:
    """"rasa" or "gateway" for one test file (see the module docstring for the rule)."""
    path = path.resolve()
    if any(path.is_relative_to(PROJECT_ROOT / d) for d in RASA_SIDE_DIRECTORIES):
        return "rasa"
    if _file_needs_rasa(path, module_level_only=False):
        return "rasa"
    for parent in path.parents:
        conftest = parent / "conftest.py"
        if conftest.is_file() and _file_needs_rasa(conftest, module_level_only=True):
            return "rasa"
        if parent == PROJECT_ROOT:
            break
    return "gateway"
