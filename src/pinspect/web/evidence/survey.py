"""Survey results of people on probation (seed 003 §5), summarised for the report.

The report reads :func:`survey_questions`. :func:`import_survey` stores a survey read by the
core (:func:`pinspect.survey.parse_survey`): only the counts per option, never a respondent's
row. A newer import supersedes the current one, which stays in the log (nothing is deleted).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import transaction

from pinspect.report.inputs import SurveyQuestion
from pinspect.web.audit.record import record_changes, record_field
from pinspect.web.evidence.models import EvidenceItem, EvidenceKind, EvidenceTag, SurveyResponse
from pinspect.web.evidence.models import SurveyQuestion as StoredQuestion

__all__ = ["current_survey", "import_survey", "survey_questions"]


def current_survey(inspection: Any) -> EvidenceItem | None:
    """The survey item not superseded by a later import, if any."""
    return (
        EvidenceItem.objects.filter(
            inspection=inspection, kind=EvidenceKind.SURVEY, superseded_by__isnull=True
        )
        .order_by("-added_at", "-id")
        .first()
    )


def survey_questions(inspection: Any) -> tuple[SurveyQuestion, ...]:
    """Every imported survey question of the inspection with its response counts."""
    item = current_survey(inspection)
    if item is None:
        return ()
    questions = item.survey_questions.prefetch_related("responses").order_by("position")
    return tuple(
        SurveyQuestion(
            id=q.question_id,
            text=q.text,
            responses={r.option: r.count for r in q.responses.order_by("position")},
            prompts=tuple(q.prompts),
        )
        for q in questions
    )


def import_survey(
    inspection: Any,
    questions: Sequence[SurveyQuestion],
    *,
    title: str,
    when: date | None,
    notes: str,
    actor: Any,
) -> EvidenceItem:
    """Store a parsed survey as the inspection's current survey, tagged to every prompt its
    questions inform (seed 003 §5.7), all in one transaction, audited."""
    with transaction.atomic():
        previous = current_survey(inspection)
        item = EvidenceItem.objects.create(
            inspection=inspection,
            kind=EvidenceKind.SURVEY,
            title=title,
            date=when,
            notes=notes,
            added_by=actor,
        )
        for position, question in enumerate(questions, start=1):
            stored = StoredQuestion.objects.create(
                item=item,
                position=position,
                question_id=question.id,
                text=question.text,
                prompts=list(question.prompts),
            )
            SurveyResponse.objects.bulk_create(
                SurveyResponse(question=stored, position=n, option=option, count=count)
                for n, (option, count) in enumerate(question.responses.items(), start=1)
            )
        prompts = sorted({p for q in questions for p in q.prompts})
        EvidenceTag.objects.bulk_create(EvidenceTag(item=item, prompt=p) for p in prompts)
        record_changes(
            actor=actor,
            inspection=inspection,
            obj=item,
            old={},
            new={
                "kind": item.kind,
                "title": item.title,
                "date": item.date,
                "notes": item.notes,
                "survey questions": ", ".join(q.id for q in questions),
                "tags": ", ".join(prompts),
            },
            label=item.title,
        )
        if previous is not None:
            previous.superseded_by = item
            previous.save(update_fields=["superseded_by"])
            record_field(
                actor=actor,
                inspection=inspection,
                obj=previous,
                field="superseded_by",
                old=None,
                new=f"{item.pk} {item.title}",
                label=previous.title,
            )
    return item
