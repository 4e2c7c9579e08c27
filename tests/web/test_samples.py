"""Samples: draw from an uploaded long list with the sampling core (analysis shown, nothing
identifying stored), refusals, bad files, the sample key, prepared samples, replacement from
the reserve and assignment to inspectors."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook

from pinspect.sampling import (
    InspectionWindow,
    Stratification,
    assess_eligibility,
    draw_sample,
    long_list_from_records,
    required_sample_size,
)
from pinspect.settings import Settings
from pinspect.synthetic import synthetic_long_list
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.inspections.models import Inspection, Membership
from pinspect.web.inspections.progress import inspection_progress
from pinspect.web.inspections.results import complete_cases
from pinspect.web.jobs.models import JobInput
from pinspect.web.samples.models import Replacement, SampleDraw

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 30)
SEED = 4242


@pytest.fixture
def rows() -> list[dict[str, str]]:
    return synthetic_long_list(600, 11, TODAY)


def _csv(rows: list[dict[str, str]]) -> bytes:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue().encode()


def _xlsx(rows: list[dict[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


@pytest.fixture
def setup(scenario: dict[str, Any]) -> Any:
    """An inspection of PDU one in set-up with the scenario's team and no sample."""
    inspection = Inspection.objects.create(
        title="PDU one 2025",
        unit=scenario["fieldwork"].unit,
        framework_id="hmip-2023-pdu",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 6, 30),
        status="set_up",
    )
    for role in ("admin", "lead", "inspector", "qa"):
        Membership.objects.create(inspection=inspection, user=scenario["users"][role], role=role)
    Membership.objects.create(
        inspection=inspection, user=scenario["users"]["inspector2"], role="inspector"
    )
    return inspection


def _draw(client: Any, inspection: Any, data: bytes, name: str = "longlist.csv", **extra: Any):
    body = {
        "file": SimpleUploadedFile(name, data),
        "sample": "supervision",
        "sized_by": "confidence",
        "confidence": "80",
        "margin": "5",
        "max_per_practitioner": "6",
        "reserve_percent": "20",
        "seed": str(SEED),
        **extra,
    }
    return client.post(f"/samples/{inspection.pk}/draw/", body)


def _everything_stored(inspection: Any) -> str:
    """Every value stored for the inspection's sample, as one text to search."""
    cases = list(SampledCase.objects.filter(inspection=inspection).values())
    draws = list(SampleDraw.objects.filter(inspection=inspection).values())
    events = list(AuditEvent.objects.filter(inspection=inspection).values())
    return json.dumps([cases, draws, events], default=str)


