"""Reports: the published report of an inspection as plain data, HTML, PDF and a data annex.

:func:`build_report` turns a rated inspection (:class:`ReportInputs`) into a :class:`Report`;
:func:`render_html`, :func:`render_pdf` and :func:`annex` render that one report, so the
document and its data cannot disagree. Case references are replaced by :func:`pseudonym`.
"""

from pinspect.report.builder import build_report
from pinspect.report.content import Report
from pinspect.report.data_annex import ANNEX_FORMATS, AnnexFile, annex
from pinspect.report.html import render_html
from pinspect.report.inputs import PanelRecord, Recommendation, ReportInputs, SurveyQuestion
from pinspect.report.pdf import render_pdf
from pinspect.report.pseudonymisation import pseudonym

__all__ = [
    "ANNEX_FORMATS",
    "AnnexFile",
    "PanelRecord",
    "Recommendation",
    "Report",
    "ReportInputs",
    "SurveyQuestion",
    "annex",
    "build_report",
    "pseudonym",
    "render_html",
    "render_pdf",
]
