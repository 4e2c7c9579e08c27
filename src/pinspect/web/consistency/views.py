"""The double-marking pages: the QA sub-sample, blind second marking, agreement and
moderation (seed 001 §4.12, §4.13)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pinspect.consistency.agreement_table import AgreementTable, agreement_table
from pinspect.problems import InputError
from pinspect.web.assessments.models import AnswerValue
from pinspect.web.assessments.questions import case_questions
from pinspect.web.assessments.saving import StaleVersionError
from pinspect.web.consistency.answer_sections import answer_sections
from pinspect.web.consistency.blind import both_complete
from pinspect.web.consistency.double_marking import (
    Disagreement,
    double_markings,
    draw,
    save_second_marking,
    second_answers,
)
from pinspect.web.consistency.figure_words import agreement_words
from pinspect.web.consistency.forms import (
    DrawForm,
    ModerationForm,
    SecondMarkingForm,
    answer_name,
    note_name,
)
from pinspect.web.consistency.models import Decision, QaCase, QaSample
from pinspect.web.consistency.moderation import moderate
from pinspect.web.installation import installation_settings
from pinspect.web.login import login_required
from pinspect.web.permissions import Action, allowed, can, one_request, permission_required, role_of

_LABELS = dict(AnswerValue.choices)


def _problems(form: Any, error: InputError) -> None:
    for problem in error.problems:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)


def _error_list(form: Any) -> list[dict[str, str]]:
    if form is None:
        return []
    return [
        {"anchor": f"id_{name}" if name != "__all__" else "", "message": str(message)}
        for name, errors in form.errors.items()
        for message in errors
    ]


def _sample_page(request: HttpRequest, inspection: Any, form: DrawForm | None) -> HttpResponse:
    sample = QaSample.objects.filter(inspection=inspection).first()
    cases = (
        []
        if sample is None
        else list(sample.cases.select_related("case", "first_marker", "second_marker"))
    )
    if form is None and sample is None:
        form = DrawForm(
            initial={
                "share": installation_settings().qa_sample_share,
                "seed": secrets.randbelow(10**6),
            }
        )
    context = {
        "inspection": inspection,
        "sample": sample,
        "cases": [
            {"qa": qa, "both": both_complete(qa), "first_status": qa.case.get_status_display()}
            for qa in cases
        ],
        "form": form,
        "errors": _error_list(form) if form is not None and form.is_bound else [],
        "may_draw": can(request.user, Action.QUALITY_ASSURE, inspection),
    }
    status = 400 if form is not None and form.is_bound and form.errors else 200
    return render(request, "consistency/sample.html", context, status=status)


@permission_required(Action.VIEW_AGREEMENT)
def sample_page(request: HttpRequest, inspection: Any) -> HttpResponse:
    return _sample_page(request, inspection, None)


@require_POST
@permission_required(Action.QUALITY_ASSURE)
def draw_sample(request: HttpRequest, inspection: Any) -> HttpResponse:
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            sample = draw(
                inspection,
                share=form.cleaned_data["share"],
                seed=form.cleaned_data["seed"],
                actor=request.user,
            )
        except InputError as error:
            _problems(form, error)
        else:
            messages.success(request, f"Drew {sample.cases.count()} cases for second marking")
            return redirect("consistency:sample", inspection_id=inspection.pk)
    return _sample_page(request, inspection, form)


@login_required
def my_second_markings(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert not isinstance(user, AnonymousUser)  # login_required
    qa_cases = QaCase.objects.filter(
        second_marker=user, sample__inspection__status="fieldwork"
    ).select_related("case", "sample__inspection")
    visible = [qa for qa in qa_cases if role_of(user, qa.sample.inspection) not in (None, "viewer")]
    return render(request, "consistency/mine.html", {"qa_cases": visible})


def _qa_case_for(user: Any, qa_case_id: int) -> QaCase:
    """The QA case if ``user`` is its second marker and may mark it now; 404 to anyone who
    may not see the inspection, 403 to the rest of the team (the first marker included)."""
    qa_case = (
        QaCase.objects.select_related("case", "case__inspection", "sample__inspection")
        .filter(pk=qa_case_id)
        .first()
    )
    if qa_case is None:
        raise Http404("No such second marking")
    inspection = qa_case.case.inspection
    role = role_of(user, inspection)
    if role is None or role == "viewer":
        raise Http404("No such second marking")
    if not allowed(
        role,
        Action.SECOND_MARK,
        status=inspection.status,
        assigned_to_user=qa_case.second_marker_id == user.pk,
        withdrawn=qa_case.case.is_withdrawn,
    ):
        raise PermissionDenied
    return qa_case


@login_required
def second_marking(request: HttpRequest, qa_case_id: int) -> HttpResponse:
    with one_request():
        qa_case = _qa_case_for(request.user, qa_case_id)
        case = qa_case.case
        questions = case_questions(case.inspection.framework, case.sample)
        form: SecondMarkingForm | None = None
        stale = False
        if request.method == "POST":
            form = SecondMarkingForm(questions, request.POST)
            if form.is_valid():
                try:
                    save_second_marking(
                        qa_case, form.cleaned_data["version"], form.submission(), actor=request.user
                    )
                except InputError as error:
                    for problem in error.problems:
                        name = answer_name(problem.field or "")
                        form.add_error(name if name in form.fields else None, problem.message)
                except StaleVersionError:
                    stale = True
                    form = None
                    qa_case.refresh_from_db()
                else:
                    done = form.cleaned_data.get("action") == "complete"
                    messages.success(
                        request,
                        f"Second marking of case {case.reference} "
                        f"{'marked complete' if done else 'saved'}",
                    )
                    return redirect("consistency:second_marking", qa_case_id=qa_case.pk)
        if form is None:
            answers, notes = second_answers(qa_case)
            values: Mapping[str, Any] = {
                **{answer_name(q): a for q, a in answers.items()},
                **{note_name(q): n for q, n in notes.items()},
            }
        else:
            values = form.data
        errors: Mapping[str, Any] = {} if form is None else form.errors
        context = {
            "qa_case": qa_case,
            "case": case,
            "inspection": case.inspection,
            "sections": answer_sections(questions, values, errors),
            "errors": [] if form is None else _error_list(form),
            "version": qa_case.version,
            "stale": stale,
        }
        status = 409 if stale else (400 if errors else 200)
        return render(request, "consistency/second_marking.html", context, status=status)


def _band(band: Any) -> str:
    return "no band" if band is None else str(band.label)


def _changes(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Cannot say"}[value]


def _table_context(table: AgreementTable, framework: Any) -> dict[str, Any]:
    return {
        "questions": [
            {
                "id": q.question,
                "text": framework.element(q.question).text,
                "figures": agreement_words(q.agreement),
                "flagged": q.flagged,
                "band_changes": _changes(q.band_changes),
                "bands": [
                    f"{b.first}: {_band(b.first_band)}; {b.second}: {_band(b.second_band)}"
                    for b in q.bands
                ],
            }
            for q in table.questions
        ],
        "standards": [
            {
                "id": s.standard,
                "name": s.name,
                "figures": agreement_words(s.agreement),
                "flagged": s.flagged,
                "rating_changes": _changes(s.rating_changes),
                "ratings": [
                    f"{r.first}: {r.first_rating.label if r.first_rating else 'not rated'}; "
                    f"{r.second}: {r.second_rating.label if r.second_rating else 'not rated'}"
                    for r in s.ratings
                ],
            }
            for s in table.standards
        ],
        "pairs": [
            {"first": p.first, "second": p.second, "figures": agreement_words(p.agreement)}
            for p in table.pairs
        ],
        "flag_figure": {"ac1": "AC1", "kappa": "kappa", "raw": "raw agreement", "alpha": "alpha"}[
            table.flag_figure
        ],
        "flag_below": table.flag_below,
        "level": round(table.confidence_level * 100),
    }


def _disagreement(item: Disagreement, form: ModerationForm | None) -> dict[str, Any]:
    qa = item.qa_case
    failed = (
        form is not None
        and str(form.data.get("qa_case")) == str(qa.pk)
        and form.data.get("question") == item.question
    )
    return {
        "qa": qa,
        "question": item.question,
        "first": _LABELS[item.first],
        "second": _LABELS[item.second],
        "first_marker": qa.first_marker.username,
        "second_marker": qa.second_marker.username if qa.second_marker else "",
        "moderation": item.moderation,
        "answer": _LABELS[item.moderation.answer] if item.moderation else "",
        "anchor": f"moderate-{qa.pk}-{item.question.replace('.', '-')}",
        "form": form if failed else None,
        "errors": form.errors if failed and form is not None else {},
        "values": form.data if failed and form is not None else {},
    }


def _agreement_page(
    request: HttpRequest, inspection: Any, form: ModerationForm | None
) -> HttpResponse:
    marked = double_markings(inspection)
    framework = inspection.framework
    table = (
        agreement_table(marked.markings, installation_settings(), framework, marked.other_cases)
        if marked.markings.markings
        else None
    )
    context = {
        "inspection": inspection,
        "cases": marked.cases,
        "table": None if table is None else _table_context(table, framework),
        "disagreements": [_disagreement(d, form) for d in marked.disagreements],
        "decisions": Decision.choices,
        "answers": AnswerValue.choices,
        "may_moderate": can(request.user, Action.QUALITY_ASSURE, inspection),
        "errors": _error_list(form) if form is not None else [],
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "consistency/agreement.html", context, status=status)


@permission_required(Action.VIEW_AGREEMENT)
def agreement_page(request: HttpRequest, inspection: Any) -> HttpResponse:
    return _agreement_page(request, inspection, None)


@require_POST
@permission_required(Action.QUALITY_ASSURE)
def moderate_disagreement(request: HttpRequest, inspection: Any) -> HttpResponse:
    form = ModerationForm(request.POST)
    if form.is_valid():
        qa_case = (
            QaCase.objects.select_related("case", "case__inspection")
            .filter(pk=form.cleaned_data["qa_case"], sample__inspection=inspection)
            .first()
        )
        if qa_case is None:
            form.add_error("qa_case", "No such double-marked case in this inspection")
        else:
            try:
                moderate(
                    qa_case,
                    form.cleaned_data["question"],
                    form.cleaned_data["decision"],
                    third=form.cleaned_data.get("third") or "",
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
            except InputError as error:
                _problems(form, error)
            else:
                messages.success(
                    request,
                    f"Moderated {form.cleaned_data['question']} of case {qa_case.case.reference}",
                )
                return redirect("consistency:agreement", inspection_id=inspection.pk)
    return _agreement_page(request, inspection, form)
