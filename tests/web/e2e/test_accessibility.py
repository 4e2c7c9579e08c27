"""axe-core on the main pages: no violation with a serious or critical impact.

The rules are axe-core's (WCAG 2.x A and AA and best practices), bundled with
axe-playwright-python; the page is checked as the user sees it, styles and scripts loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from pinspect.web.assessments.models import SampledCase
from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import login

BLOCKING = {"serious", "critical"}


def _first_case(demo: DemoSummary, status: str) -> int:
    case = (
        SampledCase.objects.filter(
            inspection=demo.inspection, assigned_to__username="inspector", status=status
        )
        .order_by("reference")
        .first()
    )
    assert case is not None, f"the demo has no {status} case of the inspector"
    return int(case.pk)


# page name → (user signed in or None, URL from the demo)
PAGES: dict[str, tuple[str | None, Callable[[DemoSummary], str]]] = {
    "login": (None, lambda d: "/accounts/login/"),
    "inspection list": ("inspector", lambda d: "/inspections/"),
    "overview": ("inspector", lambda d: f"/inspections/{d.inspection.pk}/"),
    "case, not started": ("inspector", lambda d: f"/cases/{_first_case(d, 'not_started')}/"),
    "case, complete": ("inspector", lambda d: f"/cases/{_first_case(d, 'complete')}/"),
    "results": ("inspector", lambda d: f"/inspections/{d.inspection.pk}/results/"),
    "results by sex and age band": (
        "qa",
        lambda d: f"/inspections/{d.inspection.pk}/results/?by=sex&by=age_band",
    ),
    "my cases": ("inspector", lambda d: "/cases/mine/"),
    "audit trail": ("lead", lambda d: f"/audit/inspections/{d.inspection.pk}/"),
    "case audit trail": ("lead", lambda d: f"/audit/cases/{_first_case(d, 'complete')}/"),
    "ratings panel, beside other published inspections": (
        "panel",
        lambda d: f"/panel/{d.inspection.pk}/",
    ),
    "units": ("admin", lambda d: "/units/"),
    "unit import": ("admin", lambda d: "/units/import/"),
}


def _violations(page: Any) -> list[str]:
    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in BLOCKING:
            targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:5]]
            found.append(
                f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}"
            )
    return found


@pytest.mark.parametrize("name", list(PAGES))
def test_no_serious_or_critical_violation(page: Any, demo: DemoSummary, name: str) -> None:
    username, url = PAGES[name]
    if username is not None:
        login(page, username)
    response = page.goto(url(demo))
    assert response is not None
    assert response.ok, f"{name}: {url(demo)} answered {response.status}"
    page.locator("main").wait_for()
    assert _violations(page) == [], name


def test_a_form_with_errors_has_no_serious_violation(page: Any, demo: DemoSummary) -> None:
    """The error summary and the fields in error (marking complete an unanswered case)."""
    login(page, "inspector")
    page.goto(f"/cases/{_first_case(demo, 'not_started')}/")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and mark complete").click()
    page.locator(".govuk-error-summary").wait_for()
    assert _violations(page) == []
