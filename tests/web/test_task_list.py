"""The inspection overview as a task list: each task's status follows the inspection's state,
a task that cannot start says why, and actions that cannot be done yet are not offered."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pinspect.web.assessments.models import SampledCase
from pinspect.web.inspections.models import Inspection, Membership

pytestmark = pytest.mark.django_db


def _task(page: str, slug: str) -> str:
    match = re.search(rf'<li [^>]*id="task-{slug}">(.*?)</li>', page, re.S)
    assert match is not None, slug
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_a_new_inspection_shows_what_cannot_start_yet_and_why(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    Inspection.objects.filter(pk=inspection.pk).update(status="set_up")
    SampledCase.objects.filter(inspection=inspection).delete()
    Membership.objects.filter(inspection=inspection, role="inspector").delete()
    page = client_for("lead").get(f"/inspections/{inspection.pk}/").content.decode()
    assert "govuk-task-list" in page
    assert _task(page, "team") == (
        "Build the inspection team At least one inspector is needed for fieldwork In progress"
    )
    assert _task(page, "sample") == "Upload the long list and draw the sample Not yet started"
    assert f'href="/samples/{inspection.pk}/draw/"' in page
    assert (
        _task(page, "assignment")
        == "Assign cases to inspectors Draw the sample first Cannot start yet"
    )
    assert "Cannot start yet" in _task(page, "cases")
    assert "moves to the ratings panel after fieldwork" in _task(page, "panel")
    assert "Only an inspection at the ratings panel can be published" in _task(page, "publish")
    # Nothing to replace before a draw.
    assert f"/samples/{inspection.pk}/replace/" not in page
    assert "0 of 0" in page


def test_fieldwork_shows_progress_and_the_gate_to_the_panel(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    SampledCase.objects.filter(pk=scenario["case"].pk).update(status="complete")
    page = client_for("lead").get(f"/inspections/{inspection.pk}/").content.decode()
    assert _task(page, "team").endswith("Completed")
    assert _task(page, "assignment") == "Assign cases to inspectors Completed"
    assert _task(page, "cases") == "Assess the sample cases 1 of 2 cases complete In progress"
    assert _task(page, "judgements") == (
        "Domain one judgements 0 of 3 judged standards have a proposed rating Not yet started"
    )
    panel = _task(page, "panel")
    assert panel.startswith("Ratings panel 1 sample case is not complete or withdrawn")
    assert panel.endswith("Cannot start yet")
    assert '<progress class="pinspect-progress govuk-!-width-full" max="2" value="1"' in page
    assert "<strong>0 of 3</strong> judged standards with a proposed rating" in page
    assert f"/samples/{inspection.pk}/replace/" in page


def test_tasks_link_only_for_those_allowed(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    page = client_for("qa").get(f"/inspections/{inspection.pk}/").content.decode()
    assert f'href="/inspections/{inspection.pk}/team/"' not in page
    assert f'href="/samples/{inspection.pk}/assign/"' not in page
    assert "Build the inspection team" in page
    assert f'href="/evidence/{inspection.pk}/judgements/"' in page


def test_pages_speak_in_words_not_codes(scenario: dict[str, Any], client_for: Any) -> None:
    inspection = scenario["fieldwork"]
    client = client_for("lead")
    page = client.get(f"/inspections/{inspection.pk}/").content.decode()
    kq = list(inspection.framework.standards)[-1].key_questions[0]
    assert f"<strong>{kq.id}</strong> {kq.text}" in page.replace("&#x27;", "'")
    assert ">Female<" in page  # the stratum, in words
    assert ">Not started<" in page  # the case status
    assert "hmip-2023-pdu" not in page.split("<main", 1)[1].split("This page as JSON")[0]
    change = {"case-" + str(scenario["case"].pk): str(scenario["users"]["inspector2"].pk)}
    change["was-" + str(scenario["case"].pk)] = str(scenario["users"]["inspector"].pk)
    assert client.post(f"/samples/{inspection.pk}/assign/", change).status_code == 302
    trail = client.get(f"/audit/inspections/{inspection.pk}/").content.decode()
    assert "Assigned to" in trail
    assert ">assigned_to<" not in trail
