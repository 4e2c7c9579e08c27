"""Calibration exercises in the browser (001 §4.13): QA creates and publishes a fictional
reference case, two inspectors mark it blind, each sees their own agreement, and QA's page
shows both; axe-core checks every page on the way."""

from __future__ import annotations

from typing import Any

from pinspect.web.audit.models import AuditEvent
from pinspect.web.calibration.models import Exercise
from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import login
from tests.web.e2e.test_accessibility import _violations

TITLE = "Browser exercise: Mr C (fictional)"


def _checked(page: Any) -> None:
    page.locator("main").wait_for()
    assert _violations(page) == [], page.url


def _fresh(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    login(tab, username)
    return tab


def _answer_all(page: Any, value: str) -> None:
    radios = page.locator(f'input.govuk-radios__input[value="{value}"]')
    for index in range(radios.count()):
        radios.nth(index).check()


def _mark(tab: Any, *, differ_on: str | None) -> None:
    """Open the exercise from the inspector's page, check it is blind, answer and submit."""
    tab.goto("/calibration/")
    tab.get_by_role("heading", name="Your calibration").wait_for()
    _checked(tab)
    tab.get_by_role("link", name=TITLE).click()
    tab.get_by_role("heading", name=TITLE).wait_for()
    assert tab.locator("input:checked").count() == 0  # no reference, no peer's answer
    _checked(tab)
    _answer_all(tab, "no")
    if differ_on is not None:
        tab.locator(f'input[name="answer:{differ_on}"][value="yes"]').check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Submit your marking").click()
    assert tab.get_by_text(f"Submitted your marking of {TITLE}").is_visible()


def test_qa_publishes_two_inspectors_mark_and_each_sees_their_agreement(
    page: Any, browser: Any, live_server: Any, demo: DemoSummary
) -> None:
    # QA creates the exercise from the inspection list, enters the reference, publishes.
    login(page, "qa")
    page.goto("/inspections/")
    page.get_by_role("link", name="Calibration exercises").click()
    page.get_by_role("heading", name="Calibration exercises", exact=True).wait_for()
    _checked(page)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Framework and cases").select_option("hmip-2023-pdu|supervision")
    page.get_by_label("Case summary").fill("Fictional: Mr C, 40, on a community order.")
    with page.expect_navigation():
        page.get_by_role("button", name="Create the exercise").click()
    page.get_by_role("heading", name=TITLE).wait_for()
    _checked(page)
    _answer_all(page, "no")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the reference marking").click()
    assert page.get_by_text("Saved the reference marking").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the exercise").click()
    assert page.get_by_text("inspectors may mark it").is_visible()
    _checked(page)

    # Two inspectors mark it, blind; one differs from the reference on a judgement.
    inspector = _fresh(browser, live_server, "inspector")
    _mark(inspector, differ_on=None)
    second = _fresh(browser, live_server, "inspector2")
    _mark(second, differ_on="P2.1.1")

    # Each sees their own agreement, the peers' figures together, nobody else's answers.
    inspector.goto("/calibration/")
    section = inspector.locator("table", has_text=f"Your agreement on {TITLE}")
    assert section.get_by_text("Matched the reference (No)").first.is_visible()
    assert inspector.get_by_role("heading", name=TITLE).is_visible()
    assert "inspector2" not in inspector.locator("main").inner_text()
    _checked(inspector)
    second.goto("/calibration/")
    mine = second.locator("table", has_text=f"Your agreement on {TITLE}")
    assert mine.get_by_text("Differed: Yes, the reference No").is_visible()
    _checked(second)

    # QA's page shows both inspectors.
    exercise = Exercise.objects.get(title=TITLE)
    page.goto(f"/calibration/exercises/{exercise.pk}/")
    page.get_by_role("heading", name="Agreement: 2 inspectors").wait_for()
    by_inspector = page.locator("#by-inspector")
    assert by_inspector.get_by_role("rowheader", name="inspector", exact=True).is_visible()
    assert by_inspector.get_by_role("rowheader", name="inspector2", exact=True).is_visible()
    assert page.locator("#by-question").get_by_text("1 of 2").first.is_visible()
    _checked(page)
    assert AuditEvent.objects.filter(
        object_type="calibration.exercisemarking", actor__username="inspector2"
    ).exists()
    for tab in (inspector, second):
        tab.context.close()
