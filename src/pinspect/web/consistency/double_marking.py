"""Drawing the QA sub-sample, saving a second marking and reading the double markings.

Seed 001 §4.13: "quality assurance and quality control". The core draws the sub-sample
(:func:`pinspect.consistency.qa_sample.draw_qa_sample`) from the inspection's complete cases;
this module stores what it drew, saves the second marker's answers (validated as a case's are,
version-checked, audited) and hands both markings of every case marked twice to the core's
agreement table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F

from pinspect.consistency.markings import Marking, Markings
from pinspect.consistency.qa_sample import AssessedCase, draw_qa_sample
from pinspect.problems import InputError, Problem
from pinspect.ratings.answer import Answer
from pinspect.scale.counts import YesNoCounts
from pinspect.web.assessments.models import CaseAnswer, CaseStatus
from pinspect.web.assessments.questions import case_questions
from pinspect.web.assessments.saving import CaseAnswers, StaleVersionError, validate
from pinspect.web.audit.record import record_fields
from pinspect.web.consistency.blind import both_complete
from pinspect.web.consistency.models import Moderation, QaCase, QaSample, SecondAnswer
from pinspect.web.inspections.models import Membership, Role
from pinspect.web.inspections.results import complete_cases

__all__ = [
    "DoubleMarked",
    "double_markings",
    "draw",
    "first_answers",
    "save_second_marking",
    "second_answers",
]


def draw(inspection: Any, *, share: float, seed: int, actor: Any) -> QaSample:
    """001 §4.13: draw ``share`` of each inspector's complete cases with ``seed``, give each a
    second marker from the team, store and audit it. Raises InputError (nothing written) when
    the inspection has a sub-sample already or no complete case."""
    if QaSample.objects.filter(inspection=inspection).exists():
        raise InputError([Problem(None, None, "share", "The QA sub-sample is drawn already")])
    cases = {
        c.reference: c
        for c in complete_cases(inspection)
        .filter(assigned_to__isnull=False)
        .select_related("assigned_to")
    }
    if not cases:
        raise InputError(
            [Problem(None, None, "share", "No case is complete yet: there is nothing to draw")]
        )
    # The markers: whoever assessed a case, and every inspector of the team.
    members = {c.assigned_to.username: c.assigned_to for c in cases.values()}
    members.update(
        (m.user.username, m.user)
        for m in Membership.objects.filter(
            inspection=inspection, role=Role.INSPECTOR, user__is_active=True
        ).select_related("user")
    )
    assessed = [AssessedCase(ref, c.assigned_to.username) for ref, c in cases.items()]
    drawn = draw_qa_sample(assessed, share=share, seed=seed, markers=sorted(members))
    with transaction.atomic():
        sample = QaSample.objects.create(
            inspection=inspection, share=share, seed=seed, drawn_by=actor
        )
        record_fields(
            actor=actor,
            inspection=inspection,
            obj=sample,
            changes=[("share", "", share), ("seed", "", seed), ("cases", "", len(drawn.cases))],
        )
        for item in drawn.cases:
            case = cases[item.case.reference]
            qa_case = QaCase.objects.create(
                sample=sample,
                case=case,
                first_marker=case.assigned_to,
                second_marker=members.get(item.second_marker or ""),
            )
            record_fields(
                actor=actor,
                inspection=inspection,
                obj=qa_case,
                changes=[("second marker", "", item.second_marker or "nobody")],
            )
    return sample


def second_answers(qa_case: QaCase) -> tuple[dict[str, str], dict[str, str]]:
    """The second marker's answers and notes by question."""
    answers: dict[str, str] = {}
    notes: dict[str, str] = {}
    for question, answer, note in qa_case.answers.values_list("question", "answer", "note"):
        if answer:
            answers[question] = answer
        if note:
            notes[question] = note
    return answers, notes


