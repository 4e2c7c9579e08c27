"""My cases, and the case assessment pages: the whole case on one page (with its attributes),
and the case by standard, one page per standard, with the standards done and the progress,
"Save and continue" to the next standard and, after the last, "Mark complete and go to my next
case" (save and resume, complete, stale-save refusal on every page)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pinspect.frameworks import Prompt
from pinspect.problems import InputError
from pinspect.web.assessments.forms import CaseAssessmentForm, anchor, answer_field, note_field
from pinspect.web.assessments.models import ANSWER_LABELS, ATTRIBUTE_NAMES, CaseStatus, SampledCase
from pinspect.web.assessments.questions import OUTCOME_HINT, CaseQuestions, contradiction
from pinspect.web.assessments.saving import (
    CaseAnswers,
    StaleVersionError,
    current_answers,
    questions_for,
    save_case,
)
from pinspect.web.inspections.models import Membership
from pinspect.web.login import login_required
from pinspect.web.permissions import Action, can, case_for, one_request

_STATUS_TAGS = {
    CaseStatus.NOT_STARTED: "govuk-tag--grey",
    CaseStatus.IN_PROGRESS: "govuk-tag--light-blue",
    CaseStatus.COMPLETE: "govuk-tag--green",
}


@login_required
def my_cases(request: HttpRequest) -> HttpResponse:
    """The inspector's cases: each opens at its first standard not yet done, the next
    unfinished one is a button at the top, and the whole case on one page is a link beside."""
    user = request.user
    assert not isinstance(user, AnonymousUser)  # login_required
    cases = list(_my_cases(user).select_related("inspection").order_by("inspection", "reference"))
    rows = [{"case": case, "tag": _STATUS_TAGS[CaseStatus(case.status)]} for case in cases]
    unfinished = [case for case in cases if case.status != CaseStatus.COMPLETE]
    return render(
        request,
        "assessments/my_cases.html",
        {
            "rows": rows,
            "complete": len(cases) - len(unfinished),
            "next_case": unfinished[0] if unfinished else None,
        },
    )


def _my_cases(user: Any) -> Any:
    """The cases assigned to ``user`` that are in the sample, in inspections where they are
    more than a viewer."""
    return SampledCase.objects.filter(
        assigned_to=user,
        reserve_rank__isnull=True,
        withdrawn_at__isnull=True,
        inspection__in=Membership.objects.filter(user=user)
        .exclude(role="viewer")
        .values("inspection_id"),
    )


def _initial(
    case: SampledCase, answers: Mapping[str, str], notes: Mapping[str, str]
) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": case.version}
    initial.update({answer_field(q): a for q, a in answers.items()})
    initial.update({note_field(q): n for q, n in notes.items()})
    initial.update({f"attribute:{k}": case.attributes.get(k, "") for k in ATTRIBUTE_NAMES})
    return initial


def _value(values: Mapping[str, Any], name: str) -> str:
    return str(values.get(name, ""))


_CHOICE_LABELS = ANSWER_LABELS


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


def _guidance(prompt: Prompt) -> dict[str, Any] | None:
    """Seed 004's guidance, evidence sources and judgement for a prompt, or None for a
    framework that carries none: shown in a details component, closed by default."""
    evidence = prompt.evidence
    if not (prompt.guidance or evidence or prompt.judgement):
        return None
    return {
        "text": prompt.guidance or "",
        "in_advance": evidence.in_advance if evidence else (),
        "fieldwork": evidence.fieldwork if evidence else (),
        "judgement": prompt.judgement,
    }


def _sections(
    questions: CaseQuestions, values: Mapping[str, Any], errors: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Per key question: its prompts' radio groups, then the judgement's, then the note, with
    ``values`` shown (what was submitted, or what is saved) and the form's ``errors``.

    A prompt that does not apply to the case (003 Annexe A §3) is shown with its reason and
    not asked; a key question none of whose prompts applies is not asked either. A prompt's
    guidance (seed 004) is a details component below its group, closed by default."""
    sections = []
    for item in questions.key_questions:
        kq = item.key_question
        groups: list[dict[str, Any]] = []
        for prompt in item.prompts:
            legend = f"{prompt.letter}) {prompt.text}"
            reason = item.not_asked.get(prompt.id)
            if reason is not None:
                groups.append({"legend": legend, "does_not_apply": reason, "prompt": prompt})
                continue
            group = _radios(values, errors, questions, prompt.id, legend)
            group["prompt"] = prompt
            group["guidance"] = _guidance(prompt)
            groups.append(group)
        section: dict[str, Any] = {
            "standard": item.standard,
            "kq": kq,
            "anchor": anchor(kq.id),
            "groups": groups,
            "does_not_apply": item.not_asked.get(kq.id),
        }
        if section["does_not_apply"] is None:
            judgement = _radios(
                values,
                errors,
                questions,
                kq.id,
                f"Your judgement for {kq.id}",
                hint=OUTCOME_HINT if item.is_outcome else "",
                size="m",
            )
            answered = [str(g["value"]) for g in groups if "value" in g]
            judgement["warning"] = contradiction(judgement["value"], answered)
            groups.append(judgement)
            section.update(
                {
                    "note_name": note_field(kq.id),
                    "note_anchor": anchor(f"note:{kq.id}"),
                    "note": _value(values, note_field(kq.id)),
                }
            )
        sections.append(section)
    return sections


