"""The report pages: recommendations, publication after the panel's sign-off, the report as
HTML, PDF and data annex, and who may read it (viewers only once published, own unit only)."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pinspect.web.audit.models import AuditEvent
from pinspect.web.inspections.results import inspection_result
from pinspect.web.reports.models import (
    PseudonymKey,
    Publication,
    PublishedRating,
    Recommendation,
)
from tests.web.jobs import made_in_background
from tests.web.test_panel import at_panel, decide_all  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def signed_off(client_for: Any, inspection: Any) -> Any:
    client = client_for("panel")
    decide_all(client, inspection)
    assert client.post(f"/panel/{inspection.pk}/sign-off/").status_code == 302
    return inspection


def test_publication_is_refused_until_the_panel_signs_off(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    lead = client_for("lead")
    page = lead.get(f"/reports/{at_panel.pk}/publish/").content.decode()
    assert "has not signed off" in page
    response = lead.post(f"/reports/{at_panel.pk}/publish/")
    assert response.status_code == 400
    at_panel.refresh_from_db()
    assert at_panel.status == "panel"
    assert not Publication.objects.exists()

    signed_off(client_for, at_panel)
    assert client_for("panel").post(f"/reports/{at_panel.pk}/publish/").status_code == 403
    response = lead.post(f"/reports/{at_panel.pk}/publish/")
    assert response.status_code == 302
    at_panel.refresh_from_db()
    assert at_panel.status == "published"
    assert Publication.objects.get().published_by.username == "lead"
    event = AuditEvent.objects.get(object_type="inspections.inspection", field="status")
    assert (event.old, event.new, event.actor.username) == ("panel", "published", "lead")
    # Published: the panel can no longer reopen, the lead can no longer publish or edit.
    assert (
        client_for("panel").post(f"/panel/{at_panel.pk}/reopen/", {"reason": "x"}).status_code
        == 403
    )
    assert lead.post(f"/reports/{at_panel.pk}/publish/").status_code == 403


def test_publication_keeps_every_final_rating_for_aggregation(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    """000 R 1.2.2 reads published inspections' ratings: publication keeps every standard's
    final rating (departures applied) as the results computed it at that moment."""
    signed_off(client_for, at_panel)
    assert client_for("lead").post(f"/reports/{at_panel.pk}/publish/").status_code == 302
    result = inspection_result(at_panel)
    kept = dict(
        PublishedRating.objects.filter(inspection=at_panel).values_list("standard_id", "rating")
    )
    assert kept == {s.id: None if s.rating is None else int(s.rating) for s in result.standards}
    assert any(rating is not None for rating in kept.values())


def test_publication_is_refused_when_a_rating_changed_after_sign_off(
    at_panel: Any,  # noqa: F811
    client_for: Any,
    scenario: dict[str, Any],
) -> None:
    """Sign-off locks decisions and proposals, but the inspection can go back to fieldwork;
    a case answer changed there moves a computed rating, and the decision the panel signed
    is then out of date: publication is refused until the panel decides again."""
    from pinspect.web.assessments.saving import CaseAnswers, save_case  # noqa: PLC0415
    from tests.web.conftest import full_answers  # noqa: PLC0415

    signed_off(client_for, at_panel)
    at_panel.status = "fieldwork"
    at_panel.save()
    case = scenario["case"]
    case.refresh_from_db()
    answers = CaseAnswers(full_answers(case, yes=False), {}, complete=True)
    save_case(case, case.version, answers, actor=scenario["users"]["inspector"])
    at_panel.status = "panel"
    at_panel.save()
    response = client_for("lead").post(f"/reports/{at_panel.pk}/publish/")
    assert response.status_code == 400
    assert "P2.1" in response.content.decode()
    at_panel.refresh_from_db()
    assert at_panel.status == "panel"


def test_viewers_read_only_their_units_published_report(
    at_panel: Any,  # noqa: F811
    client_for: Any,
    scenario: dict[str, Any],
) -> None:
    viewer, other = client_for("viewer"), client_for("other_viewer")
    urls = (f"/reports/{at_panel.pk}/", f"/api/inspections/{at_panel.pk}/report")
    for url in urls:
        assert viewer.get(url).status_code == 404  # not published: not known to exist
        assert client_for("qa").get(url).status_code == 200  # the team reads the draft
    signed_off(client_for, at_panel)
    client_for("lead").post(f"/reports/{at_panel.pk}/publish/")
    for url in urls:
        assert viewer.get(url).status_code == 200
        assert other.get(url).status_code == 404  # another unit's report
        assert client_for("outsider").get(url).status_code == 404
    data = viewer.get(urls[1]).json()
    assert data["draft"] is False
    assert data["report"]["published_on"]
    assert data["report"]["title"] == at_panel.title
    # Another unit's published report is not the viewer's.
    for url in (
        f"/reports/{scenario['other'].pk}/",
        f"/api/inspections/{scenario['other'].pk}/report",
    ):
        assert viewer.get(url).status_code == 404
        assert other.get(url).status_code == 200


def test_a_draft_is_marked_and_a_published_report_is_not(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    response = client_for("lead").get(f"/reports/{at_panel.pk}/")
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "DRAFT" in page
    assert "<title>Draft: " in page
    signed_off(client_for, at_panel)
    client_for("lead").post(f"/reports/{at_panel.pk}/publish/")
    page = client_for("viewer").get(f"/reports/{at_panel.pk}/").content.decode()
    assert "DRAFT" not in page
    assert at_panel.title in page


def test_recommendations_are_added_changed_and_withdrawn_with_history(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    lead = client_for("lead")
    url = f"/reports/{at_panel.pk}/recommendations/"
    response = lead.post(url, {"addressed_to": "", "text": "Something"})
    assert response.status_code == 400
    assert "Enter the body the recommendation is addressed to" in response.content.decode()
    assert not Recommendation.objects.exists()

    body = {"addressed_to": "The head of the PDU", "text": "Review risk assessments monthly."}
    assert lead.post(url, body).status_code == 302
    item = Recommendation.objects.get()
    changed = {"addressed_to": "The regional director", "text": "Review them weekly."}
    assert lead.post(f"{url}{item.pk}/", changed).status_code == 302
    event = AuditEvent.objects.get(object_type="reports.recommendation", field="text", old__gt="")
    assert (event.old, event.new) == ("Review risk assessments monthly.", "Review them weekly.")
    report = lead.get(f"/api/inspections/{at_panel.pk}/report").json()["report"]
    assert report["recommendations"] == [changed]

    assert lead.post(f"{url}{item.pk}/withdraw/").status_code == 302
    item.refresh_from_db()
    assert item.withdrawn_at is not None  # kept, marked withdrawn
    assert AuditEvent.objects.filter(object_type="reports.recommendation", field="withdrawn_at")
    report = lead.get(f"/api/inspections/{at_panel.pk}/report").json()["report"]
    assert report["recommendations"] == []
    assert lead.post(f"{url}{item.pk}/", changed).status_code == 404  # withdrawn: not editable
    assert client_for("qa").post(url, body).status_code == 403
    assert client_for("panel").get(url).status_code == 403


def _csv_text(content: bytes) -> str:
    """Every CSV file of the annex's ZIP, as one text."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())


