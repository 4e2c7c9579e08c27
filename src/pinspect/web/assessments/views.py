"""My cases, and the case assessment page (save and resume, complete, stale-save refusal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pinspect.problems import InputError
from pinspect.web.assessments.forms import CaseAssessmentForm, anchor, answer_field, note_field
from pinspect.web.assessments.models import ATTRIBUTE_NAMES, AnswerValue, SampledCase
from pinspect.web.assessments.questions import LONG_GUIDANCE, CaseQuestions, contradiction
from pinspect.web.assessments.saving import (
    StaleVersionError,
    current_answers,
    questions_for,
    save_case,
)
from pinspect.web.inspections.models import Membership
from pinspect.web.login import login_required
from pinspect.web.permissions import Action, can, case_for, one_request


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert not isinstance(user, AnonymousUser)  # login_required
    cases = (
        SampledCase.objects.filter(
            assigned_to=user,
            reserve_rank__isnull=True,
            withdrawn_at__isnull=True,
            inspection__in=Membership.objects.filter(user=user)
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


def _value(values: Mapping[str, Any], name: str) -> str:
    return str(values.get(name, ""))


_CHOICE_LABELS = dict(AnswerValue.choices)


def _radios(
    values: Mapping[str, Any],
    errors: Mapping[str, Any],
    questions: CaseQuestions,
    question_id: str,
    legend: str,
    *,
    hint: str = "",
    size: str = "s",
) -> dict[str, Any]:
    """One question's radio group, ready to render: the legend, the hint, its errors and
    each choice with its input id (the first is the question's anchor) and whether it is
    checked."""
    name = answer_field(question_id)
    first = anchor(question_id)
    value = _value(values, name)
    return {
        "name": name,
        "anchor": first,
        "value": value,
        "legend": legend,
        "hint": hint,
        "size": size,
        "errors": errors.get(name, []),
        "choices": [
            {
                "id": first if number == 1 else f"{first}-{number}",
                "value": choice,
                "label": _CHOICE_LABELS[choice],
                "checked": choice == value,
            }
            for number, choice in enumerate(questions.allowed_answers(question_id), start=1)
        ],
    }


def _sections(
    questions: CaseQuestions, values: Mapping[str, Any], errors: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Per key question: its prompts' radio groups, then the judgement's, then the note, with
    ``values`` shown (what was submitted, or what is saved) and the form's ``errors``.

    A prompt's guidance is its group's hint; guidance longer than ``LONG_GUIDANCE`` is shown
    in a details block above the group instead."""
    sections = []
    for item in questions.key_questions:
        kq = item.key_question
        groups = []
        for prompt in item.prompts:
            long_guidance = len(prompt.guidance or "") > LONG_GUIDANCE
            group = _radios(
                values,
                errors,
                questions,
                prompt.id,
                f"{prompt.letter}) {prompt.text}",
                hint="" if long_guidance else prompt.guidance or "",
            )
            group["prompt"] = prompt
            group["details"] = prompt.guidance if long_guidance else ""
            groups.append(group)
        judgement = _radios(
            values, errors, questions, kq.id, f"Your judgement for {kq.id}", size="m"
        )
        judgement["warning"] = contradiction(judgement["value"], [g["value"] for g in groups])
        groups.append(judgement)
        sections.append(
            {
                "standard": item.standard,
                "kq": kq,
                "anchor": judgement["anchor"],
                "groups": groups,
                "note_name": note_field(kq.id),
                "note_anchor": anchor(f"note:{kq.id}"),
                "note": _value(values, note_field(kq.id)),
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
    with one_request():
        return _assess_case(request, case_id)


def _assess_case(request: HttpRequest, case_id: int) -> HttpResponse:
    # One check serves the page and the save: reading needs VIEW_INSPECTION (else 404/403),
    # saving ASSESS_CASE as well (else 403), as case_for(…, ASSESS_CASE) would answer.
    case = case_for(request.user, case_id, Action.VIEW_INSPECTION)
    editable = can(request.user, Action.ASSESS_CASE, case)
    questions = questions_for(case)
    stale: dict[str, Any] | None = None
    # The page shows the submitted form (with its errors) or, without one, the saved answers:
    # a case page needs no form object.
    form: CaseAssessmentForm | None = None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = CaseAssessmentForm(questions, request.POST)
        if form.is_valid():
            try:
                save_case(case, form.cleaned_data["version"], form.submission(), actor=request.user)
            except InputError as error:
                _apply_problems(form, error)
            except StaleVersionError as conflict:
                stale = _stale_context(questions, form, conflict.case)
                form = None  # the page shows what the other person saved
                case = conflict.case
            else:
                done = form.cleaned_data.get("action") == "complete"
                messages.success(
                    request, f"Case {case.reference} {'marked complete' if done else 'saved'}"
                )
                return redirect("assessments:case", case_id=case.pk)
    values: Mapping[str, Any] = _initial(case) if form is None else form.data
    errors: Mapping[str, Any] = {} if form is None else form.errors
    context = {
        "case": case,
        "inspection": case.inspection,
        "form": form,
        "editable": editable,
        "sections": _sections(questions, values, errors),
        "errors": [] if form is None else form.error_list(),
        "stale": stale,
        "version": _value(values, "version") or case.version,
        "attributes": [
            {
                "name": f"attribute:{n}",
                "label": n.replace("_", " ").capitalize(),
                "value": _value(values, f"attribute:{n}"),
                "anchor": f"attribute-{n}",
            }
            for n in ATTRIBUTE_NAMES
        ],
    }
    status = 409 if stale else (400 if errors else 200)
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
