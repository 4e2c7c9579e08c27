"""Key-question and prompt results: counts, percentage, band, rating and interval.

Seed 001 §4.7: "Yes/no judgements at the key question level will be made by inspectors in each
case, informed by the prompts. Those judgements will not be individually rated. Ratings will be
at the standard level, and will be based upon the consolidated results (at key question level)
of all cases inspected in the relevant domain."
"""

from __future__ import annotations

from dataclasses import dataclass

from pinspect.frameworks.model import AnswerScale, PercentageRounding
from pinspect.ratings.band_rule import band_for_counts, next_band_needs
from pinspect.ratings.outcome import OutcomeCounts
from pinspect.scale.counts import YesNoCounts
from pinspect.scale.rating import Band, Rating
from pinspect.stats.interval import wilson_interval

__all__ = ["AggregateEvidence", "KeyQuestionResult", "PromptResult", "rate_key_question"]


@dataclass(frozen=True, kw_only=True)
class PromptResult(YesNoCounts):
    """Yes / no / not-applicable counts for one prompt, as reports show them (001 §4.7:
    prompts inform the key question and are not rated)."""

    id: str


@dataclass(frozen=True)
class AggregateEvidence:
    """Other inspections' ratings aggregated into one (2023 regional R1.2.2 from P1.2)."""

    of: str
    rule: str
    ratings: tuple[Rating, ...]
    rating: Rating | None


@dataclass(frozen=True, kw_only=True)
class KeyQuestionResult(YesNoCounts):
    """One key question's consolidated result over the cases of its sample.

    ``band`` and ``rating`` are set only for key questions that rate a standard from cases;
    for a judged standard the counts are kept as evidence.
    """

    id: str
    answer_scale: AnswerScale
    band: Band | None = None
    interval: tuple[float, float] | None = None
    next_band_needs: int | None = None
    prompts: tuple[PromptResult, ...] = ()
    outcomes: OutcomeCounts | None = None
    aggregate: AggregateEvidence | None = None
    mirrors: str | None = None

    @property
    def rating(self) -> Rating | None:
        """001 §4.10: the band's rating; the aggregated rating for an aggregated key question."""
        if self.aggregate is not None:
            return self.aggregate.rating
        return None if self.band is None else self.band.rating


def rate_key_question(
    kq_id: str,
    yes: int,
    no: int,
    not_applicable: int,
    *,
    rounding: PercentageRounding,
    confidence_level: float,
    prompts: tuple[PromptResult, ...] = (),
    mirrors: str | None = None,
) -> KeyQuestionResult:
    """001 §4.8: the key question's band from yes / (yes + no) over its applicable cases, with
    the Wilson interval at ``confidence_level`` and the yes answers the next band needs."""
    applicable = yes + no
    return KeyQuestionResult(
        id=kq_id,
        answer_scale=AnswerScale.YES_NO,
        yes=yes,
        no=no,
        not_applicable=not_applicable,
        band=band_for_counts(yes, no, rounding),
        interval=wilson_interval(yes, applicable, confidence_level) if applicable else None,
        next_band_needs=next_band_needs(yes, no, rounding),
        prompts=prompts,
        mirrors=mirrors,
    )
