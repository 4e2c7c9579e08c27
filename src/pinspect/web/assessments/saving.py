"""Saving a case's answers: validated, version-checked, audited, all in one transaction.

Optimistic locking: the caller says which ``version`` it read. The save bumps the version
with ``UPDATE … WHERE version = read_version``; if another save got there first, no row
matches, nothing is written and :class:`StaleVersionError` carries the case as it now is.

A save costs the same few queries however many answers change: the version bump (which also
writes the attributes), one read of the answers, one ``INSERT`` of the new answers, one
``UPDATE`` of the changed ones, and the audit events: the chain's lock (PostgreSQL), its head
and one ``INSERT``. The case is not read back: every value the save wrote is known.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pinspect.problems import InputError, Problem
from pinspect.text import text_problem
from pinspect.web.assessments.models import (
    ATTRIBUTE_NAMES,
    CaseAnswer,
    CaseStatus,
    SampledCase,
)
from pinspect.web.assessments.questions import CaseQuestions, case_questions, missing_answers
from pinspect.web.audit.record import record_fields

__all__ = [
    "ANSWER_LENGTH",
    "ATTRIBUTE_NAME_LENGTH",
    "ATTRIBUTE_VALUE_LENGTH",
    "MAX_NOTE",
    "MAX_VERSION",
    "QUESTION_ID_LENGTH",
    "CaseAnswers",
    "StaleVersionError",
    "current_answers",
    "questions_for",
    "save_case",
]

MAX_NOTE = 5000
#: The longest value of a case attribute (sex, ethnicity, …), as the case page allows.
ATTRIBUTE_VALUE_LENGTH = 80
ATTRIBUTE_NAME_LENGTH = max(len(name) for name in ATTRIBUTE_NAMES)
QUESTION_ID_LENGTH = int(CaseAnswer._meta.get_field("question").max_length or 0)
ANSWER_LENGTH = int(CaseAnswer._meta.get_field("answer").max_length or 0)
#: The largest version a case can reach (the column is a 32-bit integer on PostgreSQL).
MAX_VERSION = 2**31 - 1


class StaleVersionError(Exception):
    """Somebody saved the case after the caller read it."""

    def __init__(self, case: SampledCase) -> None:
        self.case = case
        super().__init__(f"case {case.pk} is at version {case.version}")


@dataclass(frozen=True)
class CaseAnswers:
    """What the user submits: answers and notes per question id, attributes, completion."""

    answers: Mapping[str, str]
    notes: Mapping[str, str]
    attributes: Mapping[str, str] | None = None
    complete: bool = False


def questions_for(case: SampledCase) -> CaseQuestions:
    return case_questions(case.inspection.framework, case.sample)


def current_answers(case: SampledCase) -> tuple[dict[str, str], dict[str, str]]:
    answers: dict[str, str] = {}
    notes: dict[str, str] = {}
    for question, answer, note in case.answers.values_list("question", "answer", "note"):
        if answer:
            answers[question] = answer
        if note:
            notes[question] = note
    return answers, notes


def validate(questions: CaseQuestions, submitted: CaseAnswers) -> list[Problem]:
    """Every problem with a submission, each naming its field."""
    problems: list[Problem] = []
    known = set(questions.question_ids())
    for question, answer in submitted.answers.items():
        if question not in known:
            problems.append(
                Problem(None, None, question, f"{question!r} is not asked of this case")
            )
        elif answer and answer not in questions.allowed_answers(question):
            allowed = ", ".join(questions.allowed_answers(question))
            problems.append(
                Problem(
                    None, None, question, f"{answer!r} is not an answer here; expected {allowed}"
                )
            )
    for question, note in submitted.notes.items():
        if question not in known:
            problems.append(
                Problem(None, None, question, f"{question!r} is not asked of this case")
            )
        elif problem := text_problem(note, max_length=MAX_NOTE):
            problems.append(Problem(None, None, question, f"the note {problem}"))
    for name, value in (submitted.attributes or {}).items():
        if name not in ATTRIBUTE_NAMES:
            problems.append(Problem(None, None, name, f"{name!r} is not a case attribute"))
        elif problem := text_problem(value, max_length=ATTRIBUTE_VALUE_LENGTH):
            problems.append(Problem(None, None, name, f"the value {problem}"))
    if submitted.complete and not problems:
        for question in missing_answers(questions, submitted.answers):
            problems.append(
                Problem(None, None, question, f"Answer {question} before marking the case complete")
            )
    return problems


def save_case(
    case: SampledCase, version: int, submitted: CaseAnswers, *, actor: Any
) -> SampledCase:
    """Replace the case's answers and notes with ``submitted`` if nobody saved since
    ``version``; audit every changed value. Raises InputError or StaleVersionError, writing
    nothing."""
    questions = questions_for(case)
    problems = validate(questions, submitted)
    if problems:
        raise InputError(problems)
    inspection = case.inspection
    new_attributes = None
    if submitted.attributes is not None:
        new_attributes = {k: v for k, v in submitted.attributes.items() if v}
    with transaction.atomic():
        status = CaseStatus.COMPLETE if submitted.complete else CaseStatus.IN_PROGRESS
        values: dict[str, Any] = {
            "version": F("version") + 1,
            "updated_at": timezone.now(),
            "updated_by": actor,
            "status": status,
        }
        if new_attributes is not None:
            values["attributes"] = new_attributes
        matched = SampledCase.objects.filter(pk=case.pk, version=version).update(**values)
        if not matched:
            current = SampledCase.objects.select_related("updated_by").get(pk=case.pk)
            raise StaleVersionError(current)
        changes: list[tuple[str, Any, Any]] = [("status", case.status, status)]
        existing = {a.question: a for a in case.answers.all()}
        created: list[CaseAnswer] = []
        updated: list[CaseAnswer] = []
        for question in questions.question_ids():
            row = existing.get(question)
            old_answer, old_note = (row.answer, row.note) if row else ("", "")
            new_answer = submitted.answers.get(question, "")
            new_note = submitted.notes.get(question, "")
            if (old_answer, old_note) == (new_answer, new_note):
                continue
            if row is None:
                created.append(
                    CaseAnswer(case=case, question=question, answer=new_answer, note=new_note)
                )
            else:
                row.answer, row.note = new_answer, new_note
                updated.append(row)
            changes.append((f"{question} answer", old_answer, new_answer))
            changes.append((f"{question} note", old_note, new_note))
        if created:
            CaseAnswer.objects.bulk_create(created)
        if updated:
            CaseAnswer.objects.bulk_update(updated, ["answer", "note"])
        if new_attributes is not None:
            old_attributes = dict(case.attributes)
            changes.extend(
                (f"attribute {name}", old_attributes.get(name), new_attributes.get(name))
                for name in ATTRIBUTE_NAMES
            )
        record_fields(actor=actor, inspection=inspection, obj=case, changes=changes)
    # The case as this save left it, without reading it back (the UPDATE matched the version
    # read, so every value written is known here).
    case.version = version + 1
    case.status = status
    case.updated_at = values["updated_at"]
    case.updated_by = actor
    if new_attributes is not None:
        case.attributes = new_attributes
    getattr(case, "_prefetched_objects_cache", {}).pop("answers", None)
    return case
