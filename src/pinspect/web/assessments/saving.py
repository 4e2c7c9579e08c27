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

from pinspect.frameworks.applicability import CaseKind, case_kind_attributes, case_kind_from
from pinspect.problems import InputError, Problem
from pinspect.ratings.answer import Answer
from pinspect.ratings.outcome import STABILITY_RECORD
from pinspect.text import text_problem
from pinspect.web.assessments.models import (
    ATTRIBUTE_NAMES,
    CaseAnswer,
    CaseStatus,
    SampledCase,
)
from pinspect.web.assessments.questions import (
    CaseQuestions,
    case_questions,
    missing_answers,
    question_words,
)
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
    #: The questions this submission covers (one standard's page); None: every question.
    #: Answers and notes of the others are kept as saved.
    scope: frozenset[str] | None = None


def _kind(attributes: Mapping[str, str]) -> CaseKind | None:
    """The case's kind from its attributes, None when not recorded or not readable (saving
    reports a value that cannot be read)."""
    try:
        return case_kind_from(attributes)
    except ValueError:
        return None


def questions_for(case: SampledCase, attributes: Mapping[str, str] | None = None) -> CaseQuestions:
    """What ``case`` is asked: its framework's questions for its sample, less those that do not
    apply to its kind (003 Annexe A §3) as ``attributes`` (default: its saved ones) say."""
    values = case.attributes if attributes is None else attributes
    return case_questions(case.inspection.framework, case.sample, _kind(values), outcomes=True)


def current_answers(case: SampledCase) -> tuple[dict[str, str], dict[str, str]]:
    answers: dict[str, str] = {}
    notes: dict[str, str] = {}
    for question, answer, note in case.answers.values_list("question", "answer", "note"):
        if answer:
            answers[question] = answer
        if note:
            notes[question] = note
    return answers, notes


def _stability_problems(submitted: CaseAnswers) -> list[Problem]:
    """003 §4.8, §4.11: stability is sufficient progress only "in exceptional and defensible
    circumstances with evidence of planning towards progress"; the core refuses a cases file's
    "met through stability" without that record (:data:`STABILITY_RECORD`), and the case form
    asks for it in the judgement's evidence notes. The note itself is never repeated."""
    needed = " and ".join(STABILITY_RECORD.values())
    return [
        Problem(
            None,
            None,
            question,
            # Words for the inspector: the seed clauses are in the docstring, not the message.
            f"Your judgement for {question} is met through stability: record in its evidence "
            f"notes {needed}",
        )
        for question, answer in submitted.answers.items()
        if answer == Answer.MET_THROUGH_STABILITY.word
        and not submitted.notes.get(question, "").strip()
    ]


def validate(
    questions: CaseQuestions,
    submitted: CaseAnswers,
    *,
    reference: str = "this case",
    saved: Mapping[str, str] | None = None,
) -> list[Problem]:
    """Every problem with a submission, each naming its field: a yes or no to a question that
    does not apply to the case (003 Annexe A §3) names the case, the question and why;
    completing names every question still unanswered (``saved`` answers count for questions
    outside the submission's scope) in its own words."""
    problems: list[Problem] = []
    known = set(questions.question_ids())
    for question, answer in submitted.answers.items():
        reason = questions.not_asked.get(question)
        if reason is not None and answer != "n/a":
            problems.append(
                Problem(
                    None,
                    None,
                    question,
                    f"{question} does not apply to {reference} "
                    f"({questions.kind.words if questions.kind else 'its kind'}): {reason}; "
                    "it is not asked (003 Annexe A §3)",
                )
            )
        elif reason is not None:
            continue
        elif question not in known:
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
    problems.extend(_stability_problems(submitted))
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
    if submitted.attributes is not None and not problems:
        try:
            case_kind_from(submitted.attributes)
        except ValueError as error:
            name, message = str(error).split(": ", 1)
            problems.append(Problem(None, None, name, message))
    if submitted.complete and not problems:
        answers = {**(saved or {}), **submitted.answers}
        for question in missing_answers(questions, answers):
            words = question_words(questions.framework, question)
            problems.append(Problem(None, None, question, f"Answer {words}"))
    return problems


def _write_answers(
    case: SampledCase, questions: CaseQuestions, submitted: CaseAnswers
) -> list[tuple[str, Any, Any]]:
    """Write the submitted answers and notes (of the submission's scope) that differ from the
    saved ones, in one INSERT and one UPDATE; the changes, for the audit trail. A question no
    longer asked of the case (003 Annexe A §3) loses its answer."""
    changes: list[tuple[str, Any, Any]] = []
    existing = {a.question: a for a in case.answers.all()}
    created: list[CaseAnswer] = []
    updated: list[CaseAnswer] = []
    for question in questions.every_question_id():
        if submitted.scope is not None and question not in submitted.scope:
            continue
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
    return changes


def save_case(
    case: SampledCase, version: int, submitted: CaseAnswers, *, actor: Any
) -> SampledCase:
    """Replace the case's answers and notes with ``submitted`` if nobody saved since
    ``version``; audit every changed value. Raises InputError or StaleVersionError, writing
    nothing."""
    questions = questions_for(case, submitted.attributes)
    scope = submitted.scope
    saved: dict[str, str] = {}
    if scope is not None:
        saved = {q: a for q, a in current_answers(case)[0].items() if q not in scope}
    problems = validate(questions, submitted, reference=f"case {case.reference}", saved=saved)
    if problems:
        raise InputError(problems)
    inspection = case.inspection
    new_attributes = None
    if submitted.attributes is not None:
        new_attributes = {k: v for k, v in submitted.attributes.items() if v}
        # The case's kind in the framework files' words (community, post_custody, yes, no).
        new_attributes.update(case_kind_attributes(questions.kind))
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
        changes.extend(_write_answers(case, questions, submitted))
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
