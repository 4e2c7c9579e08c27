"""Login: throttled per username (from any address) and per address (over all usernames);
passwords hashed as Django does. Parallel attempts: test_login_concurrency.py."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import timezone

from pinspect.web.accounts.models import LoginFailure, LoginThrottle
from pinspect.web.accounts.throttle import client_ip
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_and_wrong_password(client: Any, make_user: Any) -> None:
    make_user("inspector")
    wrong = client.post("/accounts/login/", {"username": "inspector", "password": "nope"})
    assert wrong.status_code == 200
    assert "govuk-error-summary" in wrong.content.decode()
    right = client.post("/accounts/login/", {"username": "inspector", "password": PASSWORD})
    assert right.status_code == 302


def _login(client: Any, username: str, password: str, address: str = "127.0.0.1") -> Any:
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_throttled_after_repeated_failures(client: Any, make_user: Any, settings: Any) -> None:
    """Per username: after the limit, the right password is refused from every address (a
    guesser cannot move to another address); another user from the same address is not."""
    make_user("inspector")
    make_user("lead")
    for _ in range(settings.PINSPECT_LOGIN_FAILURE_LIMIT):
        assert _login(client, "inspector", "nope").status_code == 200
    locked = _login(client, "inspector", PASSWORD)
    assert locked.status_code == 200
    assert "Too many failed attempts. Wait 15 minutes" in locked.content.decode()
    other_address = _login(client, "Inspector", PASSWORD, address="10.0.0.9")
    assert other_address.status_code == 200
    assert "Too many failed attempts" in other_address.content.decode()
    assert _login(client, "lead", PASSWORD).status_code == 302


def test_one_address_trying_many_usernames_is_throttled(
    client: Any, make_user: Any, settings: Any
) -> None:
    settings.PINSPECT_LOGIN_ADDRESS_FAILURE_LIMIT = 4
    make_user("inspector")
    for number in range(4):
        assert _login(client, f"guess{number}", "nope", "10.0.0.1").status_code == 200
    refused = _login(client, "inspector", PASSWORD, "10.0.0.1")
    assert "Too many failed attempts" in refused.content.decode()
    assert _login(client, "inspector", PASSWORD, "10.0.0.2").status_code == 302


def test_a_successful_login_clears_the_username_count(
    client: Any, make_user: Any, settings: Any
) -> None:
    make_user("inspector")
    limit = settings.PINSPECT_LOGIN_FAILURE_LIMIT
    for _ in range(limit - 1):
        _login(client, "inspector", "nope")
    assert _login(client, "inspector", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(limit - 1):
        _login(client, "inspector", "nope")
    assert _login(client, "inspector", PASSWORD).status_code == 302


def test_the_lock_ends_when_the_window_has_passed(
    client: Any, make_user: Any, settings: Any
) -> None:
    make_user("inspector")
    for _ in range(settings.PINSPECT_LOGIN_FAILURE_LIMIT):
        _login(client, "inspector", "nope")
    assert _login(client, "inspector", PASSWORD).status_code == 200
    past = timezone.now() - timedelta(seconds=settings.PINSPECT_LOGIN_LOCKOUT_SECONDS + 1)
    LoginThrottle.objects.update(window_start=past, locked_until=past)
    assert _login(client, "inspector", PASSWORD).status_code == 302


def test_the_admin_sign_in_is_throttled_too(client: Any, make_user: Any, settings: Any) -> None:
    make_user("root", is_staff=True, is_superuser=True)
    for _ in range(settings.PINSPECT_LOGIN_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "root", "password": "nope"})
    refused = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert refused.status_code == 200
    assert not client.session.get("_auth_user_id")
    assert LoginFailure.objects.filter(username="root").count() == 5


def test_a_client_address_behind_trusted_proxies(settings: Any) -> None:
    """With one trusted proxy, the address it appended counts, not what the client wrote."""
    factory = RequestFactory()
    request = factory.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "10.0.0.1"
    settings.PINSPECT_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"


def test_login_form_has_csrf_and_sessions_are_http_only(client: Any, settings: Any) -> None:
    page = client.get("/accounts/login/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in page
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