def _without_questions_no_longer_asked(
    case: SampledCase, submission: CaseAnswers
) -> tuple[CaseAnswers, list[str]]:
    """When the page changes the case's type, the answers it still carries to questions that
    no longer apply (003 Annexe A §3) are left out (a radio cannot be cleared), and named."""
    asked_now = questions_for(case, submission.attributes)
    dropped = [q for q, a in submission.answers.items() if q in asked_now.not_asked and a != "n/a"]
    if not dropped:
        return submission, []
    answers = {q: a for q, a in submission.answers.items() if q not in dropped}
    return replace(submission, answers=answers), dropped


_ATTRIBUTE_HINTS = {
    "case_type": "community or post_custody: decides which prompts are asked",
    "unpaid_work_only": "yes or no: prompts marked * are not asked in unpaid-work-only cases",
    "no_rehabilitative_requirements": (
        "yes or no: prompts marked * are not asked in cases with no rehabilitative requirements"
    ),
}


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
            submission, dropped = _without_questions_no_longer_asked(case, form.submission())
            try:
                save_case(case, form.cleaned_data["version"], submission, actor=request.user)
            except InputError as error:
                _apply_problems(form, error)
            except StaleVersionError as conflict:
                stale = _stale_context(questions, form, conflict.case)
                form = None  # the page shows what the other person saved
                case = conflict.case
            else:
                done = form.cleaned_data.get("action") == "complete"
                message = f"Case {case.reference} {'marked complete' if done else 'saved'}"
                if dropped:
                    message += (
                        ". The case type changed, so these questions no longer apply and their "
                        f"answers were removed: {', '.join(dropped)}"
                    )
                messages.success(request, message)
                return redirect("assessments:case", case_id=case.pk)
    saved, saved_notes = current_answers(case)
    values: Mapping[str, Any] = _initial(case, saved, saved_notes) if form is None else form.data
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
                "hint": _ATTRIBUTE_HINTS.get(n, ""),
            }
            for n in ATTRIBUTE_NAMES
        ],
        **_progress(case, questions, saved),
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


# --- The case by standard: one page per standard -------------------------------------------


def _my_unfinished_cases(user: Any) -> Any:
    """The cases assigned to ``user`` that are in the sample and not complete, in the order
    of "My cases"."""
    return _my_cases(user).exclude(status=CaseStatus.COMPLETE).order_by("inspection", "reference")


def next_case(user: Any, case: SampledCase) -> SampledCase | None:
    """The inspector's next unfinished case after ``case`` in "My cases" order (then from the
    top of the list), or None when every other case is complete."""
    others = list(_my_unfinished_cases(user).exclude(pk=case.pk).select_related("inspection"))
    after = [
        c for c in others if (c.inspection_id, c.reference) > (case.inspection_id, case.reference)
    ]
    found: list[SampledCase] = after or others
    return found[0] if found else None


def _standard_rows(
    case: SampledCase, questions: CaseQuestions, answers: Mapping[str, str], current: str | None
) -> list[dict[str, Any]]:
    """Per standard of the case: its page, how many of its questions are answered and whether
    it is done (every question asked of the case answered)."""
    rows = []
    for standard in questions.standards():
        asked = questions.for_standard(standard.id).question_ids()
        answered = sum(1 for q in asked if answers.get(q))
        if answered == len(asked):
            status, tag = "Done", "govuk-tag--green"
        elif answered:
            status, tag = "In progress", "govuk-tag--light-blue"
        else:
            status, tag = "Not started", "govuk-tag--grey"
        rows.append(
            {
                "standard": standard,
                "url": reverse("assessments:standard", args=(case.pk, standard.id)),
                "answered": answered,
                "asked": len(asked),
                "done": answered == len(asked),
                "status": status,
                "tag": tag,
                "current": standard.id == current,
            }
        )
    return rows


def _progress(
    case: SampledCase,
    questions: CaseQuestions,
    saved: Mapping[str, str],
    current: str | None = None,
) -> dict[str, Any]:
    """The case's standards with their status, and how many questions are answered."""
    rows = _standard_rows(case, questions, saved, current)
    return {
        "standards": rows,
        "answered": sum(r["answered"] for r in rows),
        "asked": sum(r["asked"] for r in rows),
        "done": sum(1 for r in rows if r["done"]),
    }


