"""Progress of an inspection: per inspector, per case and per key question. Counts the cases
of the sample only: not the reserve, not cases withdrawn and replaced from the reserve."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from pinspect.web.assessments.models import CaseAnswer, CaseStatus, SampledCase
from pinspect.web.assessments.questions import case_questions

__all__ = ["Progress", "inspection_progress"]


@dataclass(frozen=True)
class Progress:
    cases: int
    complete: int
    in_progress: int
    by_inspector: list[dict[str, Any]]
    by_key_question: list[dict[str, Any]]
    case_rows: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "complete": self.complete,
            "in_progress": self.in_progress,
            "by_inspector": self.by_inspector,
            "by_key_question": self.by_key_question,
            "case_list": self.case_rows,
        }


def inspection_progress(inspection: Any) -> Progress:
    cases = list(
        SampledCase.objects.filter(
            inspection=inspection, reserve_rank__isnull=True, withdrawn_at__isnull=True
        )
        .select_related("assigned_to")
        .order_by("reference")
    )
    statuses = Counter(c.status for c in cases)
    per_inspector: dict[str, Counter[str]] = {}
    for case in cases:
        name = case.assigned_to.username if case.assigned_to else "unassigned"
        per_inspector.setdefault(name, Counter())[case.status] += 1
    by_inspector = [
        {
            "inspector": name,
            "assigned": sum(counts.values()),
            "complete": counts[CaseStatus.COMPLETE],
            "in_progress": counts[CaseStatus.IN_PROGRESS],
        }
        for name, counts in sorted(per_inspector.items())
    ]
    # The outcome key questions (2021 PDU standard 2.6) too: baseline data, not rated (003
    # §3.7, §4.10), but judged on every case all the same.
    questions = case_questions(inspection.framework, "supervision", outcomes=True)
    forms = [form for form in questions.key_questions if form.asked]
    kq_ids = [form.key_question.id for form in forms]
    answered = Counter(
        CaseAnswer.objects.filter(
            case__inspection=inspection,
            case__reserve_rank__isnull=True,
            case__withdrawn_at__isnull=True,
            question__in=kq_ids,
        )
        .exclude(answer="")
        .values_list("question", flat=True)
    )
    by_key_question = [
        {
            "key_question": form.key_question.id,
            "answered": answered[form.key_question.id],
            "cases": len(cases),
            "outcome": form.is_outcome,
        }
        for form in forms
    ]
    case_rows = [
        {
            "id": c.pk,
            "reference": c.reference,
            "stratum": c.stratum,
            "inspector": c.assigned_to.username if c.assigned_to else None,
            "status": c.status,
        }
        for c in cases
    ]
    return Progress(
        cases=len(cases),
        complete=statuses[CaseStatus.COMPLETE],
        in_progress=statuses[CaseStatus.IN_PROGRESS],
        by_inspector=by_inspector,
        by_key_question=by_key_question,
        case_rows=case_rows,
    )
