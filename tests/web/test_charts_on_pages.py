"""Charts on the pages (issue 12), drawn from the same figures as the tables beside them: the
results page's key questions against the band lines (001 §4.8) and its sub-group breakdowns,
the sample against its population, case progress per inspector, and the rating distributions
of a unit summary."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pinspect.web.demo import DemoSummary, build_demo
from pinspect.web.samples.models import SampleDraw
from tests.web.test_samples import _csv, _draw, rows, setup

__all__ = ["rows", "setup"]  # fixtures shared with the sample tests

SVG = "{http://www.w3.org/2000/svg}"
BLUE = "#1d70b8"


def _svgs(html: str) -> dict[str, ET.Element]:
    """Every chart of a page by its id."""
    found = {}
    for match in re.finditer(r'<svg class="pinspect-chart".*?</svg>', html, re.S):
        text = match.group(0).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
        element = ET.fromstring(text)
        found[element.get("data-chart", "")] = element
    return found


def _bar_widths(svg: ET.Element, colour: str = BLUE) -> list[float]:
    return [float(r.get("width", "0")) for r in svg.iter(f"{SVG}rect") if r.get("fill") == colour]


@pytest.fixture
def demo(db: Any) -> DemoSummary:
    return build_demo(people=400)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_results_chart_each_standards_key_questions_as_the_table_says(demo: DemoSummary) -> None:
    """001 §4.8: each bar is as long as the key question's percentage of the plot (440 units
    for 100%), against lines at 50, 65 and 80%."""
    client = _client("lead")
    inspection = demo.inspection.pk
    html = client.get(f"/inspections/{inspection}/results/").content.decode()
    data = client.get(f"/api/inspections/{inspection}/results").json()
    charts = _svgs(html)
    case_based = [s for s in data["standards"] if s["rated_by"] == "cases"]
    assert case_based
    for standard in case_based:
        svg = charts[f"results-{standard['id']}"]
        percents = [kq["percent"] for kq in standard["key_questions"]]
        assert _bar_widths(svg) == pytest.approx([440 * p / 100 for p in percents], abs=0.06)
        dashed = [e for e in svg.iter(f"{SVG}line") if e.get("stroke-dasharray")]
        assert len(dashed) == 3


def test_a_breakdown_has_a_chart_per_key_question_with_suppressed_groups_named(
    demo: DemoSummary,
) -> None:
    client = _client("qa")
    html = client.get(f"/inspections/{demo.inspection.pk}/results/?by=sex").content.decode()
    charts = {k: v for k, v in _svgs(html).items() if k.startswith("breakdown-sex-")}
    assert len(charts) == 12  # P2.1.1 … P2.4.3
    title = charts["breakdown-sex-0"].find(f"{SVG}title")
    assert title is not None
    assert title.text is not None
    assert title.text.startswith("P2.1.1 ")
    labels = [t.text for t in charts["breakdown-sex-0"].iter(f"{SVG}text")]
    assert "Male" in labels
    assert "Charts: each key question by sex" in html


def test_the_sample_is_drawn_against_its_population(
    setup: Any, client_for: Any, rows: list[dict[str, str]]
) -> None:
    _draw(client_for("lead"), setup, _csv(rows))
    strata = SampleDraw.objects.get(inspection=setup).analysis["strata"]
    html = client_for("qa").get(f"/samples/{setup.pk}/").content.decode()
    svg = _svgs(html)["sample-strata"]
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert title.text == "Strata: the sample against its population"
    assert len(_bar_widths(svg)) == len(strata) + 1  # a bar per stratum, one in the key
    marks = [p for p in svg.iter(f"{SVG}path") if p.get("fill") == "#0b0c0c"]
    assert len(marks) == len(strata) + 1  # one per stratum, one in the key


def test_case_progress_per_inspector(demo: DemoSummary) -> None:
    html = _client("lead").get(f"/inspections/{demo.inspection.pk}/").content.decode()
    svg = _svgs(html)["progress-per-inspector"]
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "inspector" in labels
    assert "lead" in labels
    complete = [r for r in svg.iter(f"{SVG}rect") if r.get("fill") == "#00703c"]
    assert len(complete) == 2 + 1  # each inspector's complete cases, and the key


def test_a_unit_summary_charts_its_rating_distributions(demo: DemoSummary) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="admin"))
    nation = demo.inspection.unit.parent.parent
    html = client.get(f"/units/{nation.pk}/summary/").content.decode()
    svg = _svgs(html)["distribution-hmip-2021-pdu-scored-27"]
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "Overall" in labels
    assert "Requires improvement" in labels  # the key
    title = svg.find(f"{SVG}title")
    assert title is not None
    assert (
        title.text
        == "PDU standards (2021), nine standards scored out of 27: final ratings of 2 inspections"
    )
