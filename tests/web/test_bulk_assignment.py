"""Team and assignment that scale: members chosen from the people (searchable), cases
assigned in bulk (ticked, or the unassigned shared evenly, at most
``assign_max_per_practitioner`` cases of one practitioner per inspector), and the reserve
narrowed to a case's stratum."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from pinspect.sampling.strata import stratum_label
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.samples.models import CasePractitioner
from tests.web.test_samples import _csv, _draw, rows, setup  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(setup: Any, rows: list[dict[str, str]], client_for: Any) -> Any:  # noqa: F811
    assert _draw(client_for("lead"), setup, _csv(rows)).status_code == 302
    return setup


def _sample(inspection: Any) -> Any:
    return SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=True)


def test_a_draw_keeps_a_practitioner_token_never_a_name(
    drawn: Any,
    rows: list[dict[str, str]],  # noqa: F811  (the fixture)
) -> None:
    tokens = CasePractitioner.objects.filter(case__inspection=drawn)
    assert tokens.count() == SampledCase.objects.filter(inspection=drawn).count()
    names = {row["practitioner"] for row in rows if row.get("practitioner")}
    assert names
    assert not {t.token for t in tokens} & names


def test_sharing_the_unassigned_cases_evenly(
    drawn: Any, client_for: Any, scenario: dict[str, Any], settings: Any
) -> None:
    response = client_for("lead").post(f"/samples/{drawn.pk}/assign/", {"action": "share"})
    assert response.status_code == 302
    sample = _sample(drawn)
    loads = Counter(sample.values_list("assigned_to__username", flat=True))
    assert set(loads) <= {"inspector", "inspector2", None}
    assert abs(loads["inspector"] - loads["inspector2"]) <= 1 or loads[None]
    per_practitioner = Counter(
        (c.assigned_to_id, c.practitioner.token)
        for c in sample.select_related("practitioner")
        if c.assigned_to_id
    )
    assert max(per_practitioner.values()) <= 3  # the default assign_max_per_practitioner
    events = AuditEvent.objects.filter(inspection=drawn, field="assigned_to")
    assert events.count() == sample.exclude(assigned_to=None).count()


def test_ticked_cases_go_to_one_person(
    drawn: Any, client_for: Any, scenario: dict[str, Any]
) -> None:
    chosen = list(_sample(drawn).order_by("reference").values_list("pk", flat=True)[:3])
    body = {
        "action": "selected",
        "selected": [str(pk) for pk in chosen],
        "assignee": str(scenario["users"]["inspector2"].pk),
    }
    assert client_for("lead").post(f"/samples/{drawn.pk}/assign/", body).status_code == 302
    assert set(
        SampledCase.objects.filter(pk__in=chosen).values_list("assigned_to__username", flat=True)
    ) == {"inspector2"}
    response = client_for("lead").post(
        f"/samples/{drawn.pk}/assign/", {"action": "selected", "assignee": "none"}
    )
    assert response.status_code == 400
    assert "Select the cases to assign" in response.content.decode()
    body["assignee"] = str(scenario["users"]["outsider"].pk)
    response = client_for("lead").post(f"/samples/{drawn.pk}/assign/", body)
    assert response.status_code == 400
    assert "Choose who assesses the selected cases" in response.content.decode()


def test_the_reserve_narrows_to_the_stratum_of_the_case(drawn: Any, client_for: Any) -> None:
    case = _sample(drawn).order_by("reference").first()
    assert case is not None
    page = client_for("lead").get(f"/samples/{drawn.pk}/replace/?case={case.pk}").content.decode()
    words = stratum_label(case.stratum)
    assert f"Reserve of the stratum {words}" in page
    others = SampledCase.objects.filter(inspection=drawn, reserve_rank__isnull=False).exclude(
        stratum=case.stratum
    )
    assert all(f">{o.reference}<" not in page for o in others)


def test_strata_in_words() -> None:
    assert stratum_label("male_community_low") == "Male, community sentence, low RoSH"
    assert stratum_label("female") == "Female"
    assert stratum_label("ethnicity=White; sex=female") == "Ethnicity White, sex female"


def test_members_are_chosen_from_the_people_found(
    scenario: dict[str, Any], client_for: Any
) -> None:
    inspection = scenario["fieldwork"]
    page = client_for("lead").get(f"/inspections/{inspection.pk}/team/?q=outs").content.decode()
    assert '<option value="outsider">outsider</option>' in page
    assert '<option value="qa">qa</option>' not in page  # on the team, and not matching
