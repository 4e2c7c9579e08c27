"""The calibration pages: QA's exercises and results, an inspector's marking and own figures.

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement". Blind: an inspector's marking page
never holds the reference or a peer's answers, and an inspector's page shows only their own
figures and the peers' aggregates, never another named inspector's answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from pinspect.problems import InputError
from pinspect.web.assessments.models import AnswerValue
from pinspect.web.calibration.access import inspector_required, is_inspector, is_qa, qa_required
from pinspect.web.calibration.exercises import (
    ReferenceChangedError,
    calibrations,
    create_exercise,
    publish,
    questions_of,
    reference_answers,
    save_reference,
    submit_marking,
)
from pinspect.web.calibration.forms import ExerciseForm
from pinspect.web.calibration.models import Exercise, ExerciseStatus
from pinspect.web.calibration.results import exercise_context, inspector_context, qa_context
from pinspect.web.consistency.answer_sections import answer_sections
from pinspect.web.consistency.forms import SecondMarkingForm, answer_name

_LABELS = dict(AnswerValue.choices)


def _error_list(form: Any) -> list[dict[str, str]]:
    return [
        {
            "anchor": ("q-" + name.split(":", 1)[1].replace(".", "-"))
            if name.startswith("answer:")
            else (f"id_{name}" if name != "__all__" else ""),
            "message": str(message),
        }
        for name, errors in form.errors.items()
        for message in errors
    ]


def _add_problems(form: Any, error: InputError) -> None:
    for problem in error.problems:
        name = answer_name(problem.field or "")
        if name in form.fields:
            form.add_error(name, problem.message)
        elif problem.field in form.fields:
            form.add_error(problem.field, problem.message)
        else:
            form.add_error(None, problem.message)


# --- QA ------------------------------------------------------------------------------------


def _exercises_page(request: HttpRequest, form: ExerciseForm | None) -> HttpResponse:
    exercises = list(Exercise.objects.annotate(marked=Count("markings")))
    context = {
        "exercises": exercises,
        "form": form or ExerciseForm(),
        "errors": _error_list(form) if form is not None else [],
        **qa_context(calibrations(exercises)),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "calibration/exercises.html", context, status=status)


@qa_required
def exercises_page(request: HttpRequest) -> HttpResponse:
    return _exercises_page(request, None)


@require_POST
@qa_required
def create(request: HttpRequest) -> HttpResponse:
    form = ExerciseForm(request.POST)
    if not form.is_valid():
        return _exercises_page(request, form)
    framework_id, sample = form.framework_and_sample()
    exercise = create_exercise(
        title=form.cleaned_data["title"],
        framework_id=framework_id,
        sample=sample,
        summary=form.cleaned_data["summary"],
        actor=request.user,
    )
    messages.success(request, f"Created the exercise {exercise.title}: enter its reference marking")
    return redirect("calibration:exercise", exercise_id=exercise.pk)


def _exercise(exercise_id: int) -> Exercise:
    exercise = Exercise.objects.filter(pk=exercise_id).first()
    if exercise is None:
        raise Http404("No such exercise")
    return exercise


def _exercise_page(
    request: HttpRequest,
    exercise: Exercise,
    form: SecondMarkingForm | None,
    *,
    stale: bool = False,
    publish_errors: list[dict[str, str]] | None = None,
) -> HttpResponse:
    questions = questions_of(exercise)
    if form is None:
        values: Mapping[str, Any] = {
            answer_name(q): a for q, a in reference_answers(exercise).items()
        }
    else:
        values = form.data
    errors: Mapping[str, Any] = {} if form is None else form.errors
    results = calibrations([exercise]) if exercise.is_published else []
    context = {
        "exercise": exercise,
        "sections": answer_sections(questions, values, errors),
        "reference": [
            {
                "kq": section["kq"],
                "answers": [
                    (g["legend"], next((c["label"] for c in g["choices"] if c["checked"]), "—"))
                    for g in section["groups"]
                ],
            }
            for section in answer_sections(
                questions, {answer_name(q): a for q, a in reference_answers(exercise).items()}, {}
            )
        ],
        "errors": (publish_errors or []) + ([] if form is None else _error_list(form)),
        "stale": stale,
        "result": exercise_context(results[0], exercise, questions) if results else None,
    }
    status = 409 if stale else (400 if errors or publish_errors else 200)
    return render(request, "calibration/exercise.html", context, status=status)


@qa_required
def exercise_page(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = _exercise(exercise_id)
    if request.method != "POST":
        return _exercise_page(request, exercise, None)
    form = SecondMarkingForm(questions_of(exercise), request.POST)
    if not form.is_valid():
        return _exercise_page(request, exercise, form)
    try:
        save_reference(
            exercise, form.cleaned_data["version"], form.submission(), actor=request.user
        )
    except InputError as error:
        _add_problems(form, error)
        return _exercise_page(request, exercise, form)
    except ReferenceChangedError:
        exercise.refresh_from_db()
        return _exercise_page(request, exercise, None, stale=True)
    messages.success(request, "Saved the reference marking")
    return redirect("calibration:exercise", exercise_id=exercise.pk)


@require_POST
@qa_required
def publish_exercise(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = _exercise(exercise_id)
    try:
        publish(exercise, actor=request.user)
    except InputError as error:
        problems = [
            {
                "anchor": "q-" + p.field.replace(".", "-") if p.field else "",
                "message": p.message,
            }
            for p in error.problems
        ]
        return _exercise_page(request, exercise, None, publish_errors=problems)
    messages.success(request, f"Published the exercise {exercise.title}: inspectors may mark it")
    return redirect("calibration:exercise", exercise_id=exercise.pk)


# --- inspectors ----------------------------------------------------------------------------


@inspector_required
def my_calibration(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert not isinstance(user, AnonymousUser)  # inspector_required
    published = Exercise.objects.filter(status=ExerciseStatus.PUBLISHED)
    marked = set(published.filter(markings__marker=user).values_list("pk", flat=True))
    context = {
        "to_mark": [e for e in published if e.pk not in marked],
        "may_run": is_qa(user),
        **inspector_context(
            calibrations([e for e in published if e.pk in marked]), user.get_username()
        ),
    }
    return render(request, "calibration/mine.html", context)


@inspector_required
def mark_exercise(request: HttpRequest, exercise_id: int) -> HttpResponse:
    exercise = Exercise.objects.filter(pk=exercise_id, status=ExerciseStatus.PUBLISHED).first()
    if exercise is None:
        raise Http404("No such exercise")
    user = request.user
    assert not isinstance(user, AnonymousUser)  # inspector_required
    if exercise.markings.filter(marker=user).exists():
        messages.info(request, f"You have marked {exercise.title} already: your figures are below")
        return redirect("calibration:mine")
    questions = questions_of(exercise)
    form: SecondMarkingForm | None = None
    if request.method == "POST":
        data = request.POST.copy()
        data.setdefault("version", "1")
        data["action"] = "complete"
        form = SecondMarkingForm(questions, data)
        if form.is_valid():
            try:
                submit_marking(exercise, form.submission(), actor=request.user)
            except InputError as error:
                _add_problems(form, error)
            else:
                messages.success(request, f"Submitted your marking of {exercise.title}")
                return redirect("calibration:mine")
    values: Mapping[str, Any] = {} if form is None else form.data
    errors: Mapping[str, Any] = {} if form is None else form.errors
    context = {
        "exercise": exercise,
        "sections": answer_sections(questions, values, errors),
        "errors": [] if form is None else _error_list(form),
        "may_mark": is_inspector(request.user),
    }
    return render(request, "calibration/mark.html", context, status=400 if errors else 200)
