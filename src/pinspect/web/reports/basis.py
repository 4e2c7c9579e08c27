"""What an inspection's report rests on (:class:`pinspect.report.inputs.SampleBasis`), read
from its sample: cases drawn, complete, withdrawn and replaced from the reserve, and the draw's
confidence level and margin of error."""

from __future__ import annotations

from typing import Any

from pinspect.report.inputs import SampleBasis
from pinspect.web.assessments.models import CaseStatus, SampledCase
from pinspect.web.samples.models import Method, Replacement, SampleDraw

__all__ = ["sample_basis"]


def sample_basis(inspection: Any) -> SampleBasis | None:
    """None before any sample exists."""
    sample = SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=True)
    if not sample.exists():
        return None
    draw = SampleDraw.objects.filter(inspection=inspection).first()
    settings = draw.settings if draw is not None and draw.method == Method.DRAWN else {}
    sized = settings.get("sized_by") == "confidence"
    return SampleBasis(
        sample_size=sample.filter(withdrawn_at__isnull=True).count(),
        cases_inspected=sample.filter(
            status=CaseStatus.COMPLETE, withdrawn_at__isnull=True
        ).count(),
        reserve_used=Replacement.objects.filter(inspection=inspection).count(),
        withdrawn=sample.filter(withdrawn_at__isnull=False).count(),
        confidence_level=settings.get("confidence_level") if sized else None,
        margin_of_error=settings.get("margin_of_error") if sized else None,
        open_cases=inspection.open_cases,
        open_cases_reason=inspection.open_cases_reason,
    )
