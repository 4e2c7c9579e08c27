"""Domain-one judgements: the lead inspector's proposed rating for each judged standard.

Seed 001 §4.15: "Domain One ratings will be proposed by the lead inspector in each case. It
will be a single judgement, using all the relevant sources of evidence." §4.17: the ratings
panel verifies the proposals. :func:`proposed_ratings` and :func:`propose` are what the ratings
panel and the report read and write; :func:`save_judgement` is the judgement page's save
(prompt and key question answers, rationale, proposed rating) with optimistic locking as for
cases: a save whose ``version`` is no longer current writes nothing.

A proposal needs a rationale (our rule: the panel verifies that ratings are "evidence based",
§4.17, which it cannot do without the lead inspector's reasons).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pinspect.frameworks import AnswerScale, Framework, Standard
from pinspect.problems import InputError, Problem
from pinspect.scale.rating import Rating
from pinspect.web.audit.record import record_field
from pinspect.web.evidence.models import Judgement
from pinspect.web.evidence.sources import judged_standards

__all__ = [
    "MAX_RATIONALE",
    "Proposal",
    "StaleJudgementError",
    "Submission",
    "answerable",
    "judged_standard",
    "judgement_of",
    "propose",
    "proposed_ratings",
    "save_judgement",
]

MAX_RATIONALE = 20000
ANSWERS = ("yes", "no")
RATING_FIELD = "proposed rating"


@dataclass(frozen=True)
class Proposal:
    """The lead inspector's proposed rating for a judged standard and its rationale."""

    standard: str
    rating: Rating
    rationale: str
    proposed_by: str


@dataclass(frozen=True)
class Submission:
    """What the judgement page sends: answers per question id, rationale, rating (or none)."""

    answers: Mapping[str, str]
    rationale: str
    rating: Rating | None


class StaleJudgementError(Exception):
    """Somebody saved the judgement after the caller read it."""

    def __init__(self, judgement: Judgement) -> None:
        self.judgement = judgement
        super().__init__(f"judgement {judgement.standard} is at version {judgement.version}")


def judged_standard(framework: Framework, standard_id: str) -> Standard:
    """The standard, if the framework rates it by judgement (seed 001 §4.14); else ValueError."""
    for standard in judged_standards(framework):
        if standard.id == standard_id:
            return standard
    raise ValueError(f"{standard_id!r} is not a judged standard of {framework.id}")


def answerable(standard: Standard) -> tuple[str, ...]:
    """Question ids answered yes/no on the page: every prompt, and every key question answered
    yes/no (001 §3.2) that is not answered from other inspections' ratings."""
    ids: list[str] = []
    for kq in standard.key_questions:
        ids.extend(p.id for p in kq.prompts)
        if kq.answer_scale is AnswerScale.YES_NO and kq.aggregate_of is None:
            ids.append(kq.id)
    return tuple(ids)


def judgement_of(inspection: Any, standard_id: str) -> Judgement:
    """The stored judgement, or an unsaved one at version 0."""
    found = (
        Judgement.objects.select_related("updated_by", "proposed_by")
        .filter(inspection=inspection, standard=standard_id)
        .first()
    )
    return found or Judgement(inspection=inspection, standard=standard_id)


def _rating_text(value: int | None) -> str:
    return "" if value is None else Rating(value).label


def validate(standard: Standard, submitted: Submission) -> list[Problem]:
    """Every problem with a submission, each naming its field."""
    problems = []
    known = set(answerable(standard))
    for question, answer in submitted.answers.items():
        if question not in known:
            problems.append(
                Problem(None, None, question, f"{question!r} is not answered for {standard.id}")
            )
        elif answer and answer not in ANSWERS:
            problems.append(
                Problem(None, None, question, f"{answer!r} is not an answer; expected yes or no")
            )
    if len(submitted.rationale) > MAX_RATIONALE:
        problems.append(
            Problem(
                None, None, "rationale", f"The rationale is longer than {MAX_RATIONALE} characters"
            )
        )
    if submitted.rating is not None and not submitted.rationale.strip():
        problems.append(
            Problem(None, None, "rationale", "Give the rationale for the proposed rating")
        )
    return problems


def _record(judgement: Judgement, actor: Any, field: str, old: Any, new: Any) -> None:
    record_field(
        actor=actor,
        inspection=judgement.inspection,
        obj=judgement,
        field=field,
        old=old,
        new=new,
        label=f"Judgement of {judgement.standard}",
    )