def test_draw_stores_pseudonymous_cases_and_the_draw_record(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    data = _csv(rows)
    lead = client_for("lead")
    response = _draw(lead, setup, data)
    assert response.status_code == 302
    # The draw runs as a background job: the page of the job says what was saved and links
    # to the sample; the long list is not kept once the sample is saved.
    assert response["Location"] == f"/samples/{setup.pk}/draw/job/"
    job_page = lead.get(response["Location"]).content.decode()
    draw = SampleDraw.objects.get(inspection=setup)
    assert (
        f"Sample drawn: {draw.sample_cases} cases and {draw.reserve_cases} in reserve (seed {SEED})"
    ) in job_page
    assert f'href="/samples/{setup.pk}/"' in job_page
    assert not JobInput.objects.exists()
    cases = SampledCase.objects.filter(inspection=setup)
    sample = cases.filter(reserve_rank__isnull=True)
    reserve = cases.filter(reserve_rank__isnull=False)
    assert (sample.count(), reserve.count()) == (draw.sample_cases, draw.reserve_cases)
    assert draw.sample_cases > 100
    assert sorted(reserve.values_list("reserve_rank", flat=True)) == list(
        range(1, draw.reserve_cases + 1)
    )
    assert sorted(cases.values_list("reference", flat=True))[:2] == ["C0001", "C0002"]
    assert draw.seed == SEED
    assert (draw.population, draw.method, draw.drawn_by.username) == (600, "drawn", "lead")
    assert draw.eligible == draw.population - sum(draw.excluded.values())
    assert len(draw.file_sha256) == 64
    assert {row["stratum"] for row in draw.analysis["strata"]} >= {"female"}
    event = AuditEvent.objects.get(inspection=setup, field="sample")
    assert event.actor.username == "lead"
    assert f"seed {SEED}" in event.new
    stored = _everything_stored(setup)
    for row in rows:
        assert row["crn"] not in stored
        assert not row["pnc"] or row["pnc"] not in stored
        assert row["date_of_birth"] not in stored


def test_the_sample_page_shows_the_analysis_and_exclusions(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    client = client_for("lead")
    _draw(client, setup, _csv(rows))
    draw = SampleDraw.objects.get(inspection=setup)
    page = client_for("qa").get(f"/samples/{setup.pk}/").content.decode()
    assert "Analysis" in page
    assert "Original %" in page
    assert "Achieved %" in page
    assert "male_community_low" in page
    assert "duplicate of one person" in page
    assert f"{draw.population} cases, {draw.eligible} eligible" in page
    assert str(SEED) in page
    assert "Draw the sample from a long list" not in page  # qa may not manage


def test_the_drawn_sample_is_the_core_draw(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    _draw(client_for("lead"), setup, _csv(rows))
    long_list = long_list_from_records(rows)
    classifier = Stratification().classifier(long_list.columns)
    eligibility = assess_eligibility(
        long_list.cases,
        classifier,
        today=timezone.localdate(),
        window=InspectionWindow(date(2024, 1, 1), date(2024, 6, 30)),
    )
    settings = Settings()
    size = required_sample_size(
        len(eligibility.eligible),
        confidence_level=settings.confidence_level,
        margin_of_error=settings.margin_of_error,
    )
    sample = draw_sample(eligibility.eligible, classifier, size, seed=SEED, settings=settings)
    stored = list(
        SampledCase.objects.filter(inspection=setup)
        .order_by("reference")
        .values_list("stratum", "reserve_rank")
    )
    assert stored == [(d.stratum, d.reserve_rank) for d in sample.cases]


def test_a_second_draw_is_refused_and_changes_nothing(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    client = client_for("lead")
    _draw(client, setup, _csv(rows))
    before = list(SampledCase.objects.filter(inspection=setup).values_list("pk", "stratum"))
    response = _draw(client, setup, _csv(rows), seed="1")
    assert response.status_code == 409
    assert "already has a sample" in response.content.decode()
    after = list(SampledCase.objects.filter(inspection=setup).values_list("pk", "stratum"))
    assert after == before
    assert SampleDraw.objects.filter(inspection=setup).count() == 1
    page = client.get(f"/samples/{setup.pk}/prepared/")
    assert "already has a sample" in page.content.decode()


def test_no_draw_outside_set_up(scenario: dict[str, Any], client_for: Any, rows: Any) -> None:
    fieldwork = Inspection.objects.create(
        title="empty fieldwork",
        unit=scenario["fieldwork"].unit,
        framework_id="hmip-2023-pdu",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 6, 30),
        status="fieldwork",
    )
    Membership.objects.create(inspection=fieldwork, user=scenario["users"]["lead"], role="lead")
    response = _draw(client_for("lead"), fieldwork, _csv(rows))
    assert response.status_code == 409
    assert "only while the inspection is in set-up" in response.content.decode()
    assert not SampledCase.objects.filter(inspection=fieldwork).exists()


def test_a_bad_long_list_names_file_line_and_field_and_writes_nothing(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    bad = [dict(row) for row in rows[:50]]
    bad[1]["start_date"] = "not a date"  # the third line of the file
    response = _draw(client_for("lead"), setup, _csv(bad))
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "longlist.csv:3: start_date:" in page
    assert 'href="#id_file"' in page
    assert not SampledCase.objects.filter(inspection=setup).exists()
    assert not SampleDraw.objects.exists()
    assert not AuditEvent.objects.filter(inspection=setup).exists()


def test_a_missing_column_is_named(setup: Any, client_for: Any, rows: Any) -> None:
    without = [{k: v for k, v in row.items() if k != "practitioner"} for row in rows[:20]]
    response = _draw(client_for("lead"), setup, _csv(without))
    assert response.status_code == 400
    assert "longlist.csv:1: practitioner: required column is missing" in response.content.decode()
    assert not SampledCase.objects.filter(inspection=setup).exists()


def test_form_errors_are_summarised(setup: Any, client_for: Any, rows: Any) -> None:
    response = _draw(client_for("lead"), setup, _csv(rows), sized_by="given", size="")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_size"' in page
    assert "Enter the number of cases to draw" in page
    response = _draw(client_for("lead"), setup, b"crn\n", name="longlist.txt")
    assert "The file must be a .csv or .xlsx file" in response.content.decode()
    assert not SampledCase.objects.filter(inspection=setup).exists()


def test_a_size_larger_than_the_eligible_cases_is_refused(
    setup: Any, client_for: Any, rows: Any
) -> None:
    response = _draw(client_for("lead"), setup, _csv(rows), sized_by="given", size="100000")
    assert response.status_code == 400
    page = response.content.decode()
    assert "size: the sample size 100000 must lie between 1" in page
    assert 'href="#id_size"' in page


def test_a_file_over_the_limit_is_refused(
    setup: Any, client_for: Any, rows: Any, settings: Any
) -> None:
    settings.PINSPECT_LONGLIST_MAX_BYTES = 1000
    response = _draw(client_for("lead"), setup, _csv(rows))
    assert response.status_code == 400
    assert "The file must be smaller than" in response.content.decode()
    assert not SampledCase.objects.filter(inspection=setup).exists()


def test_draw_from_xlsx_with_a_column_mapping(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    renamed = [
        {("Case Reference Number" if k == "crn" else k): v for k, v in row.items()} for row in rows
    ]
    mapping = SimpleUploadedFile("map.yaml", b"Case Reference Number: crn\n")
    response = _draw(
        client_for("lead"), setup, _xlsx(renamed), name="longlist.xlsx", mapping=mapping
    )
    assert response.status_code == 302
    draw = SampleDraw.objects.get(inspection=setup)
    assert draw.settings["mapping"] == {"case_reference_number": "crn"}
    assert SampledCase.objects.filter(inspection=setup).count() == (
        draw.sample_cases + draw.reserve_cases
    )


def test_a_bad_mapping_file_is_reported(setup: Any, client_for: Any, rows: Any) -> None:
    mapping = SimpleUploadedFile("map.yaml", b"just text")
    response = _draw(client_for("lead"), setup, _csv(rows), mapping=mapping)
    assert response.status_code == 400
    page = response.content.decode()
    assert "map.yaml: a mapping file is a YAML mapping" in page
    assert 'href="#id_mapping"' in page


def _key(client: Any, inspection: Any, data: bytes, name: str = "longlist.csv") -> Any:
    return client.post(f"/samples/{inspection.pk}/key/", {"file": SimpleUploadedFile(name, data)})


def test_the_sample_key_reproduces_the_references(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    client = client_for("lead")
    data = _csv(rows)
    _draw(client, setup, data)
    response = _key(client, setup, data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "no-store"
    key = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(key[0]) == [
        "reference",
        "crn",
        "stratum",
        "area",
        "team",
        "practitioner",
        "reserve_rank",
    ]
    stored = dict(SampledCase.objects.filter(inspection=setup).values_list("reference", "stratum"))
    assert {row["reference"]: row["stratum"] for row in key} == stored
    by_crn = {row["crn"]: row for row in rows}
    for row in key:
        source = by_crn[row["crn"]]
        assert (row["area"], row["team"]) == (source["area"], source["team"])
    assert _key(client, setup, data).content == response.content
    assert AuditEvent.objects.filter(inspection=setup, field="sample_key").count() == 2


def test_the_sample_key_refuses_another_file(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    client = client_for("lead")
    _draw(client, setup, _csv(rows))
    response = _key(client, setup, _csv(rows[:-1]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "SHA-256" in page
    assert "govuk-error-summary" in page
    assert response["Content-Type"].startswith("text/html")


def test_no_key_without_a_drawn_sample(setup: Any, client_for: Any, rows: Any) -> None:
    response = _key(client_for("lead"), setup, _csv(rows))
    assert response.status_code == 409
    assert "no key to produce" in response.content.decode()


def _prepared(client: Any, inspection: Any, text: str, name: str = "prepared.csv") -> Any:
    upload = SimpleUploadedFile(name, text.encode())
    return client.post(f"/samples/{inspection.pk}/prepared/", {"file": upload})


PREPARED = (
    "reference,stratum,reserve_rank,sex,ethnicity\n"
    "P001,female,,female,White\n"
    "P002,male_community_low,,male,\n"
    "P003,female,1,female,\n"
    "P004,male_community_low,2,male,\n"
)


def test_a_prepared_sample_is_stored(setup: Any, client_for: Any) -> None:
    response = _prepared(client_for("lead"), setup, PREPARED)
    assert response.status_code == 302
    cases = {c.reference: c for c in SampledCase.objects.filter(inspection=setup)}
    assert set(cases) == {"P001", "P002", "P003", "P004"}
    assert cases["P001"].reserve_rank is None
    assert cases["P003"].reserve_rank == 1
    assert cases["P001"].attributes == {"sex": "female", "ethnicity": "White"}
    assert cases["P001"].sample == "supervision"
    draw = SampleDraw.objects.get(inspection=setup)
    assert (draw.method, draw.sample_cases, draw.reserve_cases) == ("prepared", 2, 2)
    assert AuditEvent.objects.filter(inspection=setup, field="sample").exists()


def test_an_invalid_prepared_sample_names_every_problem_and_saves_nothing(
    setup: Any, client_for: Any
) -> None:
    text = "reference,stratum,reserve_rank\nP001,female,\nP001,female,\nP003,,x\nP004,female,\n"
    response = _prepared(client_for("lead"), setup, text)
    assert response.status_code == 400
    page = response.content.decode()
    assert "prepared.csv:3: reference: the same reference as line 2" in page
    assert "prepared.csv:4: stratum: a stratum is required" in page
    assert "prepared.csv:4: reserve_rank: a reserve rank is a whole number from 1" in page
    assert not SampledCase.objects.filter(inspection=setup).exists()
    assert not SampleDraw.objects.exists()


def test_a_prepared_sample_may_not_identify_people(setup: Any, client_for: Any) -> None:
    response = _prepared(client_for("lead"), setup, "reference,stratum,crn\nP001,female,X1\n")
    assert response.status_code == 400
    assert "prepared.csv:1: crn: a prepared sample must not identify people" in (
        response.content.decode()
    )
    assert not SampledCase.objects.filter(inspection=setup).exists()


@pytest.fixture
def in_fieldwork(setup: Any, client_for: Any, scenario: dict[str, Any]) -> Any:
    """The prepared sample in fieldwork, P001 and P002 assigned to the inspector."""
    _prepared(client_for("lead"), setup, PREPARED)
    setup.status = "fieldwork"
    setup.save()
    SampledCase.objects.filter(inspection=setup, reserve_rank__isnull=True).update(
        assigned_to=scenario["users"]["inspector"]
    )
    return setup


def _replace(client: Any, inspection: Any, case: str, reason: str, reserve: str = "") -> Any:
    pk = SampledCase.objects.get(inspection=inspection, reference=case).pk
    body = {"case": str(pk), "reserve": reserve, "reason": reason}
    return client.post(f"/samples/{inspection.pk}/replace/", body)


def test_replacement_without_a_reason_changes_nothing(in_fieldwork: Any, client_for: Any) -> None:
    events = AuditEvent.objects.count()
    response = _replace(client_for("lead"), in_fieldwork, "P001", "  ")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert 'href="#id_reason"' in page
    assert "Enter the reason the case is replaced" in page
    p001 = SampledCase.objects.get(inspection=in_fieldwork, reference="P001")
    p003 = SampledCase.objects.get(inspection=in_fieldwork, reference="P003")
    assert (p001.withdrawn_at, p003.reserve_rank) == (None, 1)
    assert not Replacement.objects.exists()
    assert AuditEvent.objects.count() == events


def test_replacement_from_the_reserve_of_the_same_stratum(
    in_fieldwork: Any, client_for: Any, scenario: dict[str, Any]
) -> None:
    inspector = client_for("inspector")
    assert "P002" in inspector.get("/cases/mine/").content.decode()
    response = _replace(client_for("lead"), in_fieldwork, "P002", "transferred out of the PDU")
    assert response.status_code == 302
    p002 = SampledCase.objects.get(inspection=in_fieldwork, reference="P002")
    p004 = SampledCase.objects.get(inspection=in_fieldwork, reference="P004")
    p003 = SampledCase.objects.get(inspection=in_fieldwork, reference="P003")
    assert p002.withdrawn_at is not None
    assert p002.withdrawn_reason == "transferred out of the PDU"
    assert p004.reserve_rank is None  # rank 2, but the only reserve case of its stratum
    assert p004.assigned_to == scenario["users"]["inspector"]
    assert p003.reserve_rank == 1
    replacement = Replacement.objects.get()
    assert (replacement.withdrawn, replacement.replacement) == (p002, p004)
    assert (replacement.reserve_rank, replacement.replaced_by.username) == (2, "lead")
    assert AuditEvent.objects.filter(object_id=str(p002.pk), field="withdrawn_reason").exists()
    rank = AuditEvent.objects.get(object_id=str(p004.pk), field="reserve_rank")
    assert (rank.old, rank.new, rank.actor.username) == ("2", "", "lead")
    progress = inspection_progress(in_fieldwork)
    assert sorted(row["reference"] for row in progress.case_rows) == ["P001", "P004"]
    mine = inspector.get("/cases/mine/").content.decode()
    assert "P002" not in mine
    assert "P004" in mine
    SampledCase.objects.filter(pk=p002.pk).update(status="complete")
    assert not complete_cases(in_fieldwork).filter(pk=p002.pk).exists()
    page = client_for("qa").get(f"/samples/{in_fieldwork.pk}/").content.decode()
    assert "transferred out of the PDU" in page


def test_a_chosen_reserve_case_and_a_complete_case(in_fieldwork: Any, client_for: Any) -> None:
    p004 = SampledCase.objects.get(inspection=in_fieldwork, reference="P004")
    response = _replace(client_for("lead"), in_fieldwork, "P001", "died", reserve=str(p004.pk))
    assert response.status_code == 302
    p004.refresh_from_db()
    assert p004.reserve_rank is None
    SampledCase.objects.filter(inspection=in_fieldwork, reference="P002").update(status="complete")
    response = _replace(client_for("lead"), in_fieldwork, "P002", "unreadable")
    assert response.status_code == 400
    assert Replacement.objects.count() == 1


def test_assignment_saves_changes_only_and_is_audited(
    in_fieldwork: Any, client_for: Any, scenario: dict[str, Any]
) -> None:
    users = scenario["users"]
    cases = {c.reference: c for c in SampledCase.objects.filter(inspection=in_fieldwork)}
    page = client_for("lead").get(f"/samples/{in_fieldwork.pk}/assign/").content.decode()
    assert "inspector2" in page
    assert "P003" not in page  # the reserve is not assigned
    body = {
        f"was-{cases['P001'].pk}": str(users["inspector"].pk),
        f"case-{cases['P001'].pk}": str(users["inspector2"].pk),
        f"was-{cases['P002'].pk}": str(users["inspector"].pk),
        f"case-{cases['P002'].pk}": str(users["inspector"].pk),
    }
    response = client_for("lead").post(f"/samples/{in_fieldwork.pk}/assign/", body)
    assert response.status_code == 302
    cases["P001"].refresh_from_db()
    assert cases["P001"].assigned_to == users["inspector2"]
    events = AuditEvent.objects.filter(inspection=in_fieldwork, field="assigned_to")
    assert [(e.object_label, e.old, e.new, e.actor.username) for e in events] == [
        ("P001", "inspector", "inspector2", "lead")
    ]
    assert "P001" in client_for("inspector2").get("/cases/mine/").content.decode()
    # A page shown before that change: refused, nothing saved.
    stale = {
        f"was-{cases['P001'].pk}": str(users["inspector"].pk),
        f"case-{cases['P001'].pk}": "",
    }
    response = client_for("lead").post(f"/samples/{in_fieldwork.pk}/assign/", stale)
    assert response.status_code == 409
    assert "P001 was assigned by someone else" in response.content.decode()
    cases["P001"].refresh_from_db()
    assert cases["P001"].assigned_to == users["inspector2"]
    # Someone not on the team as an assessor: refused.
    outsider = {
        f"was-{cases['P002'].pk}": str(users["inspector"].pk),
        f"case-{cases['P002'].pk}": str(users["outsider"].pk),
    }
    response = client_for("lead").post(f"/samples/{in_fieldwork.pk}/assign/", outsider)
    assert response.status_code == 409
    assert events.count() == 1


def test_overview_links_follow_permissions(in_fieldwork: Any, client_for: Any) -> None:
    lead = client_for("lead").get(f"/inspections/{in_fieldwork.pk}/").content.decode()
    assert f"/samples/{in_fieldwork.pk}/replace/" in lead
    assert f"/samples/{in_fieldwork.pk}/assign/" in lead
    assert f"/inspections/{in_fieldwork.pk}/team/" in lead
    inspector = client_for("inspector").get(f"/inspections/{in_fieldwork.pk}/").content.decode()
    assert f"/samples/{in_fieldwork.pk}/" in inspector
    assert f"/samples/{in_fieldwork.pk}/replace/" not in inspector
    assert f"/inspections/{in_fieldwork.pk}/team/" not in inspector


def test_the_draw_form_shows_the_settings_defaults(setup: Any, client_for: Any) -> None:
    response = client_for("lead").get(f"/samples/{setup.pk}/draw/")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="confidence" type="text" value="80.0"' in page
    assert 'name="margin" type="text" value="5.0"' in page
    assert 'name="max_per_practitioner" type="text" inputmode="numeric"' in page
    assert 'value="6"' in page
    assert 'value="20"' in page
    assert 'enctype="multipart/form-data"' in page
    assert "1 January 2024 to 30 June 2024" in page


def test_a_withdrawn_case_is_read_only_with_a_banner(in_fieldwork: Any, client_for: Any) -> None:
    """A case replaced from the reserve is kept on record but can no longer be changed, by
    page or API, even by its assigned inspector."""
    assert _replace(client_for("lead"), in_fieldwork, "P002", "died").status_code == 302
    p002 = SampledCase.objects.get(inspection=in_fieldwork, reference="P002")
    inspector = client_for("inspector")
    page = inspector.get(f"/cases/{p002.pk}/").content.decode()
    assert "withdrawn from the sample" in page
    assert "died" in page
    body = {"version": str(p002.version), "action": "save"}
    assert inspector.post(f"/cases/{p002.pk}/", body).status_code == 403
    put = {"version": p002.version, "answers": {}}
    response = client_for("lead").put(
        f"/api/cases/{p002.pk}/answers", json.dumps(put), content_type="application/json"
    )
    assert response.status_code == 403
