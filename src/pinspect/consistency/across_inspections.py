"""The panel's view across inspections: the same standard in other published inspections.

Seed 001 §4.17: "It will be the panel's job to ensure that ratings are evidence based and
fully reflect the balance of evidence and issues, and that they are sufficiently consistent,
across inspections." Seed 001 §4.16: "it is important to have mechanisms for making sure that
judgements are sufficiently consistent across all inspections."

For each standard under decision, :func:`across_inspections` gives the final rating (departures
applied) each other published inspection gave the same standard, and, for a case-based
standard, each inspection's key-question percentages, beside the rating under decision (the
lead inspector's proposal, or the computed rating). Inspections under an earlier edition are
read through the crosswalks exactly as a unit's trend is (:func:`pinspect.trends.trend.unit_trend`):
a value compared directly where the crosswalk says the element asks the same, marked
approximate otherwise. The count of ratings the chart shows takes only the direct comparisons.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pinspect.consistency.domain_correlation import DomainCorrelation, domain_correlation
from pinspect.crosswalks.catalogue import CrosswalkCatalogue
from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import AnswerScale, RatedBy
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.key_question import KeyQuestionResult
from pinspect.scale.rating import Rating
from pinspect.trends.series import KeyQuestionSeries, Point
from pinspect.trends.trend import PublishedInspection, TrendInspection, unit_trend

__all__ = [
    "PanelComparison",
    "RatingCount",
    "StandardAcrossInspections",
    "across_inspections",
    "comparable_frameworks",
]


@dataclass(frozen=True)
class RatingCount:
    """How many other inspections gave a rating, and whether it is the one under decision."""

    rating: Rating
    count: int
    under_decision: bool


@dataclass(frozen=True)
class StandardAcrossInspections:
    """001 §4.17: one standard under decision beside the same standard elsewhere."""

    id: str
    name: str
    rated_by: RatedBy
    under_decision: Rating | None
    key_questions: tuple[KeyQuestionResult, ...]
    others: tuple[Point, ...]
    other_key_questions: tuple[KeyQuestionSeries, ...]

    @property
    def compared(self) -> tuple[Point, ...]:
        """The other inspections whose rating compares directly (same element, or one the
        crosswalk says asks the same) and that rated it."""
        return tuple(p for p in self.others if p.comparison.comparable and p.rating is not None)

    @property
    def distribution(self) -> tuple[RatingCount, ...]:
        """Outstanding first: how many directly compared inspections gave each rating."""
        ratings = [p.rating for p in self.compared]
        return tuple(
            RatingCount(r, ratings.count(r), r == self.under_decision)
            for r in sorted(Rating, reverse=True)
        )


@dataclass(frozen=True)
class PanelComparison:
    """Everything the panel page shows beside its decisions: other inspections per standard
    (001 §4.17) and the domain correlation check (001 §4.14)."""

    framework: str
    inspections: tuple[TrendInspection, ...]
    standards: tuple[StandardAcrossInspections, ...]
    correlation: DomainCorrelation
    notes: tuple[str, ...]


def comparable_frameworks(
    framework_id: str, frameworks: Catalogue, crosswalks: CrosswalkCatalogue
) -> tuple[str, ...]:
    """001 §4.17: the framework itself, then every framework of the same kind of unit that the
    crosswalks join to it (its predecessors and variants), by id."""
    current = frameworks.get_framework(framework_id)
    others = sorted(
        f.id
        for f in frameworks.values()
        if f.id != current.id
        and f.unit == current.unit
        and crosswalks.between(f.id, current.id) is not None
    )
    return (current.id, *others)


def across_inspections(
    current: InspectionResult,
    others: Sequence[PublishedInspection],
    *,
    frameworks: Catalogue,
    crosswalks: CrosswalkCatalogue,
    divergence_steps: int,
) -> PanelComparison:
    """001 §4.17: every rated standard of ``current`` with the same standard's final rating
    (and a case-based standard's key-question percentages) in each of ``others``, read in
    ``current``'s framework; and 001 §4.14's correlation check of ``current``."""
    framework = frameworks.get_framework(current.framework)
    trend = (
        unit_trend(others, frameworks=frameworks, crosswalks=crosswalks, framework=framework.id)
        if others
        else None
    )
    series = {} if trend is None else {s.id: s for s in trend.standards}
    kq_series = {} if trend is None else {k.id: k for k in trend.key_questions}
    standards = []
    for result in current.standards:
        if result.rated_by not in (RatedBy.CASES, RatedBy.JUDGEMENT):
            continue
        standards.append(
            StandardAcrossInspections(
                id=result.id,
                name=result.name,
                rated_by=result.rated_by,
                under_decision=result.computed_rating,
                key_questions=tuple(
                    k
                    for k in result.key_questions
                    if result.rated_by is RatedBy.CASES and k.answer_scale is AnswerScale.YES_NO
                ),
                others=series[result.id].points if result.id in series else (),
                other_key_questions=tuple(
                    kq_series[k.id]
                    for k in result.key_questions
                    if result.rated_by is RatedBy.CASES
                    and k.answer_scale is AnswerScale.YES_NO
                    and k.id in kq_series
                ),
            )
        )
    return PanelComparison(
        framework=framework.id,
        inspections=() if trend is None else trend.inspections,
        standards=tuple(standards),
        correlation=domain_correlation(current, divergence_steps),
        notes=() if trend is None else trend.notes,
    )
