"""The demo: built from the synthetic long list and the sampling core, half assessed, and
never added to a database that is not a demo database."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client

from pinspect.web.assessments.models import SampledCase
from pinspect.web.calibration.models import Exercise, ExerciseMarking
from pinspect.web.consistency.models import QaCase
from pinspect.web.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def test_demo_builds_a_sampled_half_assessed_inspection(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("pinspect_demo", "--no-serve", "--people", "400")
    out = capsys.readouterr().out
    assert "Password: demo" in out
    for username in ("admin", "lead", "inspector", "qa", "panel", "viewer"):
        assert f"  {username} " in out
    sample = SampledCase.objects.filter(
        inspection__title="Ashmoor PDU inspection (demo)", reserve_rank__isnull=True
    )
    assert sample.count() > 0
    assert sample.filter(status="complete").count() == sample.count() // 2
    # The published inspections before it: the demo PDU's trend and the national picture.
    published = Inspection.objects.filter(status="published")
    assert published.filter(unit__code="EW-ASH-PDU1").count() == 3
    assert {i.framework_id for i in published} == {
        "hmip-2021-pdu-scored-27",
        "hmip-2023-pdu",
        "hmip-2024-national",
    }
    call_command("pinspect_demo", "--no-serve", "--people", "400")  # a demo database: reused


def test_demo_refuses_a_database_that_is_not_a_demo(make_user: object) -> None:
    make_user("somebody")  # type: ignore[operator]
    with pytest.raises(CommandError, match="not a demo database"):
        call_command("pinspect_demo", "--no-serve", "--people", "400")
    assert not get_user_model().objects.filter(username="lead").exists()


def test_demo_publishes_neighbouring_inspections_for_the_panel_to_compare() -> None:
    """001 §4.17: the panel page of the demo inspection has other published inspections of
    its framework, assessed and proposed, to set each standard beside."""
    from pinspect.web.inspections.models import Inspection  # noqa: PLC0415
    from pinspect.web.inspections.results import inspection_result  # noqa: PLC0415

    call_command("pinspect_demo", "--no-serve", "--people", "400")
    published = Inspection.objects.filter(status="published", title__endswith="(demo)")
    assert [i.title for i in published.order_by("title")] == [
        "Brindle PDU inspection (demo)",
        "Corfe PDU inspection (demo)",
        "Dunmore PDU inspection (demo)",
    ]
    for inspection in published:
        result = inspection_result(inspection)
        assert all(s.rating is not None for s in result.standards if s.scored)


def test_demo_has_a_double_marked_sub_sample_with_real_figures() -> None:
    """001 §4.13: the demo's QA sub-sample is drawn and second-marked (all but one case, left
    blind), so the agreement page shows figures and disagreements to moderate."""
    call_command("pinspect_demo", "--no-serve", "--people", "400")
    qa_cases = QaCase.objects.filter(sample__inspection__title="Ashmoor PDU inspection (demo)")
    assert qa_cases.count() >= 3
    assert qa_cases.filter(status="complete").count() == qa_cases.count() - 1
    assert all(q.second_marker_id not in (None, q.first_marker_id) for q in qa_cases)
    client = Client()
    client.force_login(get_user_model().objects.get(username="qa"))
    inspection = qa_cases.first().sample.inspection  # type: ignore[union-attr]
    page = client.get(f"/consistency/{inspection.pk}/agreement/").content.decode()
    assert "By key question" in page
    assert "Case " in page


def test_demo_has_calibration_exercises_marked_over_time() -> None:
    """001 §4.13: the demo's published calibration exercises are marked by four inspectors
    on different dates, so QA's page and an inspector's own page show real figures."""
    call_command("pinspect_demo", "--no-serve", "--people", "400")
    exercises = Exercise.objects.filter(status="published")
    assert exercises.count() == 2
    dates = {m.submitted_at.date() for m in ExerciseMarking.objects.all()}
    assert ExerciseMarking.objects.count() == 8
    assert len(dates) >= 4
    client = Client()
    client.force_login(get_user_model().objects.get(username="qa"))
    listing = client.get("/calibration/exercises/").content.decode()
    assert "inspector3" in listing
    page = client.get(f"/calibration/exercises/{exercises.first().pk}/").content.decode()  # type: ignore[union-attr]
    assert "Agreement: 4 inspectors" in page
    client.force_login(get_user_model().objects.get(username="inspector"))
    mine = client.get("/calibration/").content.decode()
    assert "Your agreement over time" in mine
    assert "Calibration exercise 2" in mine
