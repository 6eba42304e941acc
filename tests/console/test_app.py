"""The console application lets no visitor into the register pages and forms, no advisor into
the supervisors' pages, and no form without the session's CSRF token."""

from __future__ import annotations

import pytest

from tests.console.conftest import Console, login

GET_PAGES = ["/console/inquiries", "/console/inquiries/BR-1", "/console/followups",
             "/console/bookings", "/console/complaints", "/console/dashboard",
             "/console/dashboard/complaints.csv"]
POST_FORMS = ["/console/followups/1/attempts", "/console/bookings/1/status",
              "/console/complaints/1/outcome"]
SUPERVISOR_PAGES = ["/console/complaints", "/console/dashboard",
                    "/console/dashboard/satisfaction.csv"]


@pytest.mark.parametrize("path", GET_PAGES)
async def test_register_pages_send_a_visitor_to_the_login(console: Console, path: str) -> None:
    response = await console.client.get(path, allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == "/console/login"


@pytest.mark.parametrize("path", POST_FORMS)
async def test_register_forms_refuse_a_visitor(console: Console, path: str) -> None:
    response = await console.client.post(path, data={"outcome": "reached"},
                                         allow_redirects=False)
    assert response.status == 401


@pytest.mark.parametrize("path", SUPERVISOR_PAGES)
async def test_advisor_is_refused_supervisor_pages(console: Console, path: str) -> None:
    await login(console.client, "anna")
    response = await console.client.get(path, allow_redirects=False)
    assert response.status == 403


@pytest.mark.parametrize("path", POST_FORMS)
async def test_register_forms_need_the_csrf_token(console: Console, path: str) -> None:
    await login(console.client, "sara")
    response = await console.client.post(path, data={"outcome": "reached", "status": "done"},
                                         allow_redirects=False)
    assert response.status == 403