def _locked_row(inspection: Any, standard_id: str) -> Judgement:
    row, _ = Judgement.objects.get_or_create(inspection=inspection, standard=standard_id)
    return Judgement.objects.select_for_update().get(pk=row.pk)


LOCKED = "The ratings panel has signed off; it must reopen before a judgement changes"


def _ratings_locked(inspection: Any) -> bool:
    """Seed 001 §4.16, §4.17: the panel's sign-off locks the ratings, proposals included, until
    it reopens with a reason."""
    from pinspect.web.panel.departures import is_signed_off  # noqa: PLC0415  (app cycle)

    return is_signed_off(inspection)


def save_judgement(
    inspection: Any, standard_id: str, version: int, submitted: Submission, *, actor: Any
) -> Judgement:
    """Replace the judgement's answers, rationale and proposed rating with ``submitted`` if
    nobody saved since ``version``; audit each changed field. Raises InputError or
    StaleJudgementError, writing nothing."""
    standard = judged_standard(inspection.framework, standard_id)
    problems = validate(standard, submitted)
    if _ratings_locked(inspection):
        problems.append(Problem(None, None, "rating", LOCKED))
    if problems:
        raise InputError(problems)
    with transaction.atomic():
        row = _locked_row(inspection, standard_id)
        if row.version != version:
            raise StaleJudgementError(
                Judgement.objects.select_related("updated_by", "proposed_by").get(pk=row.pk)
            )
        old_answers = dict(row.answers)
        new_answers = {q: a for q, a in submitted.answers.items() if a}
        for question in answerable(standard):
            _record(
                row,
                actor,
                f"{question} answer",
                old_answers.get(question),
                new_answers.get(question),
            )
        _record(row, actor, "rationale", row.rationale, submitted.rationale)
        new_rating = None if submitted.rating is None else int(submitted.rating)
        changes: dict[str, Any] = {
            "answers": new_answers,
            "rationale": submitted.rationale,
            "version": F("version") + 1,
            "updated_at": timezone.now(),
            "updated_by": actor,
        }
        if new_rating != row.proposed_rating:
            _record(
                row,
                actor,
                RATING_FIELD,
                _rating_text(row.proposed_rating),
                _rating_text(new_rating),
            )
            changes.update(
                proposed_rating=new_rating,
                proposed_by=actor if new_rating is not None else None,
                proposed_at=timezone.now() if new_rating is not None else None,
            )
        Judgement.objects.filter(pk=row.pk).update(**changes)
    return Judgement.objects.select_related("updated_by", "proposed_by").get(pk=row.pk)


def proposed_ratings(inspection: Any) -> dict[str, Proposal]:
    """Standard id → the current proposal, for every judged standard that has one."""
    judged = {s.id for s in judged_standards(inspection.framework)}
    proposals = {}
    rows = Judgement.objects.filter(
        inspection=inspection, proposed_rating__isnull=False
    ).select_related("proposed_by")
    for row in rows:
        if row.standard not in judged or row.proposed_rating is None:
            continue
        proposals[row.standard] = Proposal(
            standard=row.standard,
            rating=Rating(row.proposed_rating),
            rationale=row.rationale,
            proposed_by=row.proposed_by.get_username() if row.proposed_by else "",
        )
    return proposals


def propose(inspection: Any, standard: str, rating: Rating, rationale: str, user: Any) -> None:
    """Record (or replace) the proposal for ``standard``, audited; refuses a standard that is
    not judged in the inspection's framework (ValueError), and a blank rationale."""
    judged_standard(inspection.framework, standard)
    rating = Rating(rating)
    if _ratings_locked(inspection):
        raise ValueError(LOCKED)
    if not rationale.strip():
        raise ValueError("a proposed rating needs a rationale")
    if len(rationale) > MAX_RATIONALE:
        raise ValueError(f"the rationale is longer than {MAX_RATIONALE} characters")
    with transaction.atomic():
        row = _locked_row(inspection, standard)
        _record(row, user, "rationale", row.rationale, rationale)
        _record(row, user, RATING_FIELD, _rating_text(row.proposed_rating), rating.label)
        now = timezone.now()
        changes: dict[str, Any] = {
            "rationale": rationale,
            "version": F("version") + 1,
            "updated_at": now,
            "updated_by": user,
        }
        if row.proposed_rating != int(rating):
            changes.update(proposed_rating=int(rating), proposed_by=user, proposed_at=now)
        Judgement.objects.filter(pk=row.pk).update(**changes)
