"""Units import from CSV: every row and field problem reported, nothing half-imported."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pinspect.web.organisations.models import Unit

pytestmark = pytest.mark.django_db

GOOD = (
    "code,name,level,parent\nT1,Team one,team,P1\nEW,England and Wales,nation,\n"
    "P1,PDU one,pdu,R1\nR1,Region one,region,EW\n"
)
BAD = (
    "code,name,level,parent\nEW,England and Wales,nation,\nR1,,region,EW\n"
    "P1,PDU one,county,R1\nT1,Team,team,EW\nT1,Team again,team,ZZ\n"
)


@pytest.fixture
def staff(client: Any, make_user: Any) -> Any:
    client.force_login(make_user("staff", is_staff=True))
    return client


def _upload(client: Any, text: str) -> Any:
    upload = SimpleUploadedFile("units.csv", text.encode(), content_type="text/csv")
    return client.post("/units/import/", {"file": upload})


def test_import_in_any_row_order(staff: Any) -> None:
    assert _upload(staff, GOOD).status_code == 302
    team = Unit.objects.get(code="T1")
    assert [u.code for u in team.ancestors_and_self()] == ["T1", "P1", "R1", "EW"]


def test_every_problem_reported_with_row_and_field(staff: Any) -> None:
    response = _upload(staff, BAD)
    assert response.status_code == 400
    page = response.content.decode()
    for expected in (
        "units.csv:3: name: the name is empty",
        "units.csv:4: level: &#x27;county&#x27; is not a level",
        "units.csv:5: parent: &#x27;EW&#x27; is a nation; a team sits under a pdu",
        "units.csv:6: code: &#x27;T1&#x27; is listed twice",
    ):
        assert expected in page
    assert Unit.objects.count() == 0
