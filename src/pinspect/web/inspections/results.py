"""Live results: the inspection's saved answers handed to the core's rating engine.

Only complete cases of the sample (not the reserve) count, so a half-assessed case does not
move the figures. The result is exactly what ``pinspect rate`` computes for the same answers
(:meth:`InspectionResult.as_dict` is the JSON both print).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inspection import InspectionResult, rate_inspection
from pinspect.settings import Settings
from pinspect.web.assessments.models import ATTRIBUTE_NAMES, CaseAnswer, CaseStatus, SampledCase
from pinspect.web.frameworks import catalogue

__all__ = ["complete_cases", "inspection_result"]


def complete_cases(inspection: Any) -> Any:
    """Complete cases of the sample: not the reserve, not cases withdrawn and replaced."""
    return SampledCase.objects.filter(
        inspection=inspection,
        reserve_rank__isnull=True,
        withdrawn_at__isnull=True,
        status=CaseStatus.COMPLETE,
    )


def inspection_result(
    inspection: Any, settings: Settings | None = None, *, by: Sequence[str] = ()
) -> InspectionResult:
    """Rate the inspection from its complete cases (judged standards stay unrated until the
    lead inspector's proposals are recorded); ``by`` names case attributes to break the
    key questions down by (those no complete case has are left out)."""
    cases = complete_cases(inspection)
    references = dict(cases.values_list("pk", "reference"))
    rows = (
        CaseAnswer.objects.filter(case_id__in=references)
        .exclude(answer="")
        .values_list("case_id", "question", "answer")
        .order_by("case_id", "question")
    )
    triples = [(references[c], q, Answer.parse(a)) for c, q, a in rows]
    attributes: dict[str, dict[str, str]] = {name: {} for name in ATTRIBUTE_NAMES}
    for pk, values in cases.values_list("pk", "attributes"):
        for name in ATTRIBUTE_NAMES:
            if values.get(name):
                attributes[name][references[pk]] = str(values[name])
    recorded = {k: v for k, v in attributes.items() if v}
    table = AnswerTable.from_answers(triples, attributes=recorded)
    return rate_inspection(
        inspection.framework,
        table,
        catalogue=catalogue(),
        settings=settings or Settings(),
        by=[name for name in by if name in recorded],
    )
