"""The report of one inspection, gathered from the database and handed to the core's report
package (which renders the HTML, the PDF and the data annex)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pinspect.report import build_report
from pinspect.report.inputs import PanelRecord, Recommendation, ReportInputs
from pinspect.settings import Settings
from pinspect.web.assessments.models import ATTRIBUTE_NAMES
from pinspect.web.evidence.survey import survey_questions
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.results import inspection_answers, inspection_result
from pinspect.web.installation import installation_settings
from pinspect.web.panel.models import PanelDecision
from pinspect.web.reports.basis import sample_basis
from pinspect.web.reports.models import Publication, pseudonym_key
from pinspect.web.reports.models import Recommendation as RecommendationRecord

__all__ = ["current_recommendations", "panel_records", "report_for", "report_inputs"]


def current_recommendations(inspection: Any) -> Any:
    """The recommendations in the report (withdrawn ones are kept but left out)."""
    return RecommendationRecord.objects.filter(inspection=inspection, withdrawn_at__isnull=True)


def panel_records(inspection: Any) -> tuple[PanelRecord, ...]:
    """The panel's current decisions: who decided, when, what was proposed and why."""
    decisions = (
        PanelDecision.objects.filter(inspection=inspection, superseded_at__isnull=True)
        .prefetch_related("decided_by")
        .order_by("target")
    )
    return tuple(
        PanelRecord(
            target=d.target,
            decision="departed" if d.decision == "departed" else "verified",
            decided_by=tuple(sorted(u.username for u in d.decided_by.all())),
            decided_at=timezone.localtime(d.decided_at),
            proposed_by=d.proposed_by,
            reason=d.reason,
        )
        for d in decisions
    )


def report_inputs(inspection: Any, settings: Settings | None = None) -> ReportInputs:
    """Everything the report is made from: the one computation of the ratings (proposals and
    departures included, broken down by the diversity attributes), the answers it was made
    from, recommendations, survey, the panel's record and the inspection's pseudonym key."""
    settings = settings or installation_settings()
    publication = Publication.objects.filter(inspection=inspection).first()
    return ReportInputs(
        framework=inspection.framework,
        result=inspection_result(inspection, settings, by=ATTRIBUTE_NAMES),
        answers=inspection_answers(inspection),
        title=inspection.title,
        unit=inspection.unit.name,
        pseudonym_key=pseudonym_key(inspection),
        mock=inspection.mock,
        published_on=None
        if publication is None
        else timezone.localtime(publication.published_at).date(),
        recommendations=tuple(
            Recommendation(addressed_to=r.addressed_to, text=r.text)
            for r in current_recommendations(inspection)
        ),
        survey=survey_questions(inspection),
        panel=panel_records(inspection),
        catalogue=catalogue(),
        basis=sample_basis(inspection),
    )


def report_for(inspection: Any, settings: Settings | None = None) -> Any:
    """The core's report of the inspection."""
    settings = settings or installation_settings()
    return build_report(report_inputs(inspection, settings), settings=settings)
