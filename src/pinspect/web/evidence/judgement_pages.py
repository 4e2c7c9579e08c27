"""The domain-one judgement pages: an index of the judged standards, and one page per standard.

Seed 001 §4.15: the lead inspector makes "preliminary assessments against the prompts and key
questions", then proposes one rating per standard; §4.19, §4.20 and Annex G: the Outstanding and
Inadequate characteristics guide the proposal, "rather than being a checklist". Seed 004
introduction: per prompt, the guidance, the evidence sources and the judgement text.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from pinspect.frameworks import Standard
from pinspect.problems import InputError
from pinspect.scale.rating import Rating
from pinspect.web.assessments.questions import LONG_GUIDANCE, contradiction
from pinspect.web.evidence.forms import JudgementForm, anchor, answer_field
from pinspect.web.evidence.judgements import (
    RATING_FIELD,
    StaleJudgementError,
    answerable,
    judged_standard,
    judgement_of,
    save_judgement,
)
from pinspect.web.evidence.models import Judgement
from pinspect.web.evidence.sources import judged_standards
from pinspect.web.evidence.views import prompt_rows
from pinspect.web.permissions import Action, can, inspection_for, permission_required

__all__ = ["judgement_index", "judgement_page"]


def _rating_key(value: int | None) -> str:
    return "" if value is None else Rating(value).key


def _rating_label(value: int | None) -> str:
    return "" if value is None else Rating(value).label


@permission_required(Action.VIEW_EVIDENCE)
def judgement_index(request: HttpRequest, inspection: Any) -> HttpResponse:
    stored = {j.standard: j for j in Judgement.objects.filter(inspection=inspection)}
    rows = []
    for standard in judged_standards(inspection.framework):
        judgement = stored.get(standard.id)
        questions = answerable(standard)
        answers = judgement.answers if judgement else {}
        rows.append(
            {
                "standard": standard,
                "answered": sum(1 for q in questions if answers.get(q)),
                "questions": len(questions),
                "rating": (
                    Rating(judgement.proposed_rating)
                    if judgement and judgement.proposed_rating is not None
                    else None
                ),
            }
        )
    context = {
        "inspection": inspection,
        "rows": rows,
        "can_judge": can(request.user, Action.JUDGE_STANDARD, inspection),
    }
    return render(request, "evidence/judgements.html", context)


def _initial(judgement: Judgement) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "version": judgement.version,
        "rationale": judgement.rationale,
        "rating": _rating_key(judgement.proposed_rating),
    }
    initial.update({answer_field(q): a for q, a in judgement.answers.items()})
    return initial


def _value(form: JudgementForm, name: str) -> str:
    source = form.data if form.is_bound else form.initial
    return str(source.get(name, "") or "")


def _question(form: JudgementForm, question_id: str) -> dict[str, Any]:
    name = answer_field(question_id)
    return {
        "name": name,
        "anchor": anchor(name),
        "value": _value(form, name),
        "choices": ("yes", "no"),
        "errors": form.errors.get(name, []),
    }


def _sections(
    standard: Standard, form: JudgementForm, evidence: dict[str, Any]
) -> list[dict[str, Any]]:
    answerable_ids = set(answerable(standard))
    sections = []
    for kq in standard.key_questions:
        prompts = []
        for prompt in kq.prompts:
            prompts.append(
                {
                    "prompt": prompt,
                    "q": _question(form, prompt.id),
                    "long_guidance": len(prompt.guidance or "") > LONG_GUIDANCE,
                    "evidence": evidence.get(prompt.id),
                }
            )
        q = _question(form, kq.id) if kq.id in answerable_ids else None
        sections.append(
            {
                "kq": kq,
                "q": q,
                "prompts": prompts,
                "warning": contradiction(
                    q["value"] if q else "", [_value(form, answer_field(p.id)) for p in kq.prompts]
                ),
            }
        )
    return sections


def _stale(standard: Standard, form: JudgementForm, current: Judgement) -> dict[str, Any]:
    """What the other person saved, next to what this user tried to save."""
    mine = form.submission()
    differences = []
    for question in answerable(standard):
        theirs, yours = current.answers.get(question, ""), mine.answers.get(question, "")
        if theirs != yours:
            differences.append({"question": question, "theirs": theirs, "yours": yours})
    if current.rationale != mine.rationale:
        differences.append(
            {"question": "Rationale", "theirs": current.rationale, "yours": mine.rationale}
        )
    theirs_rating = _rating_key(current.proposed_rating)
    yours_rating = mine.rating.key if mine.rating else ""
    if theirs_rating != yours_rating:
        differences.append(
            {
                "question": RATING_FIELD.capitalize(),
                "theirs": _rating_label(current.proposed_rating),
                "yours": mine.rating.label if mine.rating else "",
            }
        )
    return {
        "by": current.updated_by.get_username() if current.updated_by else "someone",
        "at": current.updated_at,
        "differences": differences,
    }


@permission_required(Action.VIEW_EVIDENCE)
def judgement_page(request: HttpRequest, inspection: Any, standard_id: str) -> HttpResponse:
    try:
        standard = judged_standard(inspection.framework, standard_id)
    except ValueError:
        raise Http404("No such judged standard") from None
    judgement = judgement_of(inspection, standard.id)
    stale = None
    if request.method == "POST":
        inspection = inspection_for(request.user, inspection.pk, Action.JUDGE_STANDARD)
        form = JudgementForm(standard, request.POST)
        if form.is_valid():
            try:
                save_judgement(
                    inspection,
                    standard.id,
                    form.cleaned_data["version"],
                    form.submission(),
                    actor=request.user,
                )
            except InputError as error:
                for problem in error.problems:
                    name = answer_field(problem.field or "")
                    if problem.field == "rationale":
                        name = "rationale"
                    form.add_error(name if name in form.fields else None, problem.message)
            except StaleJudgementError as conflict:
                stale = _stale(standard, form, conflict.judgement)
                judgement = conflict.judgement
                form = JudgementForm(standard, initial=_initial(judgement))
            else:
                messages.success(request, f"Judgement of {standard.id} saved")
                return redirect(
                    "evidence:judgement", inspection_id=inspection.pk, standard_id=standard.id
                )
    else:
        form = JudgementForm(standard, initial=_initial(judgement))
    sections = _sections(standard, form, prompt_rows(inspection))
    questions = answerable(standard)
    context = {
        "inspection": inspection,
        "standard": standard,
        "judgement": judgement,
        "form": form,
        "editable": can(request.user, Action.JUDGE_STANDARD, inspection),
        "sections": sections,
        "errors": form.error_list() if form.is_bound else [],
        "stale": stale,
        "version": _value(form, "version") or judgement.version,
        "rationale": {
            "name": "rationale",
            "anchor": anchor("rationale"),
            "value": _value(form, "rationale"),
            "errors": form.errors.get("rationale", []),
        },
        "rating": {
            "name": "rating",
            "anchor": anchor("rating"),
            "value": _value(form, "rating"),
            "errors": form.errors.get("rating", []),
            "choices": [("", "No proposal yet")] + [(r.key, r.label) for r in reversed(Rating)],
        },
        "unanswered": [q for q in questions if not _value(form, answer_field(q))],
        "characteristics": standard.characteristics,
    }
    status = 409 if stale else (400 if form.is_bound and form.errors else 200)
    return render(request, "evidence/judgement.html", context, status=status)
