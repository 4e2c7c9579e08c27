"""Login throttling holds under parallel attempts: 40 wrong passwords sent at once, through a
real server, get no more password checks than the limit (the hasher counts every check).

Each attempt is counted in a locked row before the password is checked
(:mod:`pinspect.web.accounts.throttle`), so the 6th to 40th attempts are refused without
reaching the hasher — where a check-then-record throttle let 24 of 40 through.
"""

from __future__ import annotations

import http.client
import re
import threading
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher

from tests.web.conftest import PASSWORD

PARALLEL = 40
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class CountingHasher(MD5PasswordHasher):
    """The tests' fast hasher, counting every password it checks or hashes."""

    algorithm = "counting_md5"
    lock = threading.Lock()
    checks = 0
    _inside = threading.local()

    @classmethod
    def _count(cls) -> None:
        with cls.lock:
            cls.checks += 1

    def verify(self, password: str, encoded: str) -> bool:
        self._count()
        self._inside.verify = True
        try:
            return super().verify(password, encoded)
        finally:
            self._inside.verify = False

    def encode(self, password: str, salt: str, *args: Any, **kwargs: Any) -> str:
        # ModelBackend hashes the password once for an unknown user (to take the same time);
        # verify() hashes through here too, counted once already.
        if not getattr(self._inside, "verify", False):
            self._count()
        return super().encode(password, salt, *args, **kwargs)


@pytest.fixture
def counting_hasher(settings: Any) -> type[CountingHasher]:
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    return CountingHasher


class Browser:
    """One client with its own connection, cookie and CSRF token, as a browser has."""

    def __init__(self, base_url: str) -> None:
        parts = urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.token = ""

    def _request(self, method: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, "/accounts/login/", body=body, headers=headers)
        response = self.connection.getresponse()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.read().decode()

    def open_login_page(self) -> None:
        status, page = self._request("GET")
        assert status == 200
        found = _CSRF.search(page)
        assert found is not None
        self.token = found.group(1)

    def close(self) -> None:
        self.connection.close()

    def sign_in(self, username: str, password: str) -> tuple[int, str]:
        body = urlencode(
            {"csrfmiddlewaretoken": self.token, "username": username, "password": password}
        )
        return self._request("POST", body)


def _all_at_once(live_server: Any, attempts: list[tuple[str, str]]) -> list[tuple[int, str]]:
    browsers = [Browser(live_server.url) for _ in attempts]
    start = threading.Barrier(len(browsers))
    results: list[tuple[int, str] | None] = [None] * len(browsers)

    def attempt(index: int) -> None:
        start.wait()
        results[index] = browsers[index].sign_in(*attempts[index])

    try:
        for browser in browsers:
            browser.open_login_page()
        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(browsers))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        for browser in browsers:
            browser.close()
    assert all(r is not None for r in results), "an attempt did not finish"
    return [r for r in results if r is not None]


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_get_no_more_checks_than_the_limit(
    live_server: Any, make_user: Any, settings: Any, counting_hasher: type[CountingHasher]
) -> None:
    make_user("inspector")
    counting_hasher.checks = 0
    results = _all_at_once(live_server, [("inspector", "wrong")] * PARALLEL)

    limit = settings.PINSPECT_LOGIN_FAILURE_LIMIT
    assert counting_hasher.checks == limit, f"{counting_hasher.checks} password checks"
    assert all(status == 200 for status, _ in results)
    refused = sum("Too many failed attempts" in page for _, page in results)
    assert refused == PARALLEL - limit
    # The right password is refused too until the window passes.
    late = Browser(live_server.url)
    try:
        late.open_login_page()
        status, page = late.sign_in("inspector", PASSWORD)
    finally:
        late.close()
    assert (status, "Too many failed attempts" in page) == (200, True)
    assert counting_hasher.checks == limit


@pytest.mark.django_db(transaction=True)
def test_parallel_attempts_on_many_usernames_get_no_more_checks_than_the_address_limit(
    live_server: Any, settings: Any, counting_hasher: type[CountingHasher]
) -> None:
    settings.PINSPECT_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    counting_hasher.checks = 0
    results = _all_at_once(live_server, [(f"guess{n}", "wrong") for n in range(PARALLEL)])

    assert counting_hasher.checks == 8, f"{counting_hasher.checks} password checks"
    assert sum("Too many failed attempts" in page for _, page in results) == PARALLEL - 8
