"""A whole inspection in the browser, from nothing to a published report, with no visit to
``/admin/``: a lead inspector with no admin rights creates it, builds the team, uploads a long
list and draws the sample, shares the cases out; the inspector assesses; evidence and the
domain-one judgements (001 §4.15) are recorded; the move to the ratings panel is refused while
cases are open, with its reason on the page; the cases are completed, the panel verifies and
signs off, the lead publishes, and a viewer opens the published report from their list.
axe-core checks every page on the way, the error pages included.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model

from pinspect.synthetic import synthetic_long_list
from pinspect.web.assessments.models import SampledCase
from pinspect.web.demo import DemoSummary
from pinspect.web.inspections.models import Inspection
from tests.web.e2e.conftest import TIMEOUT_MS, login
from tests.web.jobs import job_worker_thread

TITLE = "Ashmoor PDU inspection 2026"
JUDGED = {"P1.1": "Good", "P1.2": "Good", "P1.3": "Requires improvement"}
TARGETS = ("P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4", "overall")
SAMPLE_SIZE = 4
#: The draw's job, run by a worker while other tests share the cores.
JOB_TIMEOUT_MS = 90_000
# PINSPECT_SCREENSHOTS=<directory>: keep a full-page screenshot of each checked page there.
SCREENSHOTS = os.environ.get("PINSPECT_SCREENSHOTS", "")


class Journey:
    """One signed-in tab: every page it reaches is checked by axe-core, never /admin/."""

    def __init__(self, browser: Any, live_server: Any, username: str) -> None:
        self.context = browser.new_context(base_url=live_server.url, accept_downloads=True)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.tab = self.context.new_page()
        self.visited: list[str] = []
        self.tab.on("framenavigated", self._note)
        login(self.tab, username)

    def _note(self, frame: Any) -> None:
        if frame == self.tab.main_frame:
            self.visited.append(frame.url)

    def check(self, name: str = "") -> None:
        """No axe-core violation, of any impact, on the page as it is now."""
        violations = [
            f"{v['impact']}: {v['id']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in Axe().run(self.tab).response["violations"]
        ]
        assert violations == [], f"{name or self.tab.url}: {violations}"
        if name and SCREENSHOTS:
            self.tab.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)

    def submit(self, button: Any) -> None:
        with self.tab.expect_navigation():
            button.click()

    def click(self, name: str) -> None:
        self.submit(self.tab.get_by_role("link", name=name, exact=True))
        self.check()

    def errors(self) -> str:
        summary = self.tab.locator(".govuk-error-summary")
        return summary.inner_text() if summary.count() else ""

    def close(self) -> None:
        assert not [url for url in self.visited if "/admin/" in url]
        self.context.close()


def _long_list(tmp_path: Path, today: date) -> Path:
    rows = synthetic_long_list(200, 31, today)
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "long-list.csv"
    path.write_text(stream.getvalue(), encoding="utf-8")
    return path


def _fill_date(tab: Any, prefix: str, day: date) -> None:
    tab.locator(f"#id_{prefix}_day").fill(str(day.day))
    tab.locator(f"#id_{prefix}_month").fill(str(day.month))
    tab.locator(f"#id_{prefix}_year").fill(str(day.year))


def _assess_every_case(inspector: Journey, inspection: Any, count: int | None = None) -> int:
    """Assess the inspector's unfinished cases (all yes), from their list; how many."""
    done = 0
    while count is None or done < count:
        inspector.tab.goto("/cases/mine/")
        row = inspector.tab.locator("tbody tr", has_text=inspection.title).filter(
            has_not_text="Complete"
        )
        if row.count() == 0:
            break
        inspector.submit(row.first.get_by_role("link", name=re.compile("^Whole case")))
        yes = inspector.tab.locator('input.govuk-radios__input[value="yes"]')
        for index in range(yes.count()):
            yes.nth(index).check()
        inspector.submit(inspector.tab.get_by_role("button", name="Save and mark complete"))
        assert inspector.errors() == "", inspector.errors()
        done += 1
    return done


