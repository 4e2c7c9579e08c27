"""The report says what it rests on (001 §4.12): cases inspected, sample size, reserve used,
withdrawals and the sample's confidence level and margin, on the PDF's first page beside the
headline ratings, in the HTML and in the data annex; and why the panel went ahead with cases
open, when it did."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from pinspect.web.inspections.models import Inspection
from pinspect.web.samples.models import Method, SampleDraw
from tests.web.jobs import made_in_background
from tests.web.test_panel import at_panel  # noqa: F401  (fixture)
from tests.web.test_reports import _csv_text

pytestmark = pytest.mark.django_db

REASON = "Records of the last case were not available before the panel"


@pytest.fixture
def basis(at_panel: Any, scenario: dict[str, Any]) -> Any:  # noqa: F811
    SampleDraw.objects.create(
        inspection=at_panel,
        method=Method.DRAWN,
        settings={"sized_by": "confidence", "confidence_level": 0.8, "margin_of_error": 0.05},
        sample_cases=2,
        file_name="longlist.csv",
        file_sha256="0" * 64,
        drawn_by=scenario["users"]["lead"],
    )
    Inspection.objects.filter(pk=at_panel.pk).update(open_cases=1, open_cases_reason=REASON)
    return at_panel


def _flat(text: str) -> str:
    return " ".join(text.split())


# The job writes its heartbeat from a thread of its own: committed rows for every connection.
@pytest.mark.django_db(transaction=True)
def test_the_pdfs_first_page_has_the_headline_ratings_and_the_cases_inspected(
    basis: Any, client_for: Any
) -> None:
    """001 §4.12: the first page says how many cases the ratings rest on."""
    response, content = made_in_background(client_for("lead"), f"/reports/{basis.pk}/pdf/")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(content))
    first = _flat(reader.pages[0].extract_text())
    assert "Headline ratings" in first
    assert "Overall rating" in first
    for standard in ("P1.1", "P1.2", "P1.3", "P2.1", "P2.4"):
        assert standard in first
    assert "Good" in first
    assert "Cases inspected 2 of 2" in first
    assert "Sample size 2 cases" in first
    assert "Reserve cases used 0" in first
    assert "Cases withdrawn 0" in first
    assert "80% confidence, margin of error 5%" in first
    everything = _flat(" ".join(p.extract_text() for p in reader.pages))
    assert REASON in everything  # in How the ratings were reached


# The job writes its heartbeat from a thread of its own: committed rows for every connection.
@pytest.mark.django_db(transaction=True)
def test_the_html_and_the_annex_say_the_same(basis: Any, client_for: Any) -> None:
    page = client_for("lead").get(f"/reports/{basis.pk}/").content.decode()
    assert "What the ratings rest on" in page
    assert "2 of the 2 cases in the sample were inspected." in page
    assert "The sample was sized for 80% confidence with a margin of error of 5%" in page
    assert REASON in page
    response, content = made_in_background(client_for("lead"), f"/reports/{basis.pk}/annex/csv/")
    assert response.status_code == 200
    annex = _csv_text(content)
    assert "cases inspected,2" in annex
    assert "sample size,2" in annex
    assert "confidence level,0.8" in annex
    assert f"why the panel went ahead with cases open,{REASON}" in annex
