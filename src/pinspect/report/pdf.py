"""The report as a PDF: WeasyPrint lays out the same HTML with the stylesheet's print rules
(A4 pages, page numbers, table headers repeated on every page a table spans)."""

from __future__ import annotations

from pinspect.report.content import Report
from pinspect.report.html import render_html

__all__ = ["render_pdf", "render_pdf_from_html"]


def render_pdf_from_html(html: str) -> bytes:
    """Lay out a standalone HTML document as PDF. Nothing is fetched: the report has no
    external resource, and any URL is refused."""
    import weasyprint  # type: ignore[import-untyped]  # noqa: PLC0415  (slow to import)

    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    pdf = document.write_pdf()
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf() without a target
        raise TypeError("WeasyPrint returned no PDF")
    return pdf


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes, laid out from :func:`~pinspect.report.html.render_html`."""
    return render_pdf_from_html(render_html(report))


def _refuse_fetch(url: str, *_args: object, **_kwargs: object) -> dict[str, object]:
    raise ValueError(f"the report must not load {url!r}")
