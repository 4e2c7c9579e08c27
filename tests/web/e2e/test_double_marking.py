"""Double-marking in the browser (001 §4.12, §4.13): QA draws the sub-sample, a second
inspector marks a case blind (the first marking hidden from them, theirs from the first
marker), the agreement appears, QA moderates the disagreement and the results move; the
audit trail holds each step. axe-core checks every page on the way."""

from __future__ import annotations

from typing import Any

from pinspect.web.assessments.models import CaseAnswer
from pinspect.web.audit.models import AuditEvent
from pinspect.web.consistency.models import QaCase, QaSample
from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import login
from tests.web.e2e.test_accessibility import _violations


def _checked(page: Any) -> None:
    page.locator("main").wait_for()
    assert _violations(page) == [], page.url


def _yes_count(page: Any, inspection_id: int, question: str) -> int:
    page.goto(f"/inspections/{inspection_id}/results/")
    page.get_by_role("heading", name="Provisional results").wait_for()
    row = page.locator(f'tr[data-key-question="{question}"]').first
    return int(row.locator('td[data-count="yes"]').inner_text())


def _fresh(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    login(tab, username)
    return tab


def test_qa_draws_an_inspector_marks_blind_and_qa_moderates(
    page: Any, browser: Any, live_server: Any, demo: DemoSummary
) -> None:
    inspection = demo.inspection
    # Start from the demo inspection without its sub-sample: this test draws its own.
    QaCase.objects.filter(sample__inspection=inspection).delete()
    QaSample.objects.filter(inspection=inspection).delete()

    # QA draws the sub-sample.
    login(page, "qa")
    page.goto(f"/inspections/{inspection.pk}/")
    page.get_by_role("link", name="QA sub-sample for double-marking").click()
    page.get_by_role("heading", name="QA sub-sample for double-marking").wait_for()
    _checked(page)
    page.get_by_label("Share of each inspector's complete cases").fill("0.1")
    page.get_by_label("Seed").fill("11")
    with page.expect_navigation():
        page.get_by_role("button", name="Draw the QA sub-sample").click()
    assert page.get_by_text("cases for second marking").is_visible()
    _checked(page)

    # A case the lead marked first and the inspector marks again.
    qa_case = QaCase.objects.filter(
        sample__inspection=inspection, second_marker__username="inspector"
    ).order_by("case__reference")[0]
    case = qa_case.case
    first = dict(CaseAnswer.objects.filter(case=case).values_list("question", "answer"))
    question = next(q for q, a in sorted(first.items()) if a == "yes" and q.count(".") == 2)

    inspector = _fresh(browser, live_server, "inspector")
    # Blind: the case's first marking is closed to the second marker, page and JSON.
    assert inspector.goto(f"/cases/{case.pk}/").status == 403
    assert inspector.goto(f"/api/cases/{case.pk}/answers").status == 403
    inspector.goto("/consistency/mine/")
    _checked(inspector)
    inspector.get_by_role("link", name=f"Case {case.reference}").click()
    inspector.get_by_role("heading", name=f"Second marking of case {case.reference}").wait_for()
    assert inspector.locator("input:checked").count() == 0  # nothing of the first marking
    assert "Demo note" not in inspector.content()
    _checked(inspector)
    # The first marker (the lead) cannot open the second marking.
    lead = _fresh(browser, live_server, "lead")
    assert lead.goto(f"/consistency/second-marking/{qa_case.pk}/").status == 403

    yes = inspector.locator('input.govuk-radios__input[value="yes"]')
    for index in range(yes.count()):
        yes.nth(index).check()
    inspector.locator(f'input[name="answer:{question}"][value="no"]').check()
    with inspector.expect_navigation():
        inspector.get_by_role("button", name="Save and mark complete").click()
    assert inspector.get_by_text(
        f"Second marking of case {case.reference} marked complete"
    ).is_visible()
    # Both complete: the case opens to the second marker.
    assert inspector.goto(f"/cases/{case.pk}/").status == 200

    # QA reads the agreement and moderates: the second marking counts.
    yes_before = _yes_count(page, inspection.pk, question)
    page.goto(f"/consistency/{inspection.pk}/agreement/")
    page.get_by_role("heading", name="Agreement between markers").wait_for()
    assert page.get_by_text("From the 1 case").is_visible()
    assert page.locator("#by-question").get_by_text("Raw agreement").is_visible()
    _checked(page)
    card = page.locator(".govuk-summary-card", has_text=f"Case {case.reference}, {question}")
    card.get_by_label("Keep the second marking").check()
    card.get_by_label("Reason").fill("The plan was not reviewed in the period")
    with page.expect_navigation():
        card.get_by_role("button", name="Record the decision").click()
    assert page.get_by_text(f"Moderated {question} of case {case.reference}").is_visible()
    assert page.get_by_text("Keep the second marking: No counts.").is_visible()
    _checked(page)
    assert _yes_count(page, inspection.pk, question) == yes_before - 1

    # The audit trail holds each step: the draw, the second marking, the decision.
    page.goto(f"/audit/inspections/{inspection.pk}/")
    assert page.get_by_text("The plan was not reviewed in the period").first.is_visible()
    _checked(page)
    kinds = set(
        AuditEvent.objects.filter(inspection=inspection).values_list("object_type", flat=True)
    )
    assert {"consistency.qasample", "consistency.qacase", "consistency.moderation"} <= kinds
    assert AuditEvent.objects.filter(
        object_type="consistency.qacase",
        object_id=str(qa_case.pk),
        field=f"{question} answer",
        new="no",
    ).exists()
    for tab in (inspector, lead):
        tab.context.close()
