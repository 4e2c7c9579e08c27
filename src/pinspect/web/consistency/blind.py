"""Blind second marking: neither marker sees the other's answers until both are complete.

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases" — which two markings only show if each was formed alone.
The second marker of a drawn case may not open the case's page, its JSON or its audit trail
while either marking is unfinished; the second marking's page and audit rows are the second
marker's alone (and the lead's and QA's, who mark neither) until then.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef

from pinspect.web.assessments.models import CaseStatus
from pinspect.web.consistency.models import QaCase

__all__ = ["both_complete", "hidden_audit_objects", "hidden_from"]

QA_CASE = "consistency.qacase"
CASE = "assessments.sampledcase"


def both_complete(qa_case: QaCase) -> bool:
    """Whether the first and the second marking are both complete."""
    return qa_case.status == CaseStatus.COMPLETE and qa_case.case.status == CaseStatus.COMPLETE


def hidden_from(user: Any) -> Exists:
    """For a query of cases: whether ``user`` is the case's second marker and a marking is
    unfinished (the case's first marking is then hidden from them); asked in the query that
    reads the case, so it costs no query of its own."""
    return Exists(
        QaCase.objects.filter(
            case=OuterRef("pk"), second_marker__isnull=False, second_marker_id=user.pk
        ).exclude(status=CaseStatus.COMPLETE, case__status=CaseStatus.COMPLETE)
    )


def hidden_audit_objects(user: Any, inspection: Any) -> list[tuple[str, str]]:
    """The (object type, id) of every audited object whose rows ``user`` may not read yet:
    the first marking of a case they second-mark, the second marking of a case they marked
    first."""
    hidden: list[tuple[str, str]] = []
    qa_cases = QaCase.objects.select_related("case").filter(sample__inspection=inspection)
    for qa_case in qa_cases.filter(second_marker_id=user.pk) | qa_cases.filter(
        first_marker_id=user.pk
    ):
        if both_complete(qa_case):
            continue
        if qa_case.second_marker_id == user.pk:
            hidden.append((CASE, str(qa_case.case_id)))
        if qa_case.first_marker_id == user.pk:
            hidden.append((QA_CASE, str(qa_case.pk)))
    return hidden
