"""The Content-Security-Policy in a real browser: no page breaks a directive, and GOV.UK
Frontend still starts (its start-up moved from inline scripts to static files). A form sent
too large answers with a page in words, and a locked-out sign-in says how long to wait."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pinspect.web.assessments.models import SampledCase
from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import login

# Records every policy violation the page reports, before any of its scripts runs.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + (event.blockedURI || 'inline'));
});
"""
SHOTS = (
    Path(os.environ.get("PINSPECT_SCREENSHOTS", ""))
    if os.environ.get("PINSPECT_SCREENSHOTS")
    else None
)


def _shot(page: Any, name: str) -> None:
    """Screenshots for looking at, when PINSPECT_SCREENSHOTS names a directory."""
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _check(page: Any, path: str) -> None:
    page.goto(path)
    violations = page.evaluate("window.__violations")
    assert violations == [], f"{path}: {violations}"
    started = page.evaluate(
        "document.body.classList.contains('govuk-frontend-supported') && "
        "document.querySelector('[data-module=\"govuk-skip-link\"]')"
        ".hasAttribute('data-govuk-skip-link-init')"
    )
    assert started, f"{path}: GOV.UK Frontend did not start"


def _case(demo: DemoSummary) -> int:
    case = (
        SampledCase.objects.filter(inspection=demo.inspection, assigned_to__username="inspector")
        .order_by("reference")
        .first()
    )
    assert case is not None
    return int(case.pk)


def test_no_page_breaks_the_policy_and_govuk_frontend_starts(page: Any, demo: DemoSummary) -> None:
    page.context.add_init_script(WATCH)
    _check(page, "/accounts/login/")
    login(page, "lead")
    inspection = demo.inspection.pk
    for path in (
        "/inspections/",
        f"/inspections/{inspection}/",
        f"/inspections/{inspection}/results/",
        f"/cases/{_case(demo)}/",
        f"/evidence/{inspection}/",
        f"/evidence/{inspection}/documents/upload/",
        f"/audit/inspections/{inspection}/",
        "/no/such/page/",
    ):
        _check(page, path)
    _shot(page, "404")
    # The report page is the core's document: inline styles allowed there, no script at all.
    page.goto(f"/reports/{inspection}/")
    assert page.evaluate("window.__violations") == []


def test_a_form_sent_too_large_is_answered_in_words(page: Any, demo: DemoSummary) -> None:
    login(page, "inspector")
    case = _case(demo)
    page.goto(f"/cases/{case}/")
    # Past the field's own limit (the browser would stop typing there): 3 MB of note.
    page.evaluate(
        "const note = document.querySelector('textarea');"
        "note.removeAttribute('maxlength'); note.value = 'x'.repeat(3 * 1024 * 1024);"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Save and come back later").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "too large" in summary.inner_text()
    assert "Nothing was saved" in summary.inner_text()
    assert page.get_by_role("link", name="Go back to the form").get_attribute("href") == (
        f"/cases/{case}/"
    )
    _shot(page, "413")
    assert not SampledCase.objects.get(pk=case).answers.filter(note__startswith="xxx").exists()


def test_a_locked_out_sign_in_says_how_long_to_wait(page: Any, demo: DemoSummary) -> None:
    for _ in range(5):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("inspector")
        page.get_by_label("Password").fill("wrong")
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Username").fill("inspector")
    page.get_by_label("Password").fill(demo.password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".govuk-error-summary")
    assert "Too many failed attempts. Wait 15 minutes, then try again" in summary.inner_text()
    _shot(page, "locked-out")
