"""Which package may import which (docs/ARCHITECTURE.md, "Layers"), checked on our source.

A failure names the file, line and offending import. The checker itself is tested on small
fake trees, so a rule that can no longer fail would show up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT
from tests.layers import Import, check_layers, check_rasa_free, layer_of, scan

# Imports against the layers that were there before the rule, each with its reason. Remove an
# entry when its import goes; a new exception needs a line in docs/ARCHITECTURE.md too.
KNOWN_EXCEPTIONS: dict[tuple[str, str], str] = {
    ("bot.db", "bot.models"): "create_all imports every model so that each table is registered",
    ("bot.knowledge.evaluate", "bot.build"):
        "the knowledge benchmark (CLI only) trains a model with the build's thread settings",
}


@pytest.fixture(scope="module")
def our_imports() -> list[Import]:
    return scan(PROJECT_ROOT)


def test_every_import_follows_the_layers(our_imports: list[Import]) -> None:
    problems = check_layers(our_imports, frozenset(KNOWN_EXCEPTIONS))
    assert not problems, "Imports against docs/ARCHITECTURE.md (Layers):\n" + "\n".join(problems)


def test_every_listed_exception_is_still_needed(our_imports: list[Import]) -> None:
    present = {(i.importer, i.imported) for i in our_imports}
    assert set(KNOWN_EXCEPTIONS) <= present, set(KNOWN_EXCEPTIONS) - present


def test_the_web_server_and_all_it_imports_run_without_rasa(
    our_imports: list[Import],
) -> None:
    problems = check_rasa_free(our_imports)
    assert not problems, "\n".join(problems)


def test_the_gateway_and_the_console_meet_only_in_the_composition_root(
    our_imports: list[Import],
) -> None:
    root = [i.imported for i in our_imports if i.importer == "bot.webapp"]
    assert any(m.startswith("bot.gateway") for m in root)
    assert any(m.startswith("bot.console") for m in root)
    crossing = [i for i in our_imports
                if {layer_of(i.importer), layer_of(i.imported)} == {"gateway", "console"}]
    assert crossing == []


# --- the checker on fake trees ----------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    for package in ("bot", "actions", "bench"):
        (root / package).mkdir(exist_ok=True)
    return root


def test_the_checker_names_a_gateway_import_of_the_console(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "bot/__init__.py": "",
        "bot/gateway/__init__.py": "",
        "bot/gateway/app.py": "import json\nfrom bot.console import views\n",
        "bot/console/__init__.py": "",
        "bot/console/views.py": "from bot.settings import load\n",
        "bot/settings.py": "",
    })
    problems = check_layers(scan(root))
    assert problems == [
        "bot/gateway/app.py:2: bot.gateway.app (gateway) imports bot.console.views (console); "
        "a gateway module may import only: domain, foundation, gateway, models"
    ]


def test_the_checker_catches_lazy_and_relative_imports_and_actions_in_bot(
    tmp_path: Path,
) -> None:
    root = _tree(tmp_path, {
        "bot/__init__.py": "",
        "bot/settings.py": "def f():\n    from bot.models import chat\n",
        "bot/models/__init__.py": "",
        "bot/models/chat.py": "",
        "bot/cases/__init__.py": "from . import status\n",
        "bot/cases/status.py": "from ..gateway import hub\nimport actions.common\n",
        "bot/gateway/__init__.py": "",
        "bot/gateway/hub.py": "",
        "actions/__init__.py": "",
        "actions/common.py": "from bot.webapp import init_app\n",
        "bot/webapp.py": "",
    })
    problems = "\n".join(check_layers(scan(root)))
    assert "bot.settings (foundation) imports bot.models.chat (models)" in problems
    assert "bot.cases.status (domain) imports bot.gateway.hub (gateway)" in problems
    assert "bot.cases.status (domain) imports actions.common (actions)" in problems
    assert "actions.common (actions) imports bot.webapp (composition root)" in problems
    assert "bot.cases (domain) imports bot.cases.status" not in problems


def test_the_checker_follows_imports_from_the_web_server_to_rasa(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "bot/__init__.py": "",
        "bot/webapp.py": "from bot.console.app import init_console\n",
        "bot/console/__init__.py": "",
        "bot/console/app.py": "def f():\n    from bot.knowledge.loader import load\n",
        "bot/knowledge/__init__.py": "import bot.knowledge.nlp\n",
        "bot/knowledge/loader.py": "import yaml\n",
        "bot/knowledge/nlp.py": "import spacy.lang.da\n",
        "bot/cli.py": "import rasa\n",  # not part of the web server
    })
    problems = check_rasa_free(scan(root))
    assert problems == [
        "bot/knowledge/nlp.py:1: bot.console.app -> bot.knowledge -> bot.knowledge.nlp imports "
        "spacy.lang.da; the web server must run without Rasa, TensorFlow and spaCy"
    ]


def test_a_tree_that_keeps_the_rules_passes(tmp_path: Path) -> None:
    root = _tree(tmp_path, {
        "bot/__init__.py": "",
        "bot/settings.py": "import os\n",
        "bot/models/__init__.py": "from bot.settings import x\n",
        "bot/chat/__init__.py": "from bot.models import y\n",
        "bot/gateway/__init__.py": "from bot.chat import z\n",
        "bot/console/__init__.py": "from bot.chat import z\n",
        "bot/webapp.py": "import bot.gateway\nimport bot.console\n",
        "bot/nlu/__init__.py": "import rasa\n",
        "bot/cli.py": "import bot.nlu\nimport bot.webapp\n",
        "actions/__init__.py": "import rasa_sdk\nfrom bot.chat import z\n",
        "bench/load.py": "import bot.cli\n",
    })
    imports = scan(root)
    assert check_layers(imports) == [] and check_rasa_free(imports) == []
