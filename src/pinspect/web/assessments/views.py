"""My cases, and the case assessment page (save and resume, complete, stale-save refusal)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pinspect.problems import InputError
from pinspect.web.assessments.forms import CaseAssessmentForm, anchor, answer_field, note_field
from pinspect.web.assessments.models import ATTRIBUTE_NAMES, SampledCase
from pinspect.web.assessments.questions import LONG_GUIDANCE, CaseQuestions, contradiction
from pinspect.web.assessments.saving import (
    StaleVersionError,
    current_answers,
    questions_for,
    save_case,
)
from pinspect.web.inspections.models import Membership
from pinspect.web.login import login_required
from pinspect.web.permissions import Action, can, case_for


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    cases = (
        SampledCase.objects.filter(
            assigned_to=request.user,
            reserve_rank__isnull=True,
            withdrawn_at__isnull=True,
            inspection__in=Membership.objects.filter(user=request.user)
            .exclude(role="viewer")
            .values("inspection_id"),
        )
        .select_related("inspection")
        .order_by("inspection", "reference")
    )
    return render(request, "assessments/my_cases.html", {"cases": cases})


def _initial(case: SampledCase) -> dict[str, Any]:
    answers, notes = current_answers(case)
    initial: dict[str, Any] = {"version": case.version}
    initial.update({answer_field(q): a for q, a in answers.items()})
    initial.update({note_field(q): n for q, n in notes.items()})
    initial.update({f"attribute:{k}": case.attributes.get(k, "") for k in ATTRIBUTE_NAMES})
    return initial


def _value(form: CaseAssessmentForm, name: str) -> str:
    if form.is_bound:
        return str(form.data.get(name, ""))
    return str(form.initial.get(name, ""))


def _sections(questions: CaseQuestions, form: CaseAssessmentForm) -> list[dict[str, Any]]:
    sections = []
    for item in questions.key_questions:
        kq = item.key_question
        prompts = []
        for prompt in item.prompts:
            prompts.append(
                {
                    "prompt": prompt,
                    "name": answer_field(prompt.id),
                    "anchor": anchor(prompt.id),
                    "value": _value(form, answer_field(prompt.id)),
                    "choices": questions.allowed_answers(prompt.id),
                    "long_guidance": len(prompt.guidance or "") > LONG_GUIDANCE,
                    "errors": form.errors.get(answer_field(prompt.id), []),
                }
            )
        value = _value(form, answer_field(kq.id))
        sections.append(
            {
                "standard": item.standard,
                "kq": kq,
                "name": answer_field(kq.id),
                "anchor": anchor(kq.id),
                "value": value,
                "choices": questions.allowed_answers(kq.id),
                "errors": form.errors.get(answer_field(kq.id), []),
                "note_name": note_field(kq.id),
                "note_anchor": anchor(f"note:{kq.id}"),
                "note": _value(form, note_field(kq.id)),
                "prompts": prompts,
                "warning": contradiction(value, [p["value"] for p in prompts]),
            }
        )
    return sections


def _apply_problems(form: CaseAssessmentForm, error: InputError) -> None:
    for problem in error.problems:
        name = answer_field(problem.field) if problem.field else None
        if problem.field in ATTRIBUTE_NAMES:
            name = f"attribute:{problem.field}"
        if name not in form.fields:
            name = None
        form.add_error(name, problem.message)


@login_required
def assess_case(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW_INSPECTION)
    editable = can(request.user, Action.ASSESS_CASE, case)
    questions = questions_for(case)
    stale: dict[str, Any] | None = None
    if request.method == "POST":
        case = case_for(request.user, case_id, Action.ASSESS_CASE)
        form = CaseAssessmentForm(questions, request.POST)
        if form.is_valid():
            try:
                save_case(case, form.cleaned_data["version"], form.submission(), actor=request.user)
            except InputError as error:
                _apply_problems(form, error)
            except StaleVersionError as conflict:
                stale = _stale_context(questions, form, conflict.case)
                form = CaseAssessmentForm(questions, initial=_initial(conflict.case))
                case = conflict.case
            else:
                done = form.cleaned_data.get("action") == "complete"
                messages.success(
                    request, f"Case {case.reference} {'marked complete' if done else 'saved'}"
                )
                return redirect("assessments:case", case_id=case.pk)
    else:
        form = CaseAssessmentForm(questions, initial=_initial(case))
    context = {
        "case": case,
        "inspection": case.inspection,
        "form": form,
        "editable": editable,
        "sections": _sections(questions, form),
        "errors": form.error_list() if form.is_bound else [],
        "stale": stale,
        "version": _value(form, "version") or case.version,
        "attributes": [
            {
                "name": f"attribute:{n}",
                "label": n.replace("_", " ").capitalize(),
                "value": _value(form, f"attribute:{n}"),
                "anchor": f"attribute-{n}",
            }
            for n in ATTRIBUTE_NAMES
        ],
    }
    status = 409 if stale else (400 if form.is_bound and form.errors else 200)
    return render(request, "assessments/case.html", context, status=status)


def _stale_context(
    questions: CaseQuestions, form: CaseAssessmentForm, current: SampledCase
) -> dict[str, Any]:
    """What the other person saved, next to what this user tried to save."""
    theirs, their_notes = current_answers(current)
    mine = form.submission()
    differences = []
    for question in questions.question_ids():
        if theirs.get(question, "") != mine.answers.get(question, ""):
            differences.append(
                {
                    "question": question,
                    "theirs": theirs.get(question, ""),
                    "yours": mine.answers.get(question, ""),
                }
            )
        if their_notes.get(question, "") != mine.notes.get(question, ""):
            differences.append(
                {
                    "question": f"{question} note",
                    "theirs": their_notes.get(question, ""),
                    "yours": mine.notes.get(question, ""),
                }
            )
    return {
        "by": current.updated_by.username if current.updated_by else "someone",
        "at": current.updated_at,
        "differences": differences,
    }
