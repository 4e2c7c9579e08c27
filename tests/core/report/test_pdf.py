"""The PDF: laid out by WeasyPrint from the same HTML; its text holds the ratings table.

The PDF is rendered once for the module (about two seconds); the tests are marked slow.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from pinspect.report import Report, render_pdf
from pinspect.report.content import SurveyResponse, SurveyRow

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf(example_report: Report) -> bytes:
    return render_pdf(example_report)


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def test_it_is_a_pdf_on_a4_pages(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_every_page_is_numbered(pages: list[str]) -> None:
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_the_text_holds_the_ratings_table_rows_in_order(
    pages: list[str], example_report: Report
) -> None:
    """Seed 001 §4.4: the overall rating, then each domain and its standards."""
    text = " ".join(pages)
    table = text[text.index("Ratings for Example PDU") :]
    expected = [
        "Overall rating for Example PDU Good",
        "1 Organisational arrangements and activity",
        "P1.1 Leadership Good",
        "P1.2 Staffing Good Panel departure from Requires improvement",
        "P1.3 Services Good",
        "2 Service delivery",
        "P2.1 Assessment Outstanding",
        "P2.2 Planning Inadequate",
        "P2.3 Implementation and delivery Good Fragile",
        "P2.4 Reviewing Outstanding",
    ]
    positions = [table.index(row) for row in expected]
    assert positions == sorted(positions)


def test_the_key_question_percentages_and_the_recommendations_are_in_the_text(
    pages: list[str],
) -> None:
    text = " ".join(pages)
    assert re.search(r"P2\.2\.2 Does planning .*? 19 41 0 31\.7%", text)
    assert "Improve planning for keeping other people safe <script>" in text


def test_a_table_that_spans_pages_repeats_its_header(example_report: Report) -> None:
    """A survey question with 150 response options: its table runs over several pages and
    each of them starts with the column headings."""
    responses = tuple(
        SurveyResponse(option=f"Option {i:03d}", count=1, percent=0.7) for i in range(150)
    )
    long = SurveyRow("S9", "A long question", (), responses, 150)
    report = replace(
        example_report, survey=(long,), key_questions=(), breakdowns=(), case_answers=()
    )
    reader = PdfReader(io.BytesIO(render_pdf(report)))
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    spanned = [t for t in texts if "Option " in t]
    assert len(spanned) >= 3
    assert all("Response Number Percentage Chart" in t for t in spanned)
