"""The national picture (issue 17) on the demo data: pages, JSON and the analyst's export agree,
no published cell is under the suppression threshold, and the national inspection's indicative
figures are kept apart (002 decision 7)."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pinspect.ratings.national_export import EXPORT_COLUMNS
from pinspect.web.assessments.models import SampledCase
from pinspect.web.demo import DEMO_ANALYST, build_demo
from pinspect.web.inspections.models import Inspection
from pinspect.web.installation import installation_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst() -> Client:
    """The demo (its published inspections: two frameworks' PDU inspections in two regions and
    a national inspection's cases), seen by its analyst."""
    build_demo(people=400)
    client = Client()
    client.force_login(get_user_model().objects.get(username=DEMO_ANALYST))
    return client


def _json(client: Client, query: str = "") -> dict[str, Any]:
    response = client.get(f"/national/?format=json{query}")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def _figures(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**figure, "framework": d["framework"], "indicative": d["indicative"]}
        for d in data["national"]["data_sets"]
        for figure in d["figures"]
    ]


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["framework"],
        row["indicative"],
        row["scope"],
        row["attribute_1"] or None,
        row["value_1"] or None,
        row["attribute_2"] or None,
        row["value_2"] or None,
        row["key_question"],
    )


def _json_key(figure: dict[str, Any]) -> tuple[Any, ...]:
    group = list(figure["group"].items()) + [(None, None)] * (2 - len(figure["group"]))
    return (
        figure["framework"],
        figure["indicative"],
        figure["scope"],
        group[0][0],
        group[0][1],
        group[1][0],
        group[1][1],
        figure["key_question"],
    )


def test_the_export_reads_back_with_parquet_and_csv_readers_and_matches_the_json(
    analyst: Client,
) -> None:
    figures = {_json_key(f): f for f in _figures(_json(analyst))}
    parquet = analyst.get("/national/export.parquet")
    assert parquet.status_code == 200
    assert parquet["Content-Disposition"].endswith('national-picture.parquet"')
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.column_names == [c.name for c in EXPORT_COLUMNS]
    assert str(table.schema.field("yes").type) == "int64"
    rows = table.to_pylist()
    text = analyst.get("/national/export.csv").content.decode("utf-8")
    read = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(read) == len(figures) > 100
    for row, line in zip(rows, read, strict=True):
        figure = figures[_key(row)]
        assert row["suppressed"] == figure["suppressed"]
        assert line["suppressed"] == ("true" if figure["suppressed"] else "false")
        for name in ("cases", "yes", "no", "not_applicable"):
            assert row[name] == figure[name]
            assert line[name] == ("" if figure[name] is None else str(figure[name]))
        assert row["percent"] == figure["percent"]
        if figure["interval"] is not None:
            assert round(row["interval_low"], 1) == figure["interval"][0]
            assert float(line["interval_high"]) == pytest.approx(row["interval_high"])


def _chart_table(html: str, chart_id: str) -> dict[str, str]:
    """Row heading's first word (a key question id) → its first cell, in one chart's table."""
    table = re.search(rf'data-chart-table="{re.escape(chart_id)}">(.*?)</table>', html, re.S)
    assert table is not None, chart_id
    rows = re.findall(r'<th scope="row"[^>]*>([^<]*)</th><td[^>]*>([^<]*)</td>', table.group(1))
    return {heading.split(" ")[0]: cell for heading, cell in rows}


def test_the_page_shows_the_figures_of_the_json(analyst: Client) -> None:
    """Each data set's all-cases table for England and Wales prints the JSON's percentages,
    "Suppressed" where the JSON hides the figure."""
    data = _json(analyst)
    html = analyst.get("/national/").content.decode()
    for d in data["national"]["data_sets"]:
        chart_id = d["framework"] + ("-indicative" if d["indicative"] else "") + "-0"
        shown = _chart_table(html, chart_id)
        expected = {
            f["key_question"]: "Suppressed" if f["suppressed"] else f"{f['percent']:.1f}%"
            for f in d["figures"]
            if f["scope"] == "nation" and not f["group"]
        }
        assert shown == expected
    assert html.count('role="img"') == 2 + 3 + 1  # 2021: nation, region; 2023: 3; national
    assert "Download the analyst's export as Parquet" in html


def test_no_published_cell_is_under_the_threshold_combinations_included(
    analyst: Client,
) -> None:
    """001 §5.9 and 003 §3.5 (results by sub-group): a figure for fewer applicable cases than
    the threshold, or a group with fewer cases, is never published — not for a single
    attribute, not for a pair of attributes, not in any region."""
    threshold = installation_settings().suppress_below
    figures = _figures(_json(analyst))
    pairs = [f for f in figures if len(f["group"]) == 2]
    assert pairs, "the demo's figures include pairs of attributes"
    assert any(f["suppressed"] for f in pairs)
    assert any(not f["suppressed"] for f in pairs)
    for figure in figures:
        if figure["suppressed"]:
            assert figure["yes"] is None
            assert figure["cases"] is None
            continue
        assert figure["yes"] + figure["no"] >= threshold, figure
        assert figure["cases"] is None or figure["cases"] >= threshold, figure
    rows = pq.read_table(io.BytesIO(analyst.get("/national/export.parquet").content)).to_pylist()
    for row in rows:
        if not row["suppressed"]:
            assert row["yes"] + row["no"] >= threshold


