"""The console against a test database and a fake Rasa (fixtures of tests/console)."""

from tests.console.conftest import accounts, console, fake_rasa  # noqa: F401  (fixtures)