@login_required
def start_case(request: HttpRequest, case_id: int) -> HttpResponse:
    """Assessing a case starts at its first standard not yet done."""
    with one_request():
        case = case_for(request.user, case_id, Action.VIEW_INSPECTION)
        return redirect(case_start(case))


def case_start(case: SampledCase) -> str:
    """Where assessing a case starts: its first standard not yet done (else its first)."""
    questions = questions_for(case)
    answers, _ = current_answers(case)
    rows = _standard_rows(case, questions, answers, None)
    if not rows:
        return reverse("assessments:case", args=(case.pk,))
    return str(next((r["url"] for r in rows if not r["done"]), rows[0]["url"]))


def _page_errors(
    case: SampledCase, questions: CaseQuestions, standard_id: str, error: InputError
) -> list[dict[str, str]]:
    """The error summary of a standard's page: each problem linked to its question, on this
    page or on its own standard's page."""
    found = []
    for problem in error.problems:
        question = problem.field or ""
        standard = questions.standard_of(question)
        if standard is None:
            found.append({"anchor": "", "href": "", "message": problem.message})
        elif standard.id == standard_id:
            found.append({"anchor": anchor(question), "href": "", "message": problem.message})
        else:
            url = reverse("assessments:standard", args=(case.pk, standard.id))
            found.append(
                {"anchor": "", "href": f"{url}#{anchor(question)}", "message": problem.message}
            )
    return found


@login_required
def assess_standard(request: HttpRequest, case_id: int, standard_id: str) -> HttpResponse:
    with one_request():
        return _assess_standard(request, case_id, standard_id)


def _assess_standard(request: HttpRequest, case_id: int, standard_id: str) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW_INSPECTION)
    editable = can(request.user, Action.ASSESS_CASE, case)
    questions = questions_for(case)
    standards = [s.id for s in questions.standards()]
    if standard_id not in standards:
        raise Http404("This case is not assessed against that standard")
    position = standards.index(standard_id)
    page_questions = questions.for_standard(standard_id)
    stale: dict[str, Any] | None = None
    form: CaseAssessmentForm | None = None
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = CaseAssessmentForm(page_questions, request.POST, with_attributes=False)
        if form.is_valid():
            action = form.cleaned_data.get("action") or "save"
            try:
                save_case(case, form.cleaned_data["version"], form.submission(), actor=request.user)
            except InputError as error:
                _apply_problems(form, error)
                errors = _page_errors(case, questions, standard_id, error)
            except StaleVersionError as conflict:
                stale = _stale_context(page_questions, form, conflict.case)
                form = None
                case = conflict.case
            else:
                return _after_save(request, case, action, standards, position)
        else:
            errors = form.error_list()
    saved, saved_notes = current_answers(case)
    values: Mapping[str, Any] = _initial(case, saved, saved_notes) if form is None else form.data
    field_errors: Mapping[str, Any] = {} if form is None else form.errors
    progress = _progress(case, questions, saved, standard_id)
    rows = progress["standards"]
    context = {
        "case": case,
        "inspection": case.inspection,
        "form": form,
        "editable": editable,
        "standard": rows[position]["standard"],
        "position": position + 1,
        "standards": rows,
        "last": position + 1 == len(standards),
        "one_standard": True,
        **progress,
        "case_has_na": any(
            "n/a" in page_questions.allowed_answers(q) for q in page_questions.question_ids()
        ),
        "sections": _sections(page_questions, values, field_errors),
        "errors": errors,
        "stale": stale,
        "version": _value(values, "version") or case.version,
    }
    status = 409 if stale else (400 if errors else 200)
    return render(request, "assessments/standard.html", context, status=status)


def _after_save(
    request: HttpRequest, case: SampledCase, action: str, standards: list[str], position: int
) -> HttpResponse:
    """Save and continue: the next standard; mark complete: the inspector's next unfinished
    case; otherwise the same page."""
    if action == "complete-next":
        following = next_case(request.user, case)
        if following is None:
            messages.success(
                request, f"Case {case.reference} marked complete. You have no other case to assess."
            )
            return redirect("assessments:mine")
        messages.success(request, f"Case {case.reference} marked complete. This is your next case.")
        return redirect(case_start(following))
    if action == "continue" and position + 1 < len(standards):
        return redirect(
            "assessments:standard", case_id=case.pk, standard_id=standards[position + 1]
        )
    messages.success(request, f"Case {case.reference} saved")
    return redirect("assessments:standard", case_id=case.pk, standard_id=standards[position])
