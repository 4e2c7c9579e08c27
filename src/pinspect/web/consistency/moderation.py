"""Moderation: QA resolves a disagreement between the two markings of a key question.

Seed 001 §4.13: "quality assurance and quality control". QA keeps the first marking, keeps the
second, or records a third answer, always with a reason. The decision is stored with both
answers as they were, and the answer decided becomes the case's own answer to the key
question, so the inspection's results (which count the case's answers) change at once. The
decision and the changed answer are audited in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pinspect.problems import InputError, Problem
from pinspect.text import text_problem
from pinspect.web.assessments.models import CaseAnswer, SampledCase
from pinspect.web.assessments.questions import case_questions
from pinspect.web.audit.record import record_fields
from pinspect.web.consistency.blind import both_complete
from pinspect.web.consistency.double_marking import first_answers, second_answers
from pinspect.web.consistency.models import Decision, Moderation, QaCase

__all__ = ["MAX_REASON", "moderate"]

MAX_REASON = 2000


def moderate(
    qa_case: QaCase, question: str, decision: str, *, third: str = "", reason: str, actor: Any
) -> Moderation:
    """Resolve the markers' disagreement on ``question`` of ``qa_case``; raises InputError
    (nothing written) naming the field at fault."""
    case = qa_case.case
    problems: list[Problem] = []
    first = first_answers(qa_case).get(question, "")
    second = second_answers(qa_case)[0].get(question, "")
    questions = case_questions(case.inspection.framework, case.sample)
    if not both_complete(qa_case):
        problems.append(Problem(None, None, "question", "Both markings must be complete first"))
    elif question not in questions.key_question_ids() or not first or first == second:
        problems.append(
            Problem(None, None, "question", f"The markers did not disagree on {question}")
        )
    elif qa_case.moderations.filter(question=question).exists():
        problems.append(Problem(None, None, "question", f"{question} is moderated already"))
    if decision not in Decision.values:
        problems.append(Problem(None, None, "decision", "Choose which answer counts"))
    if decision == Decision.THIRD and third not in (
        questions.allowed_answers(question) if question in questions.key_question_ids() else ()
    ):
        problems.append(Problem(None, None, "third", "Choose the third answer"))
    if not reason.strip():
        problems.append(Problem(None, None, "reason", "Give the reason for the decision"))
    elif problem := text_problem(reason, max_length=MAX_REASON):
        problems.append(Problem(None, None, "reason", f"The reason {problem}"))
    if problems:
        raise InputError(problems)
    answer = {Decision.FIRST: first, Decision.SECOND: second}.get(Decision(decision), third)
    with transaction.atomic():
        moderation = Moderation.objects.create(
            qa_case=qa_case,
            question=question,
            first_answer=first,
            second_answer=second,
            decision=decision,
            answer=answer,
            reason=reason.strip(),
            decided_by=actor,
        )
        inspection = case.inspection
        record_fields(
            actor=actor,
            inspection=inspection,
            obj=moderation,
            label=f"moderation of {case.reference} {question}",
            changes=[
                ("decision", "", Decision(decision).label),
                ("answer", first, answer),
                ("reason", "", moderation.reason),
            ],
        )
        current = CaseAnswer.objects.filter(case=case, question=question).first()
        if current is not None and current.answer != answer:
            old = current.answer
            current.answer = answer
            current.save(update_fields=["answer"])
            # The case changed under anyone holding it open: their save must not undo this.
            SampledCase.objects.filter(pk=case.pk).update(
                version=F("version") + 1, updated_at=timezone.now(), updated_by=actor
            )
            record_fields(
                actor=actor,
                inspection=inspection,
                obj=case,
                changes=[(f"{question} answer", old, answer)],
            )
    return moderation
