"""The 2021 PDU outcomes standard (2.6) in the browser: axe-core finds no violation on its
case-form page, on the same page with its error summary, and on the results page showing the
outcomes as baseline data (003 §3.7, §4.10).

The demo inspection is assessed against the 2023 PDU standards; here it is turned into a 2021
one with no answers yet, and two cases are assessed again against 2021's questions.
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe

from pinspect.web.assessments.models import CaseAnswer, CaseStatus, SampledCase
from pinspect.web.assessments.saving import CaseAnswers, save_case
from pinspect.web.demo import DemoSummary
from tests.web.conftest import full_answers
from tests.web.e2e.conftest import login


def _violations(page: Any) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v.get('impact')}: {v['id']} ({v['help']}) at "
        + "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def _as_2021(demo: DemoSummary) -> list[SampledCase]:
    """The demo inspection under hmip-2021-pdu, its answers cleared: the inspector's cases."""
    inspection = demo.inspection
    inspection.framework_id = "hmip-2021-pdu"
    inspection.save()
    CaseAnswer.objects.filter(case__inspection=inspection).delete()
    cases = SampledCase.objects.filter(inspection=inspection)
    cases.update(status=CaseStatus.NOT_STARTED, attributes={"case_type": "community"})
    return list(
        cases.filter(assigned_to__username="inspector", reserve_rank__isnull=True).order_by(
            "reference"
        )
    )


def test_the_outcomes_page_its_error_summary_and_the_results(page: Any, demo: DemoSummary) -> None:
    first, *others = _as_2021(demo)
    login(page, "inspector")
    page.goto(f"/cases/{first.pk}/standards/2.6/")
    judgement = page.get_by_role("group", name="Your judgement for 2.6.1")
    assert judgement.get_by_text("Baseline data, not rated").is_visible()
    assert _violations(page) == [], "outcomes page"
    judgement.get_by_label("Met through stability").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and come back later").click()
    page.locator(".govuk-error-summary").wait_for()
    assert "met through stability" in page.locator(".govuk-error-summary").inner_text()
    assert _violations(page) == [], "outcomes page with its error summary"
    for case, outcome in zip(others[:2], ("met", "part met"), strict=True):
        answers = full_answers(case)
        answers["2.6.1"] = outcome
        save_case(
            case, case.version, CaseAnswers(answers, {}, complete=True), actor=case.assigned_to
        )
    page.goto(f"/inspections/{demo.inspection.pk}/results/")
    table = page.get_by_role("table", name="Outcomes met, part met and not met")
    row = table.locator('tr[data-outcome="2.6.1"]')
    assert row.locator('[data-count="met"]').inner_text() == "1"
    assert row.locator('[data-count="part_met"]').inner_text() == "1"
    assert _violations(page) == [], "results with outcomes"
