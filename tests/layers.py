"""The import rules of docs/ARCHITECTURE.md ("Layers"), checked by reading the source.

An AST scan, not an import: every `import` statement counts, also those inside a function
(they run sooner or later). `check_layers` finds imports against the layer table;
`check_rasa_free` follows the imports of the web server's modules through `bot` and finds any
that reaches Rasa, TensorFlow or spaCy, which the public server's environment will not have.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

FOUNDATION = frozenset({
    "bot.settings", "bot.clock", "bot.formats", "bot.hashing", "bot.masking",
    "bot.calendar_dk", "bot.db", "bot.ports", "bot.environments",
})
RASA_PLUGINS = frozenset({
    "bot.nlu", "bot.rasa_stores", "bot.rasa_tracker", "bot.rasa_validate", "bot.build",
    "bot.production", "bot.rasa_channel", "bot.rasa_history", "bot.rasa_server",
})
ENTRY_POINTS = frozenset({"bot.cli", "bot.runner", "bot.operations"})
COMPOSITION_ROOT = "bot.webapp"
WEB_SERVER = ("bot.gateway", "bot.console", COMPOSITION_ROOT)
NOT_IN_WEB_SERVER = frozenset({"rasa", "rasa_sdk", "tensorflow", "spacy"})

# The first match wins: "bot" last among ours, so every other package of bot is domain.
_LAYER_OF_PACKAGE: tuple[tuple[Iterable[str], str], ...] = (
    (FOUNDATION, "foundation"),
    (("bot.models",), "models"),
    (RASA_PLUGINS, "rasa plugin"),
    (("bot.gateway",), "gateway"),
    (("bot.console",), "console"),
    ((COMPOSITION_ROOT,), "composition root"),
    (ENTRY_POINTS, "entry point"),
    (("bot",), "domain"),
    (("actions",), "actions"),
    (("bench",), "bench"),
)
_BOT_LAYERS = frozenset({
    "foundation", "models", "domain", "rasa plugin", "gateway", "console", "composition root",
    "entry point",
})
# Which layers each layer may import (docs/ARCHITECTURE.md, "Layers").
MAY_IMPORT: Mapping[str, frozenset[str]] = {
    "foundation": frozenset({"foundation"}),
    "models": frozenset({"foundation", "models"}),
    "domain": frozenset({"foundation", "models", "domain"}),
    "rasa plugin": frozenset({"foundation", "models", "domain", "rasa plugin"}),
    "gateway": frozenset({"foundation", "models", "domain", "gateway"}),
    "console": frozenset({"foundation", "models", "domain", "console"}),
    "composition root": frozenset({"foundation", "models", "domain", "gateway", "console",
                                   "composition root"}),
    "entry point": _BOT_LAYERS,
    "actions": frozenset({"foundation", "models", "domain", "actions"}),
    "bench": _BOT_LAYERS | {"bench"},
}


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    where: str  # "path:line"


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_of(module: str) -> str:
    """The layer of a module of ours; "external" for the standard library and third parties."""
    if module == "bot":
        return "foundation"  # the package's __init__, which imports nothing
    for packages, layer in _LAYER_OF_PACKAGE:
        if any(_within(module, package) for package in packages):
            return layer
    return "external"


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a `from ... import` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def scan(root: Path, packages: Iterable[str] = ("bot", "actions", "bench")) -> list[Import]:
    """Every import in the packages' modules under `root`."""
    files = {module_name(root, p): p for package in packages
             for p in sorted((root / package).rglob("*.py"))}
    imports: list[Import] = []
    for module, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            where = f"{path.relative_to(root)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Import):
                imports.extend(Import(module, alias.name, where) for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                source = _resolve(module, path.name == "__init__.py", node)
                for alias in node.names:
                    # `from bot.handover import queue` imports the module bot.handover.queue.
                    submodule = f"{source}.{alias.name}"
                    imports.append(Import(module, submodule if submodule in files else source,
                                          where))
    return imports


def check_layers(imports: Iterable[Import],
                 exceptions: frozenset[tuple[str, str]] = frozenset()) -> list[str]:
    """One message per import against the layer table, except the listed (importer, imported)."""
    problems = []
    for item in imports:
        source, target = layer_of(item.importer), layer_of(item.imported)
        if target == "external" or (item.importer, item.imported) in exceptions:
            continue
        if target not in MAY_IMPORT.get(source, frozenset()):
            allowed = ", ".join(sorted(MAY_IMPORT.get(source, frozenset()))) or "nothing of ours"
            problems.append(
                f"{item.where}: {item.importer} ({source}) imports {item.imported} ({target}); "
                f"a {source} module may import only: {allowed}"
            )
    return problems


def check_rasa_free(imports: Iterable[Import], starts: Iterable[str] = WEB_SERVER) -> list[str]:
    """Imports of Rasa, TensorFlow or spaCy reachable from the web server's modules."""
    by_importer: dict[str, list[Import]] = {}
    for item in imports:
        by_importer.setdefault(item.importer, []).append(item)

    def with_packages(module: str) -> list[str]:
        # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
        parts = module.split(".")
        return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]

    seen: dict[str, list[str]] = {}
    queue = [(m, [m]) for m in sorted(by_importer)
             if any(_within(m, start) for start in starts)]
    problems = []
    while queue:
        module, chain = queue.pop(0)
        if module in seen:
            continue
        seen[module] = chain
        for item in by_importer.get(module, []):
            if item.imported.split(".")[0] in NOT_IN_WEB_SERVER:
                problems.append(f"{item.where}: {' -> '.join(chain)} imports {item.imported}; "
                                "the web server must run without Rasa, TensorFlow and spaCy")
            for step in with_packages(item.imported):
                if step in by_importer and step not in seen:
                    queue.append((step, [*chain, step]))
    return problems
