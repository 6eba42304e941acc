"""Shared fixtures. Each test gets its own var/ directory and SQLite database.

The trained Rasa agent is a Rasa-side fixture: `tests/rasa_agent.py`."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.build import latest_model
from tests.hash_clock import hash_clock  # noqa: F401  (a fixture for every test directory)
from tests.sides import running_side, side_of_test_file

MODEL_REQUIRED = "no trained model for the current data: run `make train` (make test does)"


def required_model() -> Path:
    """The model the model tests use: the one trained for the current data, or BR_TEST_MODEL
    (a specific archive, for trying another configuration or working while data changes)."""
    override = os.environ.get("BR_TEST_MODEL")
    model = Path(override) if override else latest_model()
    if model is None:
        pytest.fail(MODEL_REQUIRED)
    return model


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point every setting that touches disk at a temporary directory."""
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    monkeypatch.setenv("BR_VAR_DIR", str(var_dir))
    monkeypatch.setenv("BR_DATABASE_URL", f"sqlite:///{var_dir / 'test.db'}")
    monkeypatch.setenv("BR_SECRET_KEY", "test-secret-key-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_JWT_SECRET", "test-jwt-secret-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_TRACKER_KEY", "test-tracker-key-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_IDENTITY_CLAIM_KEY", "test-claim-key-" + uuid.uuid4().hex)
    monkeypatch.setenv("BR_ACTION_SERVER_TOKEN", "test-action-token-" + uuid.uuid4().hex)
    yield var_dir


@pytest.fixture(scope="session", autouse=True)
def _slow_processes_ahead(request: pytest.FixtureRequest,
                          tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The real Rasa stack and the supervised product start beside the session's first tests
    when a collected test needs them (tests/ahead.py)."""
    from tests.ahead import start_ahead
    from tests.reliability.processes import (
        SHARED_STACK_KEY,
        RasaStack,
        start_rasa_stack,
        uses_shared_rasa_stack,
    )
    from tests.reliability.product import (
        SUPERVISED_PRODUCT_KEY,
        Product,
        start_supervised_product,
        uses_supervised_product,
    )

    def stack_start() -> Callable[[], RasaStack]:
        workdir = tmp_path_factory.mktemp("rasa-stack")
        return lambda: start_rasa_stack(workdir)

    def product_start() -> Callable[[], Product]:
        var_dir = tmp_path_factory.mktemp("supervised") / "var"
        return lambda: start_supervised_product(var_dir)

    def stop_stack(stack: RasaStack) -> None:
        stack.stop()

    def stop_product(product: Product) -> None:
        product.stop()

    yield from start_ahead(request.session, [
        (SHARED_STACK_KEY, uses_shared_rasa_stack, stack_start, stop_stack),
        (SUPERVISED_PRODUCT_KEY, uses_supervised_product, product_start, stop_product),
    ])


# ---------------------------------------------------------------- one environment per side

SIDE = running_side()
OTHER_ENVIRONMENT = {"rasa": ".venv-gateway", "gateway": ".venv"}[SIDE]
_LEFT_TO_OTHER_SIDE: list[Path] = []


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Collect only this environment's side; `make pytest` runs both (tests/sides.py)."""
    if not (collection_path.name.startswith("test_") and collection_path.suffix == ".py"):
        return None
    if side_of_test_file(collection_path) == SIDE:
        return None
    _LEFT_TO_OTHER_SIDE.append(collection_path)
    return True


def pytest_configure(config: pytest.Config) -> None:
    """A test file of the other side named on the command line: say where it runs."""
    for arg in config.args:
        path = Path(arg.split("::")[0])
        if path.name.startswith("test_") and path.suffix == ".py" and path.is_file():
            if side_of_test_file(path) != SIDE:
                raise pytest.UsageError(
                    f"{path} is a {side_of_test_file(path)}-side test; run it with "
                    f"{OTHER_ENVIRONMENT}/bin/python -m pytest"
                )


def pytest_report_header(config: pytest.Config) -> str:
    return f"side: {SIDE} (tests/sides.py); the other side runs in {OTHER_ENVIRONMENT}"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _LEFT_TO_OTHER_SIDE:
        terminalreporter.write_line(
            f"{len(_LEFT_TO_OTHER_SIDE)} test file(s) belong to the other side and run in "
            f"{OTHER_ENVIRONMENT} (`make pytest` runs both)"
        )
