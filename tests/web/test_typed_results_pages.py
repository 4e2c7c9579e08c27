"""Every results page renders from the core's typed results, not from their JSON.

The results page, the ratings panel and the unit summary are rendered here from an
``InspectionResult`` rated from the bundled example files (and a ``UnitSummary`` of two such
results), with no database rows behind them, and each figure a reader relies on is checked in
the HTML. The example rates P2.2 Inadequate: a rating whose value is 0, which a template
testing a rating's truth would show as "Not rated".
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

import pinspect.web
from pinspect.examples import example_path
from pinspect.frameworks import Catalogue
from pinspect.ratings.inputs import (
    read_case_answers,
    read_case_attributes,
    read_judged_ratings,
    with_attributes,
)
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.summary import summarise
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from pinspect.web.inspections.views import results_context
from pinspect.web.organisations.summary_views import COLUMNS, distribution_rows
from pinspect.web.organisations.unit_summary import FrameworkSummary, IncludedInspection
from pinspect.web.panel.decisions import PanelRow
from pinspect.web.panel.views import _row_context

SETTINGS = Settings(simulation_draws=500)


@pytest.fixture(scope="module")
def result(catalogue: Catalogue) -> InspectionResult:
    framework = catalogue.get_framework("hmip-2023-pdu")
    table = read_case_answers(example_path("cases"), framework, catalogue)
    attributes = read_case_attributes(example_path("attributes"), table.cases)
    return rate_inspection(
        framework,
        with_attributes(table, attributes),
        catalogue=catalogue,
        settings=SETTINGS,
        judged=read_judged_ratings(example_path("judged"), framework, catalogue),
        by=["sex"],
    )


def _inspection(pk: int = 7) -> Any:
    unit = SimpleNamespace(pk=3, name="PDU one", code="P1", level="pdu")
    return SimpleNamespace(
        pk=pk,
        title=f"Example inspection {pk}",
        status="fieldwork",
        unit=unit,
        window_start=date(2024, 1, 1),
        window_end=date(2024, 6, 30),
        get_status_display=lambda: "Fieldwork",
    )


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _row(html: str, key_question: str) -> str:
    match = re.search(rf'<tr[^>]*data-key-question="{re.escape(key_question)}".*?</tr>', html, re.S)
    assert match is not None, key_question
    return _text(match.group(0))


def test_the_results_page_shows_every_figure_of_the_typed_result(
    result: InspectionResult,
) -> None:
    context = results_context(result, SETTINGS)
    assert context["result"] is result
    html = render_to_string(
        "inspections/results.html",
        {
            **context,
            "inspection": _inspection(),
            "complete": 60,
            "errors": [],
            "user": AnonymousUser(),
        },
    )
    text = _text(html)
    p22 = result.standard("P2.2")
    assert p22.rating is Rating.INADEQUATE
    assert re.search(r"P2\.2 [^:]*: Inadequate", text)
    assert result.overall is not None
    assert f"{result.overall.score} of {result.overall.max_score}" in text
    for standard in result.standards:
        if standard.rating is not None:
            assert standard.rating.label in text
        for kq in standard.key_questions:
            if kq.band is None:
                continue
            row = _row(html, kq.id)
            assert f"{kq.yes} {kq.no} {kq.not_applicable} {kq.percent:.1f}%" in row
            assert kq.band.label in row
            if kq.band.next is None:
                assert "Top band" in row
            else:
                assert f"{kq.next_band_needs} more yes" in row
                assert f"for {kq.band.next.label} ({kq.band.next.rating.label})" in row
    what_if = [s for s in result.standards if s.next_band_needs is not None]
    assert what_if
    for standard in what_if:
        assert standard.computed_rating is not None
        assert standard.computed_rating.next is not None
        assert (
            f"(on {', '.join(standard.lowest_key_questions)}) would move this to "
            f"{standard.computed_rating.next.label}"
        ) in text
    (breakdown,) = result.breakdowns
    assert "Yes % by sex" in text
    for group in breakdown.groups:
        label = ", ".join("not recorded" if v is None else v for _, v in group.values)
        assert label.capitalize() in text


def test_the_panel_page_shows_the_typed_standards_and_overall(result: InspectionResult) -> None:
    rows = [
        PanelRow(
            target=s.id,
            name=s.name,
            rated_by=s.rated_by.value,
            computed=s.computed_rating,
            final=s.rating,
            standard=s,
            proposal=None,
            decision=None,
        )
        for s in result.standards
        if s.computed_rating is not None
    ]
    user = AnonymousUser()
    html = render_to_string(
        "panel/panel.html",
        {
            "inspection": _inspection(),
            "rows": [_row_context(r, [], user, None) for r in rows],
            "overall": result.overall,
            "overall_reason": result.overall_reason,
            "missing": [],
            "history": [],
            "errors": [],
            "user": user,
        },
    )
    text = _text(html)
    assert result.overall is not None
    assert (
        f"Overall score {result.overall.score} of {result.overall.max_score}: computed rating "
        f"{result.overall.computed_rating.label}"
    ) in text
    assert f"({result.overall.banding.value} banding" in text
    p22 = result.standard("P2.2")
    assert re.search(r"P2\.2 [^:]*: Inadequate", text)
    for kq in p22.key_questions:
        assert kq.band is not None
        assert kq.rating is not None
        assert f"{kq.id} {kq.yes} {kq.no} {kq.percent:.1f}%" in text
        assert f"{kq.band.label} {kq.rating.label}" in text


def test_the_unit_summary_page_shows_the_typed_summary(result: InspectionResult) -> None:
    results = [replace(result, inspection="1"), replace(result, inspection="2")]
    summary = summarise(results, settings=SETTINGS)
    framework = FrameworkSummary(
        framework=SimpleNamespace(id="hmip-2023-pdu", title="PDU standards (2023)"),  # type: ignore[arg-type]
        inspections=(
            IncludedInspection(_inspection(1), report="/reports/1/"),
            IncludedInspection(_inspection(2), report=None),
        ),
        summary=summary,
    )
    rows = distribution_rows(framework)
    unit = SimpleNamespace(pk=3, name="PDU one", get_level_display=lambda: "PDU")
    html = render_to_string(
        "organisations/summary.html",
        {
            "unit": unit,
            "columns": COLUMNS,
            "note": "Indicative.",
            "frameworks": [{"summary": framework, "rows": rows}],
            "user": AnonymousUser(),
        },
    )
    text = _text(html)
    assert "2 published inspections included" in text
    assert "2024-01-01 to 2024-06-30" in text
    # P2.2 is Inadequate in both inspections: 0 0 0 2 0 in COLUMNS order.
    assert COLUMNS == ("Outstanding", "Good", "Requires improvement", "Inadequate", "Not rated")
    assert re.search(r"P2\.2 [^0-9]*0 0 0 2 0", text)
    for kq in summary.key_questions:
        row = _row(html, kq.id)
        assert f"{kq.yes} {kq.no} {kq.not_applicable} {kq.percent:.1f}%" in row


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_only_the_api_writes_results_as_json_in_the_web_app() -> None:
    """Pages never read a result through its JSON: only the API (and the unit summary's JSON
    twin) may import the serialiser."""
    web = Path(pinspect.web.__file__).parent
    allowed = {web / "api.py", web / "organisations" / "unit_summary.py"}
    readers = {
        path
        for path in web.rglob("*.py")
        if "pinspect.ratings.serialisation" in _imports(path) and path not in allowed
    }
    assert readers == set()