@pytest.mark.django_db(transaction=True)
def test_the_annex_carries_pseudonyms_never_case_references(
    at_panel: Any,  # noqa: F811
    client_for: Any,
    scenario: dict[str, Any],
) -> None:
    references = [scenario["case"].reference, scenario["case2"].reference]
    for fmt in ("csv", "xlsx", "ods"):
        # Made in the background (pinspect.web.jobs), then downloaded.
        response, content = made_in_background(
            client_for("qa"), f"/reports/{at_panel.pk}/annex/{fmt}/"
        )
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "no-store"
        if fmt == "csv":
            text = _csv_text(content)
        elif fmt == "xlsx":
            book = load_workbook(io.BytesIO(content), read_only=True)
            text = "\n".join(
                str(cell)
                for sheet in book
                for row in sheet.iter_rows(values_only=True)
                for cell in row
            )
        else:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                text = archive.read("content.xml").decode("utf-8")
        assert "case-" in text
        for reference in references:
            assert reference not in text, fmt
    assert client_for("qa").get(f"/reports/{at_panel.pk}/annex/pdf/").status_code == 404
    # The key is the inspection's own and is never sent.
    key = PseudonymKey.objects.get(inspection=at_panel).key
    report = client_for("qa").get(f"/api/inspections/{at_panel.pk}/report").content
    assert bytes(key).hex() not in report.decode()


@pytest.mark.django_db(transaction=True)
def test_the_pdf_holds_the_ratings_table(at_panel: Any, client_for: Any) -> None:  # noqa: F811
    """001 §4.4: the report's ratings table, with each standard's final rating."""
    response, content = made_in_background(client_for("lead"), f"/reports/{at_panel.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Cache-Control"] == "no-store"
    assert content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    flat = " ".join(text.split())
    assert "Ratings" in flat
    for standard in ("P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"):
        assert standard in flat
    assert "Good" in flat
    assert "Outstanding" in flat


def test_overview_links_to_the_report_only_for_those_who_may_see_it(
    at_panel: Any,  # noqa: F811
    client_for: Any,
) -> None:
    qa = client_for("qa").get(f"/inspections/{at_panel.pk}/").content.decode()
    lead = client_for("lead").get(f"/inspections/{at_panel.pk}/").content.decode()
    assert f'href="/reports/{at_panel.pk}/"' in qa
    assert f'href="/reports/{at_panel.pk}/recommendations/"' not in qa
    assert f'href="/reports/{at_panel.pk}/recommendations/"' in lead
    assert f'href="/reports/{at_panel.pk}/publish/"' in lead