@pytest.mark.slow
def test_a_lead_runs_a_whole_inspection_in_the_app(
    browser: Any, live_server: Any, demo: DemoSummary, tmp_path: Path
) -> None:
    assert not get_user_model().objects.get(username="lead").is_staff
    today = date.today()
    lead = Journey(browser, live_server, "lead")
    tab = lead.tab

    # Create the inspection from the list.
    lead.check("list")
    lead.submit(tab.get_by_role("button", name="Create an inspection"))
    tab.get_by_label("Title").fill(TITLE)
    tab.get_by_label("Unit").select_option(label=str(demo.inspection.unit))
    tab.get_by_label("Framework").select_option("hmip-2023-pdu")
    _fill_date(tab, "start", today - timedelta(days=365))
    _fill_date(tab, "end", today)
    lead.check("create")
    lead.submit(tab.get_by_role("button", name="Create the inspection"))
    assert lead.errors() == "", lead.errors()
    inspection = Inspection.objects.get(title=TITLE)
    assert inspection.status == "set_up"
    lead.check("overview-new")
    assert "Draw the sample first" in tab.locator("#task-assignment").inner_text()
    tab.goto("/inspections/")
    assert tab.get_by_role("link", name=TITLE).is_visible()
    tab.goto(f"/inspections/{inspection.pk}/")

    # Build the team by choosing people from the list.
    lead.click("Build the inspection team")
    for person, role in (("inspector", "Inspector"), ("panel", "Ratings panel member")):
        tab.get_by_label("Search people by name or username").fill(person)
        lead.submit(tab.get_by_role("button", name="Search"))
        tab.get_by_label("Person").select_option(person)
        tab.locator("#id_role").select_option(label=role)
        lead.submit(tab.get_by_role("button", name="Add to the team"))
        assert lead.errors() == "", lead.errors()
    lead.check("team")

    # Moving to fieldwork is refused before the draw, with the reason on the page.
    tab.goto(f"/inspections/{inspection.pk}/status/")
    tab.get_by_label("Move forward to fieldwork").check()
    lead.submit(tab.get_by_role("button", name="Change the status"))
    assert "Draw the sample first" in lead.errors()
    lead.check("status-refused-fieldwork")

    # Upload the long list and draw a small sample.
    tab.goto(f"/inspections/{inspection.pk}/")
    lead.click("Upload the long list and draw the sample")
    tab.locator("#id_file").set_input_files(str(_long_list(tmp_path, today)))
    tab.get_by_label("A given number of cases").check()
    tab.locator("#id_size").fill(str(SAMPLE_SIZE))
    tab.locator("#id_seed").fill("2026")
    lead.submit(tab.get_by_role("button", name="Draw the sample"))
    assert lead.errors() == "", lead.errors()
    # The draw runs in the background: its page shows the progress, then links to the sample.
    assert tab.get_by_role("heading", name="Drawing the sample").is_visible()
    lead.check("draw-job")
    with job_worker_thread():
        tab.get_by_role("link", name="See the sample").wait_for(timeout=JOB_TIMEOUT_MS)
    assert "Sample drawn:" in tab.locator("#job-outcome").inner_text()
    lead.check("draw-job-done")
    lead.click("See the sample")
    lead.check("sample")
    sample = SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=True)
    assert sample.count() == SAMPLE_SIZE

    # Share the cases out in bulk, then move to fieldwork.
    tab.goto(f"/inspections/{inspection.pk}/")
    lead.click("Assign cases to inspectors")
    lead.submit(tab.get_by_role("button", name="Share the unassigned cases evenly"))
    assert "shared among the inspectors" in tab.locator(".govuk-notification-banner").inner_text()
    lead.check("assign")
    assert not sample.filter(assigned_to=None).exists()
    tab.goto(f"/inspections/{inspection.pk}/status/")
    tab.get_by_label("Move forward to fieldwork").check()
    lead.submit(tab.get_by_role("button", name="Change the status"))
    assert lead.errors() == "", lead.errors()
    inspection.refresh_from_db()
    assert inspection.status == "fieldwork"

    # The inspector assesses one case.
    inspector = Journey(browser, live_server, "inspector")
    inspector.check("my-cases")
    assert _assess_every_case(inspector, inspection, count=1) == 1
    inspector.check("case-complete")

    # Evidence and the domain-one judgements.
    tab.goto(f"/inspections/{inspection.pk}/")
    lead.click("Evidence log")
    tab.goto(f"/evidence/{inspection.pk}/add/")
    tab.get_by_label("Fieldwork meeting").check()
    tab.get_by_label("Title").fill("Meeting with the head of the PDU")
    tab.get_by_label("Who attended (meetings)").fill("Head of PDU")
    lead.submit(tab.get_by_role("button", name="Add to the evidence log"))
    assert lead.errors() == "", lead.errors()
    lead.check("evidence")
    for standard, rating in JUDGED.items():
        tab.goto(f"/evidence/{inspection.pk}/judgements/{standard}/")
        tab.get_by_label("Rationale").fill(f"Meetings and documents support {rating}.")
        tab.get_by_role("group", name=f"Proposed rating for {standard}").get_by_label(
            rating, exact=True
        ).check()
        lead.submit(tab.get_by_role("button", name="Save judgement"))
        assert lead.errors() == "", lead.errors()
    lead.check("judgement")

    # The move to the panel is refused while cases are open: the reason is on the page.
    tab.goto(f"/inspections/{inspection.pk}/")
    lead.check("overview-fieldwork")
    assert "Cannot start yet" in tab.locator("#task-panel").inner_text()
    tab.goto(f"/inspections/{inspection.pk}/status/")
    tab.get_by_label("Move forward to ratings panel").check()
    lead.submit(tab.get_by_role("button", name="Change the status"))
    assert f"{SAMPLE_SIZE - 1} sample cases are not complete or withdrawn" in lead.errors()
    lead.check("status-refused-panel")
    inspection.refresh_from_db()
    assert inspection.status == "fieldwork"

    # The cases are completed; then the move goes through.
    assert _assess_every_case(inspector, inspection) == SAMPLE_SIZE - 1
    tab.goto(f"/inspections/{inspection.pk}/status/")
    assert "Everything needed to move forward to ratings panel is done" in tab.content()
    tab.get_by_label("Move forward to ratings panel").check()
    lead.submit(tab.get_by_role("button", name="Change the status"))
    assert lead.errors() == "", lead.errors()
    inspection.refresh_from_db()
    assert inspection.status == "panel"

    # The panel verifies every rating and signs off.
    panel = Journey(browser, live_server, "panel")
    panel.tab.goto(f"/inspections/{inspection.pk}/")
    panel.click("Ratings panel")
    for target in TARGETS:
        section = panel.tab.locator(f"#decision-{target.replace('.', '-')}")
        section.locator("input[name=decision][value=verified]").check()
        panel.submit(section.get_by_role("button", name="Record the decision"))
        assert panel.errors() == "", panel.errors()
    panel.submit(panel.tab.get_by_role("button", name="Sign off the panel's ratings"))
    panel.check("panel-signed")

    # The lead publishes.
    tab.goto(f"/inspections/{inspection.pk}/")
    lead.check("overview-panel")
    lead.click("Publish the report")
    lead.submit(tab.get_by_role("button", name="Publish the report"))
    inspection.refresh_from_db()
    assert inspection.status == "published"
    lead.check("report")
    assert f"{SAMPLE_SIZE} of {SAMPLE_SIZE}" in tab.locator("#basis").inner_text()

    # A viewer opens the published report from their list, and its results.
    viewer = Journey(browser, live_server, "viewer")
    viewer.check("viewer-list")
    report_link = re.compile(rf"^{TITLE}\s*: published report$")
    viewer.submit(viewer.tab.get_by_role("link", name=report_link))
    viewer.check("viewer-report")
    assert TITLE in viewer.tab.content()
    viewer.tab.goto("/inspections/")
    viewer.submit(viewer.tab.get_by_role("link", name=re.compile(rf"^Results\s+of {TITLE}$")))
    viewer.check("viewer-results")
    viewer.click("Read the published report")

    # The error pages say what to do next, and pass the checks too.
    response = viewer.tab.goto(f"/inspections/{inspection.pk}/team/")
    assert response is not None
    assert response.status == 403
    assert viewer.tab.get_by_role("link", name="Go to your inspections").is_visible()
    viewer.check("error-403")
    response = viewer.tab.goto("/inspections/999999/")
    assert response is not None
    assert response.status == 404
    viewer.check("error-404")

    for journey in (lead, inspector, panel, viewer):
        journey.close()
