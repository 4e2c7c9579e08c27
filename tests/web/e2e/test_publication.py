"""The demo inspection taken through the ratings panel and publication in a browser.

The lead inspector proposes the three judged standards (001 §4.15) and moves the inspection to
the ratings panel on its status page; the panel member verifies every rating but one, is
refused a departure without a reason, departs from one proposal with its reasons (001 §4.24),
verifies the overall rating and signs off; the lead writes a recommendation and publishes; the
PDF downloaded from the report page holds the ratings table, and the unit's viewer reads the
published report.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import TIMEOUT_MS, login
from tests.web.jobs import job_worker_thread

JUDGED = {"P1.1": "Good", "P1.2": "Good", "P1.3": "Requires improvement"}
CASE_BASED = ("P2.1", "P2.2", "P2.3", "P2.4")
RECOMMENDATION = "Review every risk assessment within ten working days."


PDF_TIMEOUT_MS = 90_000


def _serious_violations(tab: Any) -> list[str]:
    """axe-core's serious and critical violations on the page as the user sees it."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415

    violations = Axe().run(tab).response["violations"]
    return [
        f"{v['impact']}: {v['id']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v.get("impact") in {"serious", "critical"}
    ]


def _tab(browser: Any, live_server: Any, username: str) -> Any:
    """A fresh browser context signed in as ``username``."""
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    login(tab, username)
    return tab


def _submit(tab: Any, button: Any) -> None:
    with tab.expect_navigation():
        button.click()


def _propose(tab: Any, inspection_id: int, standard: str, rating: str) -> None:
    tab.goto(f"/evidence/{inspection_id}/judgements/{standard}/")
    tab.get_by_label("Rationale").fill(f"Documents, interviews and the survey support {rating}.")
    tab.get_by_role("group", name=f"Proposed rating for {standard}").get_by_label(
        rating, exact=True
    ).check()
    _submit(tab, tab.get_by_role("button", name="Save judgement"))
    assert tab.locator(".govuk-error-summary").count() == 0, tab.content()[:3000]


def _section(tab: Any, target: str) -> Any:
    return tab.locator(f"#decision-{target.replace('.', '-')}")


def _verify(tab: Any, target: str) -> None:
    section = _section(tab, target)
    section.locator("input[name=decision][value=verified]").check()
    _submit(tab, section.get_by_role("button", name="Record the decision"))
    assert tab.locator(".govuk-error-summary").count() == 0, tab.content()[:3000]


@pytest.mark.slow
def test_the_demo_inspection_is_taken_through_the_panel_and_published(
    browser: Any, live_server: Any, demo: DemoSummary, page: Any
) -> None:
    inspection = demo.inspection
    pk = inspection.pk

    # The lead inspector proposes the judged standards on the judgement pages.
    login(page, "lead")
    for standard, rating in JUDGED.items():
        _propose(page, pk, standard, rating)

    # The lead moves the inspection from fieldwork to the ratings panel on its status page:
    # half the demo's cases are open, so the move needs the reason, kept for the report.
    page.goto(f"/inspections/{pk}/status/")
    page.get_by_label("Move forward to ratings panel").check()
    page.get_by_label("Reason").fill("The demonstration stops at half the cases.")
    _submit(page, page.get_by_role("button", name="Change the status"))
    inspection.refresh_from_db()
    assert inspection.status == "panel"

    panel = _tab(browser, live_server, "panel")
    panel.goto(f"/inspections/{pk}/")
    _submit(panel, panel.get_by_role("link", name="Ratings panel"))
    assert panel.get_by_role("heading", name="Ratings panel", level=1).is_visible()
    assert panel.get_by_text(re.compile(r"^Overall score \d+ of 21")).is_visible()
    assert _serious_violations(panel) == []

    # A departure without a reason is refused (001 §4.24), with the form error linked.
    p13 = _section(panel, "P1.3")
    p13.locator("input[name=decision][value=departed]").check()
    p13.get_by_label("Final rating, when departing").select_option(label="Good")
    _submit(panel, p13.get_by_role("button", name="Record the decision"))
    summary = panel.locator(".govuk-error-summary")
    assert "has no reason" in summary.inner_text()
    assert _serious_violations(panel) == []

    # With its reasons the departure is recorded.
    p13 = _section(panel, "P1.3")
    p13.locator("input[name=decision][value=departed]").check()
    p13.get_by_label("Final rating, when departing").select_option(label="Good")
    p13.get_by_label("Reasons").fill("Strong evidence from partners outweighs the gaps.")
    _submit(panel, p13.get_by_role("button", name="Record the decision"))
    assert panel.locator(".govuk-error-summary").count() == 0

    # Sign-off is refused while ratings are undecided, then every other rating is verified.
    _submit(panel, panel.get_by_role("button", name="Sign off the panel's ratings"))
    assert "not decided: P1.1" in panel.locator(".govuk-error-summary").inner_text()
    for target in ("P1.1", "P1.2", *CASE_BASED, "overall"):
        _verify(panel, target)
    _submit(panel, panel.get_by_role("button", name="Sign off the panel's ratings"))
    assert panel.locator("#signed-off").is_visible()
    assert panel.get_by_role("button", name="Reopen the panel's ratings").is_visible()

    # The lead inspector writes a recommendation, then publishes.
    page.goto(f"/inspections/{pk}/")
    _submit(page, page.get_by_role("link", name="Recommendations"))
    page.get_by_label("Addressed to").fill("The head of the Ashmoor PDU")
    page.get_by_label("Recommendation", exact=True).fill(RECOMMENDATION)
    _submit(page, page.get_by_role("button", name="Add the recommendation"))
    assert page.get_by_text(RECOMMENDATION).is_visible()
    assert _serious_violations(page) == []
    page.goto(f"/inspections/{pk}/")
    _submit(page, page.get_by_role("link", name="Publish the report"))
    assert _serious_violations(page) == []
    _submit(page, page.get_by_role("button", name="Publish the report"))
    assert page.url.endswith(f"/reports/{pk}/")
    assert page.locator("#draft-notice").count() == 0
    assert _serious_violations(page) == []
    inspection.refresh_from_db()
    assert inspection.status == "published"

    # The PDF link leads to its background job: made by a worker, then downloaded, a PDF whose
    # text holds the ratings table. Rendering it takes a few seconds, much longer while the
    # other test worker shares the cores, so this one step may take up to PDF_TIMEOUT_MS (its
    # speed is benchmarks/report_pdf.py's concern).
    _submit(page, page.get_by_role("link", name="Download the report (PDF)"))
    with job_worker_thread():
        _submit(page, page.get_by_role("button", name="Make the file"))
        page.locator("#job-download").wait_for(timeout=PDF_TIMEOUT_MS)
    with page.expect_download(timeout=PDF_TIMEOUT_MS) as download_info:
        page.locator("#job-download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(
        " ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages
    )
    assert "Ratings" in text
    for standard in (*JUDGED, *CASE_BASED):
        assert standard in text
    assert "Good" in text  # P1.3's final rating, after the panel's departure
    assert "Strong evidence from partners outweighs the gaps." in text
    assert RECOMMENDATION in text

    # The unit's viewer reads the published report.
    viewer = _tab(browser, live_server, "viewer")
    response = viewer.goto(f"/reports/{pk}/")
    assert response is not None
    assert response.status == 200
    assert inspection.title in viewer.content()
    for tab in (panel, viewer):
        tab.context.close()
