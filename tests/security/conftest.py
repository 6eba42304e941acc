"""The security suite reuses the fixtures of the suites it attacks through.

Gateway against a fake Rasa (tests/gateway), the demo cases (tests/cases), Chromium and a
live gateway (tests/browser), and the real Rasa stack started once per session
(tests/reliability).
"""

from tests.browser.conftest import browser, live_gateway  # noqa: F401  (fixtures)
from tests.cases.conftest import (  # noqa: F401
    demo_db,
    demo_session_factory,
    demo_template,
)
from tests.gateway.conftest import fake_rasa, make_client, rasa_server  # noqa: F401
from tests.reliability.conftest import gateway, rasa_stack, stack  # noqa: F401
