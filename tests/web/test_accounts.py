"""Login: throttled per username and address; passwords hashed as Django does."""

from __future__ import annotations

from typing import Any

import pytest

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_and_wrong_password(client: Any, make_user: Any) -> None:
    make_user("inspector")
    wrong = client.post("/accounts/login/", {"username": "inspector", "password": "nope"})
    assert wrong.status_code == 200
    assert "govuk-error-summary" in wrong.content.decode()
    right = client.post("/accounts/login/", {"username": "inspector", "password": PASSWORD})
    assert right.status_code == 302


def test_throttled_after_repeated_failures(client: Any, make_user: Any, settings: Any) -> None:
    make_user("inspector")
    for _ in range(settings.PINSPECT_LOGIN_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "inspector", "password": "nope"})
    locked = client.post("/accounts/login/", {"username": "inspector", "password": PASSWORD})
    assert locked.status_code == 200
    assert "Too many failed attempts" in locked.content.decode()
    other_address = client.post(
        "/accounts/login/",
        {"username": "inspector", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other_address.status_code == 302


def test_login_form_has_csrf_and_sessions_are_http_only(client: Any, settings: Any) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
