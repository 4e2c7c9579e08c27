"""The ratings panel's view across inspections in a browser (001 §4.17, §4.14).

Seed 001 §4.17: the panel ensures ratings "are sufficiently consistent, across inspections."
The demo publishes three neighbouring PDUs' inspections; the panel page of the demo
inspection shows each standard's chart beside its table, and the domain correlation table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pinspect.web.demo import DemoSummary
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.organisations.models import Level
from tests.web.e2e.conftest import login


def test_the_panel_sees_other_inspections_with_a_chart_and_its_table(
    page: Any, demo: DemoSummary, tmp_path: Path
) -> None:
    login(page, "panel")
    response = page.goto(f"/panel/{demo.inspection.pk}/")
    assert response is not None
    assert response.ok
    section = page.locator("#decision-P2-1")
    chart = section.get_by_role("img", name="P2.1: ratings in other published inspections")
    chart.wait_for()
    box = chart.bounding_box()
    assert box is not None
    assert box["width"] > 200
    assert box["height"] > 100
    table = section.get_by_role("table", name="Other inspections' ratings of P2.1")
    counts = [
        int(c) for c in table.locator("tbody td.govuk-table__cell--numeric").all_inner_texts()
    ]
    # Every other published PDU inspection of the demo rates P2.1: the three neighbours and
    # Ashmoor's earlier ones under 2023, and its 2021 ones through the crosswalk (P2.1 equal
    # to 2021's 2.1); the national inspection has no P2.1.
    others = (
        Inspection.objects.filter(status=Status.PUBLISHED, unit__level=Level.PDU)
        .exclude(pk=demo.inspection.pk)
        .count()
    )
    assert others == 8
    assert sum(counts) == others
    rows = section.get_by_role(
        "table", name="P2.1 in each inspection, with its key questions' yes percentages"
    )
    text = rows.inner_text()
    for neighbour in ("Brindle PDU", "Corfe PDU", "Dunmore PDU"):
        assert f"{neighbour} inspection (demo)" in text
    page.locator("#domain-correlation").wait_for()
    page.screenshot(path=str(tmp_path / "panel.png"), full_page=True)
