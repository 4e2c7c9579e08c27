"""The HTML document: standalone, accessible, and user text escaped."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from itertools import pairwise

from pinspect.report import Report, render_html


class _Outline(HTMLParser):
    """Collects what the accessibility checks need from a document."""

    def __init__(self) -> None:
        super().__init__()
        self.html_lang: str | None = None
        self.headings: list[int] = []
        self.tables = 0
        self.captions = 0
        self.th_without_scope: list[str] = []
        self.svgs: list[dict[str, str | None]] = []
        self.svg_titles = 0
        self.scripts = 0
        self.external: list[str] = []
        self._in_svg = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.html_lang = found.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "th" and not found.get("scope"):
            self.th_without_scope.append(repr(self.getpos()))
        if tag == "svg":
            self.svgs.append(found)
            self._in_svg = True
        if tag == "title" and self._in_svg:
            self.svg_titles += 1
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            value = found.get(name)
            if value and not value.startswith("#"):
                self.external.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._in_svg = False


def _outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html)
    return parser


def test_the_document_is_standalone(example_html: str) -> None:
    """No external stylesheet, font, script or image: the CSS is inline, charts are SVG."""
    outline = _outline(example_html)
    assert outline.external == []
    assert outline.scripts == 0
    assert "<style>" in example_html
    assert "@import" not in example_html
    assert "url(" not in example_html
    assert not re.search(r"https?://(?!example\.invalid)", example_html)
    assert example_html.startswith("<!DOCTYPE html>")


def test_the_language_is_declared(example_html: str) -> None:
    assert _outline(example_html).html_lang == "en-GB"


def test_headings_start_at_h1_and_never_skip_a_level(example_html: str) -> None:
    headings = _outline(example_html).headings
    assert headings[0] == 1
    assert headings.count(1) == 1
    for previous, current in pairwise(headings):
        assert current <= previous + 1


def test_every_table_has_a_caption_and_every_header_cell_a_scope(example_html: str) -> None:
    outline = _outline(example_html)
    assert outline.tables >= 8
    assert outline.captions == outline.tables
    assert outline.th_without_scope == []


def test_every_chart_has_a_text_alternative(example_html: str) -> None:
    outline = _outline(example_html)
    assert len(outline.svgs) == 12 + 3  # key questions, then survey responses
    for svg in outline.svgs:
        assert svg.get("role") == "img"
        assert svg.get("aria-label")
    assert outline.svg_titles == len(outline.svgs)


def test_user_text_is_escaped(example_html: str) -> None:
    """A recommendation containing <script> is printed as text, never run."""
    assert "<script>" not in example_html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in example_html


def test_user_text_in_titles_and_attributes_is_escaped(example_report: Report) -> None:
    report = replace(example_report, title='"><img src=x onerror=alert(1)>', unit="<b>PDU</b>")
    html = render_html(report)
    assert "<img" not in html
    assert "<b>PDU</b>" not in html
    assert "&lt;b&gt;PDU&lt;/b&gt;" in html


def test_a_mock_inspection_is_marked_as_such(example_report: Report) -> None:
    assert "Mock inspection" not in render_html(example_report)
    assert "Mock inspection" in render_html(replace(example_report, mock=True))
