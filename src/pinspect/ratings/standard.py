"""Standard results: case-based, judged, aggregated and not-rated standards.

Seed 001 §4.10: "For each standard, the rating will be aligned to the lowest banding at the key
question level, recognising that each key question is an integral part of the standard."
Seed 001 §4.15: "Domain One ratings will be proposed by the lead inspector in each case. It will
be a single judgement, using all the relevant sources of evidence."
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from pinspect.frameworks.model import RatedBy, Standard
from pinspect.ratings.departure import Departure
from pinspect.ratings.key_question import AggregateEvidence, KeyQuestionResult
from pinspect.ratings.outcome import OUTCOMES_NOT_RATED, OutcomeCounts
from pinspect.scale.rating import Rating

__all__ = [
    "StandardResult",
    "lowest_key_question_rating",
    "rate_aggregated_standard",
    "rate_case_standard",
    "rate_judged_standard",
    "rate_not_rated_standard",
]


@dataclass(frozen=True)
class StandardResult:
    """One standard's rating: the computed rating, any departure, and the evidence behind it."""

    id: str
    name: str
    rated_by: RatedBy
    scored: bool
    computed_rating: Rating | None
    reason: str | None
    key_questions: tuple[KeyQuestionResult, ...]
    departure: Departure | None = None
    p_rating_differs: float | None = None
    fragile: bool | None = None
    next_band_needs: int | None = None
    outcomes: OutcomeCounts | None = None
    indicative: bool = False

    @property
    def rating(self) -> Rating | None:
        """The final rating: the departure's when the panel departed (001 §4.24)."""
        return self.departure.final if self.departure is not None else self.computed_rating

    @property
    def score(self) -> int | None:
        """001 §4.22: the rating's score, 0–3; None when not rated."""
        return None if self.rating is None else self.rating.score

    @property
    def lowest_key_questions(self) -> tuple[str, ...]:
        """001 §4.10: the key questions whose banding gives the computed rating (for a
        case-based standard, those a what-if must lift); empty when not rated."""
        if self.computed_rating is None:
            return ()
        return tuple(kq.id for kq in self.key_questions if kq.rating == self.computed_rating)

    def with_departure(self, departure: Departure) -> StandardResult:
        """001 §4.24: keep the computed rating beside the panel's final rating."""
        if departure.target != self.id:
            raise ValueError(f"the departure is for {departure.target}, not {self.id}")
        if self.rated_by is RatedBy.NOT_RATED:
            raise ValueError(f"{self.id} is not rated, so no departure can give it a rating")
        return replace(self, departure=departure)

    def with_fragility(self, p_rating_differs: float | None, threshold: float) -> StandardResult:
        fragile = None if p_rating_differs is None else p_rating_differs > threshold
        return replace(self, p_rating_differs=p_rating_differs, fragile=fragile)


def _result(
    standard: Standard,
    key_questions: tuple[KeyQuestionResult, ...],
    rating: Rating | None,
    reason: str,
    **extra: Any,
) -> StandardResult:
    """A standard's result, carrying the identity fields of its framework element."""
    return StandardResult(
        id=standard.id,
        name=standard.name,
        rated_by=standard.rated_by,
        scored=standard.scored,
        computed_rating=rating,
        reason=reason,
        key_questions=key_questions,
        **extra,
    )


def lowest_key_question_rating(ratings: Sequence[Rating]) -> Rating:
    """001 §4.10: "For each standard, the rating will be aligned to the lowest banding at the
    key question level, recognising that each key question is an integral part of the
    standard." """
    if not ratings:
        raise ValueError("a standard needs at least one rated key question")
    return min(ratings)


def rate_case_standard(
    standard: Standard, key_questions: tuple[KeyQuestionResult, ...], *, indicative: bool = False
) -> StandardResult:
    """001 §4.10: the case-based standard takes its lowest key question's rating.

    A key question with no applicable case has no band; the standard is then not rated and the
    reason names the key question (it is never silently rated Inadequate).
    """
    if not key_questions:
        reason = "not rated: the standard has no key questions"
        return _result(standard, key_questions, None, reason, indicative=indicative)
    unanswered = [kq.id for kq in key_questions if kq.band is None]
    if unanswered:
        reason = (
            "not rated: no applicable case answered key question "
            + ", ".join(unanswered)
            + " (001 §4.10 needs every key question's banding)"
        )
        return _result(standard, key_questions, None, reason, indicative=indicative)
    ratings = [kq.rating for kq in key_questions]
    rating = lowest_key_question_rating([r for r in ratings if r is not None])
    needs: int | None = None
    if rating is not Rating.OUTSTANDING:
        needs = sum(
            kq.next_band_needs or 0
            for kq, kq_rating in zip(key_questions, ratings, strict=True)
            if kq_rating == rating
        )
    lowest = [
        kq.id for kq, kq_rating in zip(key_questions, ratings, strict=True) if kq_rating == rating
    ]
    return _result(
        standard,
        key_questions,
        rating,
        f"001 §4.10: lowest key question banding ({', '.join(lowest)})",
        indicative=indicative,
        next_band_needs=needs,
    )


def rate_judged_standard(
    standard: Standard,
    key_questions: tuple[KeyQuestionResult, ...],
    supplied: Rating | None,
) -> StandardResult:
    """001 §4.15: "Domain One ratings will be proposed by the lead inspector in each case. It
    will be a single judgement, using all the relevant sources of evidence." The prompt and
    key-question answers are kept as evidence; without a supplied rating the standard is not
    rated."""
    reason = (
        "001 §4.15–4.17: rating proposed by the lead inspector and verified by the ratings panel"
        if supplied is not None
        else "not rated: no judged rating was supplied (001 §4.15–4.17)"
    )
    return _result(standard, key_questions, supplied, reason)


def rate_aggregated_standard(
    standard: Standard, key_questions: tuple[KeyQuestionResult, ...], evidence: AggregateEvidence
) -> StandardResult:
    """000 R 1.2.2: a standard rated from other inspections' aggregated ratings takes them."""
    reason = (
        f"aggregated from {len(evidence.ratings)} ratings of {evidence.of} by the "
        f"{evidence.rule} rule"
        if evidence.rating is not None
        else f"not rated: no ratings of {evidence.of} were supplied to aggregate"
    )
    return _result(standard, key_questions, evidence.rating, reason)


def rate_not_rated_standard(
    standard: Standard,
    key_questions: tuple[KeyQuestionResult, ...],
    outcomes: OutcomeCounts | None,
) -> StandardResult:
    """003 §4.10 (outcomes) and frameworks whose standards are collected, not rated: the
    answers are reported and the rating stays null."""
    reason = (
        OUTCOMES_NOT_RATED
        if outcomes is not None
        else ("not rated: the framework collects and reports this standard without a rating")
    )
    return _result(standard, key_questions, None, reason, outcomes=outcomes)
