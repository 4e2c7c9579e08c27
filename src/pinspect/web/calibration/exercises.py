"""Creating, publishing and marking calibration exercises; their figures from the core.

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement". Every change is validated as a
case's answers are (:func:`pinspect.web.assessments.saving.validate`), written in one
transaction with its audit events (who, when, old, new), or not at all. The reference of a
published exercise is never changed: a change is refused. The figures come from
:func:`pinspect.consistency.calibration.calibrate`, one framework at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from pinspect.consistency import calibration as core
from pinspect.problems import InputError, Problem
from pinspect.ratings.answer import Answer
from pinspect.web.assessments.questions import CaseQuestions, case_questions
from pinspect.web.assessments.saving import CaseAnswers, validate
from pinspect.web.audit.record import record_fields
from pinspect.web.calibration.models import (
    Exercise,
    ExerciseMarking,
    ExerciseStatus,
    MarkingAnswer,
    ReferenceAnswer,
)
from pinspect.web.frameworks import catalogue
from pinspect.web.installation import installation_settings

__all__ = [
    "ReferenceChangedError",
    "calibrations",
    "create_exercise",
    "marking_answers",
    "publish",
    "questions_of",
    "reference_answers",
    "save_reference",
    "submit_marking",
]


class ReferenceChangedError(Exception):
    """Somebody saved the reference after the caller read it."""


def questions_of(exercise: Exercise) -> CaseQuestions:
    """What the exercise's case is asked: the framework's questions for its sample, as a
    case whose type is not recorded."""
    return case_questions(exercise.framework, exercise.sample)


def reference_answers(exercise: Exercise) -> dict[str, str]:
    return dict(exercise.reference.values_list("question", "answer"))


def marking_answers(marking: ExerciseMarking) -> dict[str, str]:
    return dict(marking.answers.values_list("question", "answer"))


def create_exercise(
    *, title: str, framework_id: str, sample: str, summary: str, actor: Any
) -> Exercise:
    """A draft exercise, audited."""
    with transaction.atomic():
        exercise = Exercise.objects.create(
            title=title,
            framework_id=framework_id,
            sample=sample,
            summary=summary,
            created_by=actor,
        )
        record_fields(
            actor=actor,
            inspection=None,
            obj=exercise,
            changes=[
                ("title", "", title),
                ("framework", "", framework_id),
                ("sample", "", sample),
                ("summary", "", summary),
                ("status", "", exercise.get_status_display()),
            ],
        )
    return exercise


def _refuse_published(exercise: Exercise) -> None:
    if exercise.is_published:
        raise InputError(
            [
                Problem(
                    None,
                    None,
                    None,
                    "This exercise is published: its reference marking can no longer change",
                )
            ]
        )


def save_reference(
    exercise: Exercise, version: int, submitted: CaseAnswers, *, actor: Any
) -> Exercise:
    """Replace a draft exercise's reference marking with ``submitted`` if nobody saved since
    ``version``; every changed answer audited. Raises InputError (a published exercise, an
    answer not allowed) or ReferenceChangedError, writing nothing."""
    _refuse_published(exercise)
    questions = questions_of(exercise)
    problems = validate(
        questions,
        CaseAnswers(submitted.answers, {}, None, False),
        reference="the exercise",
    )
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        matched = Exercise.objects.filter(
            pk=exercise.pk, version=version, status=ExerciseStatus.DRAFT
        ).update(version=F("version") + 1)
        if not matched:
            exercise.refresh_from_db()
            _refuse_published(exercise)
            raise ReferenceChangedError
        existing = {a.question: a for a in exercise.reference.all()}
        changes: list[tuple[str, Any, Any]] = []
        for question in questions.question_ids():
            row = existing.get(question)
            old = row.answer if row else ""
            new = submitted.answers.get(question, "")
            if old == new:
                continue
            if row is None:
                ReferenceAnswer.objects.create(exercise=exercise, question=question, answer=new)
            elif not new:
                row.delete()
            else:
                row.answer = new
                row.save(update_fields=["answer"])
            changes.append((f"reference {question}", old, new))
        record_fields(actor=actor, inspection=None, obj=exercise, changes=changes)
    exercise.version = version + 1
    return exercise


def publish(exercise: Exercise, *, actor: Any) -> Exercise:
    """Publish a draft whose reference answers every question; audited. Raises InputError
    (already published, a question unanswered), writing nothing."""
    _refuse_published(exercise)
    questions = questions_of(exercise)
    problems = validate(
        questions,
        CaseAnswers(reference_answers(exercise), {}, None, True),
        reference="the exercise",
    )
    if problems:
        raise InputError(
            [
                Problem(None, None, p.field, f"The reference marking is not complete: {p.message}")
                for p in problems
            ]
        )
    now = timezone.now()
    with transaction.atomic():
        matched = Exercise.objects.filter(pk=exercise.pk, status=ExerciseStatus.DRAFT).update(
            status=ExerciseStatus.PUBLISHED, published_at=now, published_by=actor
        )
        if not matched:
            raise InputError([Problem(None, None, None, "This exercise is published already")])
        record_fields(
            actor=actor,
            inspection=None,
            obj=exercise,
            changes=[("status", "Draft", "Published"), ("published at", "", now.isoformat())],
        )
    exercise.refresh_from_db()
    return exercise


def submit_marking(
    exercise: Exercise, submitted: CaseAnswers, *, actor: Any, at: datetime | None = None
) -> ExerciseMarking:
    """001 §4.13: the inspector's marking of a published exercise, every question answered,
    once; audited. ``at`` dates it (default now; the demo backdates). Raises InputError,
    writing nothing."""
    if not exercise.is_published:
        raise InputError([Problem(None, None, None, "This exercise is not published")])
    problems = validate(
        questions_of(exercise),
        CaseAnswers(submitted.answers, {}, None, True),
        reference="the exercise",
    )
    if problems:
        raise InputError(problems)
    already = InputError([Problem(None, None, None, "You have marked this exercise already")])
    if ExerciseMarking.objects.filter(exercise=exercise, marker=actor).exists():
        raise already
    try:
        with transaction.atomic():
            marking = ExerciseMarking.objects.create(
                exercise=exercise, marker=actor, submitted_at=at or timezone.now()
            )
            MarkingAnswer.objects.bulk_create(
                MarkingAnswer(marking=marking, question=q, answer=a)
                for q, a in submitted.answers.items()
            )
            record_fields(
                actor=actor,
                inspection=None,
                obj=marking,
                label=f"marking of {exercise.title}",
                changes=[("submitted", "", marking.submitted_at.isoformat())]
                + [(f"answer {q}", "", a) for q, a in sorted(submitted.answers.items())],
            )
    except IntegrityError:
        # Submitted twice at once: the unique constraint keeps the first.
        raise already from None
    return marking


def _answers(rows: Iterable[tuple[str, str]]) -> Mapping[str, Answer]:
    return {question: Answer.parse(answer) for question, answer in rows}


def calibrations(exercises: Iterable[Exercise]) -> list[core.Calibration]:
    """The core's figures for the published ``exercises``, one calibration per framework."""
    by_framework: dict[str, list[core.Exercise]] = {}
    published = (
        Exercise.objects.filter(pk__in=[e.pk for e in exercises], status=ExerciseStatus.PUBLISHED)
        .order_by("published_at", "pk")
        .prefetch_related("reference", "markings__answers", "markings__marker")
    )
    for exercise in published:
        markings = tuple(
            core.ExerciseMarking(
                m.marker.username,
                timezone.localtime(m.submitted_at).date(),
                _answers((a.question, a.answer) for a in m.answers.all()),
            )
            for m in exercise.markings.all()
        )
        by_framework.setdefault(exercise.framework_id, []).append(
            core.Exercise(
                str(exercise.pk),
                exercise.title,
                _answers((a.question, a.answer) for a in exercise.reference.all()),
                markings,
            )
        )
    settings = installation_settings()
    return [
        core.calibrate(catalogue()[fid], items, settings)
        for fid, items in sorted(by_framework.items())
    ]