def test_the_national_inspection_is_kept_apart_and_marked_indicative(analyst: Client) -> None:
    """002 decision 7: the national inspection's cases are "a single national data set" with
    a percentage "indicative of" a rating, never compared with PDU or regional data."""
    data_sets = _json(analyst)["national"]["data_sets"]
    indicative = [d for d in data_sets if d["indicative"]]
    assert len(indicative) == 1
    assert indicative[0]["scopes"] == ["nation"]
    assert indicative[0]["framework"] == "hmip-2023-pdu"
    pdu_2023 = next(
        d for d in data_sets if d["framework"] == "hmip-2023-pdu" and not d["indicative"]
    )
    published_pdu = Inspection.objects.filter(
        status="published", framework_id="hmip-2023-pdu", mock=False
    )
    # The national inspection's cases are not among them.
    assert pdu_2023["inspections"] == published_pdu.count()
    cases = SampledCase.objects.filter(
        inspection__in=published_pdu, status="complete", reserve_rank__isnull=True
    ).count()
    all_cases = [f for f in pdu_2023["figures"] if f["scope"] == "nation" and not f["group"]]
    assert all(f["cases"] == cases for f in all_cases)
    html = analyst.get("/national/").content.decode()
    assert "should not be compared with case inspection" in html


def test_the_period_chooses_the_inspections(analyst: Client) -> None:
    data = _json(analyst, "&start=2023-01-01&end=2023-12-31")
    in_2023 = Inspection.objects.filter(
        status="published", window_end__year=2023, mock=False
    ).values_list("title", flat=True)
    assert {i["title"] for i in data["inspections"]} == set(in_2023)
    assert "Ashmoor PDU inspection 2022" not in set(in_2023)
    assert "Ashmoor PDU inspection 2023" in set(in_2023)
    assert data["period"] == {"start": "2023-01-01", "end": "2023-12-31"}


def test_a_bad_period_is_a_form_error_not_a_failure(analyst: Client) -> None:
    response = analyst.get("/national/?start=yesterday&end=2020-01-01")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    backwards = analyst.get("/national/?start=2024-01-01&end=2020-01-01")
    assert backwards.status_code == 400
    assert "must be on or after its start" in backwards.content.decode()
    export = analyst.get("/national/export.csv?start=never")
    assert export.status_code == 400
    assert export.json()["errors"][0]["anchor"] == "id_start_day"  # the start's day box
    typed = analyst.get("/national/?start_day=31&start_month=2&start_year=2023")
    assert typed.status_code == 400
    page = typed.content.decode()
    assert '<a href="#id_start_day">Enter a real date, for example 1 4 2023</a>' in page
    assert (
        'id="id_start_month" name="start_month" type="text" inputmode="numeric" value="2"' in page
    )
    too_long = analyst.get("/national/?end_day=1&end_month=1&end_year=20245").content.decode()
    assert '<a href="#id_end_day">' in too_long  # the year box's error, linked to the day box
    assert 'href="#id_end_year' not in too_long
    assert "characters long" not in too_long
    assert 'id="end-error" class="govuk-error-message"' in too_long


def test_the_period_is_typed_in_date_inputs_and_kept_in_the_links(analyst: Client) -> None:
    """The GOV.UK date input: day, month and year typed; the page's links, the JSON and the
    exports carry the period as dates, and a period from a link fills the boxes."""
    typed = analyst.get(
        "/national/?start_day=1&start_month=1&start_year=2023&end_day=31&end_month=12&end_year=2023"
    )
    assert typed.status_code == 200
    page = typed.content.decode()
    assert "start=2023-01-01&amp;end=2023-12-31&amp;format=json" in page
    linked = analyst.get("/national/?start=2023-01-01&end=2023-12-31").content.decode()
    for name, value in (("start_day", "1"), ("end_month", "12"), ("end_year", "2023")):
        assert f'id="id_{name}" name="{name}" type="text" inputmode="numeric" value="{value}"' in (
            linked
        )

    def pooled(html: str) -> str:
        start = html.index("Published inspections pooled")
        return html[start : html.index("</table>", start)]

    assert pooled(page) == pooled(linked)
    assert "Ashmoor PDU inspection 2023" in pooled(page)
    assert "Ashmoor PDU inspection 2022" not in pooled(page)


def test_the_csv_neutralises_formulas_in_attribute_values(analyst: Client) -> None:
    """A case attribute typed as a formula is written with a leading apostrophe."""
    for case in SampledCase.objects.filter(inspection__title="Ashmoor PDU inspection 2023"):
        case.attributes = {**case.attributes, "ethnicity": "=HYPERLINK(1)"}
        case.save()
    text = analyst.get("/national/export.csv").content.decode()
    assert "'=HYPERLINK(1)" in text
    assert ",=HYPERLINK" not in text
