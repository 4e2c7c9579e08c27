"""What each kind of job does: the core renders or selects, the job reports its progress by
steps.

The report and its annex are the core's (:mod:`pinspect.report`) from one
:class:`~pinspect.report.Report`, exactly as the pages show it (:data:`PRODUCERS`). The
sample draw and the survey import take an upload in (:data:`IMPORTERS`, see
:mod:`pinspect.web.jobs.intake`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pinspect.report import annex, render_pdf
from pinspect.report.data_annex import AnnexFormat
from pinspect.web.evidence.survey_job import import_survey_job
from pinspect.web.inspections.models import Status
from pinspect.web.jobs.intake import Importer, Progress
from pinspect.web.jobs.models import Kind
from pinspect.web.reports.content import report_for
from pinspect.web.samples.draw_job import draw_sample_job

__all__ = ["IMPORTERS", "PRODUCERS", "Product", "Progress", "extension"]


@dataclass(frozen=True)
class Product:
    content: bytes
    download_name: str
    media_type: str


def download_name(inspection: Any, filename: str) -> str:
    """The core's file name, marked ``-draft`` until the report is published."""
    if inspection.status == Status.PUBLISHED:
        return filename
    stem, dot, ext = filename.rpartition(".")
    return f"{stem}-draft{dot}{ext}" if dot else f"{filename}-draft"


def _report_pdf(inspection: Any, progress: Progress) -> Product:
    progress.step("Gathering the inspection's results", 5, 30)
    built = report_for(inspection)
    progress.step("Laying out the PDF", 30, 95)
    content = render_pdf(built)
    return Product(
        content, download_name(inspection, f"{built.slug}-report.pdf"), "application/pdf"
    )


def _annex(fmt: AnnexFormat) -> Callable[[Any, Progress], Product]:
    def make(inspection: Any, progress: Progress) -> Product:
        progress.step("Gathering the inspection's results", 5, 40)
        built = report_for(inspection)
        progress.step(f"Writing the {fmt.upper()} file", 40, 95)
        file = annex(built, fmt)
        return Product(file.content, download_name(inspection, file.filename), file.media_type)

    return make


PRODUCERS: dict[str, Callable[[Any, Progress], Product]] = {
    Kind.REPORT_PDF: _report_pdf,
    Kind.ANNEX_CSV: _annex("csv"),
    Kind.ANNEX_XLSX: _annex("xlsx"),
    Kind.ANNEX_ODS: _annex("ods"),
}


IMPORTERS: dict[str, Importer] = {
    Kind.SAMPLE_DRAW: draw_sample_job,
    Kind.SURVEY_IMPORT: import_survey_job,
}


def extension(kind: str) -> str:
    return "pdf" if kind == Kind.REPORT_PDF else kind.removeprefix("annex_")
