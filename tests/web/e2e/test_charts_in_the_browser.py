"""Charts in the browser: the unit trend page (issue 17) and the pages with charts (issue 12),
each chart an image with its table beside it, no content-security-policy violation, and no
serious or critical axe-core violation."""

from __future__ import annotations

from typing import Any

import pytest

from pinspect.web.demo import DemoSummary
from pinspect.web.inspections.models import Inspection
from pinspect.web.organisations.models import Unit
from tests.web.e2e.conftest import login
from tests.web.e2e.test_accessibility import _violations
from tests.web.e2e.test_security_in_the_browser import WATCH, _shot


@pytest.fixture
def ashmoor(demo: DemoSummary) -> Unit:
    """The demo's PDU: three published inspections under two framework editions (2021 PDU as
    published reports scored it, then 2023 PDU), built by the demo."""
    unit = Unit.objects.get(code="EW-ASH-PDU1")
    published = Inspection.objects.filter(unit=unit, status="published")
    assert published.count() == 3
    assert len(set(published.values_list("framework_id", flat=True))) == 2
    return unit


def test_the_unit_trend_shows_charts_and_tables_a_viewer_can_read(page: Any, ashmoor: Unit) -> None:
    page.context.add_init_script(WATCH)
    login(page, "viewer")
    response = page.goto(f"/units/{ashmoor.pk}/trend/")
    assert response is not None
    assert response.ok
    assert page.get_by_role("heading", name="Inspections over time").is_visible()
    charts = page.locator("svg.pinspect-chart[role=img]")
    assert charts.count() == 5  # the ratings, then P2.1 to P2.4's key questions
    ratings = page.get_by_role("img", name="Ratings across 3 inspections")
    assert ratings.is_visible()
    table = page.locator('table[data-chart-table="trend-ratings"]')
    assert table.get_by_role("columnheader", name="Ashmoor PDU inspection 2021").is_visible()
    assert table.get_by_role("rowheader", name="Overall rating").is_visible()
    # An earlier edition's value through a crosswalk pair that is not equal is marked ≈.
    assert page.locator("td", has_text="≈").count() > 0
    box = charts.first.bounding_box()
    assert box is not None
    assert box["width"] > 300
    assert page.evaluate("window.__violations") == []
    _shot(page, "unit-trend")
    assert _violations(page) == []


def test_an_analyst_reaches_the_national_picture_and_its_breakdowns(
    page: Any, demo: DemoSummary
) -> None:
    page.context.add_init_script(WATCH)
    login(page, "analyst")
    with page.expect_navigation():
        page.get_by_role("link", name="The national picture").click()
    assert page.get_by_role("heading", name="The national picture", level=1).is_visible()
    assert page.locator("svg.pinspect-chart[role=img]").count() == 6
    assert page.get_by_text("should not be compared with case inspection data").is_visible()
    assert page.evaluate("window.__violations") == []
    assert _violations(page) == []
    _shot(page, "national-picture")
    section = page.locator('section[data-data-set="hmip-2023-pdu"]')
    with page.expect_navigation():
        section.get_by_role("link", name="Sex and ethnicity").click()
    assert page.get_by_role("heading", name="England and Wales, by sex and ethnicity").is_visible()
    table = page.locator("table[data-chart-table]").filter(has_text="Male, White").first
    assert table.get_by_role("rowheader", name="Male, White", exact=True).is_visible()
    assert page.get_by_role("cell", name="Suppressed").count() > 0
    assert page.evaluate("window.__violations") == []
    assert _violations(page) == []
    _shot(page, "national-picture-by-sex-and-ethnicity")
    # A period typed in the GOV.UK date inputs: day, month and year.
    for box, value in (("start_day", "1"), ("start_month", "1"), ("start_year", "2023")):
        page.locator(f"#id_{box}").fill(value)
    with page.expect_navigation():
        page.get_by_role("button", name="Show this period").click()
    pooled = page.locator("table", has_text="Fieldwork ended").first
    assert pooled.get_by_role("rowheader", name="Ashmoor PDU inspection 2023").is_visible()
    assert pooled.get_by_role("rowheader", name="Ashmoor PDU inspection 2022").count() == 0
    assert _violations(page) == []


def test_charts_on_the_results_overview_and_summary_pages_pass_axe(
    page: Any, demo: DemoSummary
) -> None:
    """Issue 12's charts: key questions against the band lines and a breakdown (results), case
    progress per inspector (overview), rating distributions (unit summary)."""
    page.context.add_init_script(WATCH)
    login(page, "admin")
    inspection = demo.inspection.pk
    nation = Unit.objects.get(code="EW").pk
    for path, charts in (
        (f"/inspections/{inspection}/results/?by=sex", 4 + 12),
        (f"/inspections/{inspection}/", 1),
        (f"/units/{nation}/summary/", 2),
    ):
        response = page.goto(path)
        assert response is not None
        assert response.ok, path
        for summary in page.locator("details summary").all():
            summary.click()
        assert page.locator("svg.pinspect-chart[role=img]").count() == charts, path
        assert page.evaluate("window.__violations") == [], path
        assert _violations(page) == [], path
        _shot(page, "charts" + path.replace("/", "-").replace("?", "-"))
