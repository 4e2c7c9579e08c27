"""Browser tests: a live server holding the demo data, Debian's Chromium driven by Playwright.

Chromium is ``/usr/bin/chromium`` (``make test`` installs the Debian package when missing);
Playwright's own browser downloads are never used. Without Chromium these tests are skipped
with a message on a developer machine, and fail when ``CI=true``, ``PINSPECT_REQUIRE_BROWSER``
or ``PINSPECT_REQUIRE_POSTGRES`` is set.

Fixtures for every browser test:

- ``demo``: the demo inspection (:func:`pinspect.web.demo.build_demo`) in the test database,
  served by pytest-django's ``live_server`` (transactional, so the server thread sees it);
- ``browser``: one Chromium per test module; ``page``: a fresh context and page per test
  whose relative URLs go to the live server;
- :func:`login` signs a demo user in through the login form.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

from pinspect.web.demo import DemoSummary, build_demo, demo_password

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "DEMO_PEOPLE", "login"]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A smaller long list than the served demo's 3,000 people: the same shape (sample, reserve,
# half assessed), built in a fraction of the time for every test.
DEMO_PEOPLE = 400
TIMEOUT_MS = 15_000


def browser_required() -> bool:
    """CI and the PostgreSQL run must not pass by skipping the browser tests."""
    return (
        os.environ.get("CI", "").lower() == "true"
        or bool(os.environ.get("PINSPECT_REQUIRE_BROWSER"))
        or bool(os.environ.get("PINSPECT_REQUIRE_POSTGRES"))
    )


def _missing_browser(reason: str) -> NoReturn:
    if browser_required():
        pytest.fail(f"{reason}; browser tests are required here (CI or PINSPECT_REQUIRE_*)")
    pytest.skip(f"{reason}; install the Debian package 'chromium' (make test does)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module.

    Playwright's sync API runs an asyncio event loop in this thread, and Django refuses ORM
    calls from a thread with a running loop unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set. It is
    safe here (the test and the loop take turns, never at once), so the variable is set for
    as long as the browser runs and removed with it: a process-wide setting would leak into
    the other tests (``check --deploy`` rightly fails on it).
    """
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        _missing_browser(f"{CHROMIUM} is absent")
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:  # pragma: no cover - playwright is a development dependency
        _missing_browser("the Python package playwright is not installed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def demo(transactional_db: Any, live_server: Any) -> DemoSummary:
    """The demo users and inspection, in the database the live server reads."""
    return build_demo(people=DEMO_PEOPLE)


@pytest.fixture
def page(browser: Any, live_server: Any, demo: DemoSummary) -> Iterator[Any]:
    """A fresh browser context (no cookies) and page on the live server."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def login(page: Any, username: str, password: str | None = None) -> None:
    """Sign ``username`` in through the login form and wait for the inspection list."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password if password is not None else demo_password())
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if "/accounts/login/" in page.url:
        raise AssertionError(f"{username} could not sign in: {page.url}")