def save_second_marking(
    qa_case: QaCase, version: int, submitted: CaseAnswers, *, actor: Any
) -> QaCase:
    """Replace the second marking with ``submitted`` if nobody saved since ``version``, audit
    every changed value; raises InputError or StaleVersionError, writing nothing."""
    case = qa_case.case
    questions = case_questions(case.inspection.framework, case.sample)
    problems = validate(
        questions, CaseAnswers(submitted.answers, submitted.notes, None, submitted.complete)
    )
    if problems:
        raise InputError(problems)
    status = CaseStatus.COMPLETE if submitted.complete else CaseStatus.IN_PROGRESS
    with transaction.atomic():
        matched = QaCase.objects.filter(pk=qa_case.pk, version=version).update(
            version=F("version") + 1, status=status
        )
        if not matched:
            raise StaleVersionError(case)
        changes: list[tuple[str, Any, Any]] = [("status", qa_case.status, status)]
        existing = {a.question: a for a in qa_case.answers.all()}
        for question in questions.question_ids():
            row = existing.get(question)
            old = (row.answer, row.note) if row else ("", "")
            new = (submitted.answers.get(question, ""), submitted.notes.get(question, ""))
            if old == new:
                continue
            if row is None:
                SecondAnswer.objects.create(
                    qa_case=qa_case, question=question, answer=new[0], note=new[1]
                )
            else:
                row.answer, row.note = new
                row.save(update_fields=["answer", "note"])
            changes.append((f"{question} answer", old[0], new[0]))
            changes.append((f"{question} note", old[1], new[1]))
        record_fields(actor=actor, inspection=case.inspection, obj=qa_case, changes=changes)
    qa_case.version = version + 1
    qa_case.status = status
    return qa_case


def first_answers(qa_case: QaCase) -> dict[str, str]:
    """The first marker's key-question answers as marked: the case's own answers, except
    where moderation since replaced one (the decision keeps the answer it replaced)."""
    answers = dict(
        CaseAnswer.objects.filter(case_id=qa_case.case_id)
        .exclude(answer="")
        .values_list("question", "answer")
    )
    for moderation in qa_case.moderations.all():
        answers[moderation.question] = moderation.first_answer
    return answers


@dataclass(frozen=True)
class Disagreement:
    """A key question of a case the two markers answered differently, and its moderation."""

    qa_case: QaCase
    question: str
    first: str
    second: str
    moderation: Moderation | None


@dataclass(frozen=True)
class DoubleMarked:
    """The inspection's double markings, ready for the core's agreement table."""

    markings: Markings
    other_cases: Mapping[str, YesNoCounts]
    disagreements: tuple[Disagreement, ...]
    cases: int


def double_markings(inspection: Any) -> DoubleMarked:
    """Both markings of every key question of every case whose two markings are complete; the
    counted answers of the other complete cases, per key question."""
    framework = inspection.framework
    markings: list[Marking] = []
    disagreements: list[Disagreement] = []
    marked: set[int] = set()
    qa_cases = (
        QaCase.objects.filter(sample__inspection=inspection, second_marker__isnull=False)
        .select_related("case", "first_marker", "second_marker")
        .prefetch_related("moderations")
    )
    for qa_case in qa_cases:
        if not both_complete(qa_case) or qa_case.case.is_withdrawn:
            continue
        assert qa_case.second_marker is not None  # filtered above
        marked.add(qa_case.case_id)
        first = first_answers(qa_case)
        second, _ = second_answers(qa_case)
        moderations = {m.question: m for m in qa_case.moderations.all()}
        for question in case_questions(framework, qa_case.case.sample).key_question_ids():
            if question not in first or question not in second:
                continue
            reference = qa_case.case.reference
            markings.append(
                Marking(
                    reference,
                    question,
                    qa_case.first_marker.username,
                    Answer.parse(first[question]),
                )
            )
            markings.append(
                Marking(
                    reference,
                    question,
                    qa_case.second_marker.username,
                    Answer.parse(second[question]),
                )
            )
            if first[question] != second[question]:
                disagreements.append(
                    Disagreement(
                        qa_case,
                        question,
                        first[question],
                        second[question],
                        moderations.get(question),
                    )
                )
    other: dict[str, list[int]] = {}
    rows = (
        CaseAnswer.objects.filter(case__in=complete_cases(inspection))
        .exclude(case_id__in=marked)
        .exclude(answer="")
        .values_list("question", "answer")
    )
    for question, answer in rows:
        counts = other.setdefault(question, [0, 0, 0])
        counts[("yes", "no", "n/a").index(answer)] += 1
    return DoubleMarked(
        markings=Markings(tuple(markings)),
        other_cases={q: YesNoCounts(*c) for q, c in other.items()},
        disagreements=tuple(disagreements),
        cases=len(marked),
    )
