"""Summaries of many inspections of one framework: PDU to region to nation.

:func:`summarise` takes the results of a set of inspections of the same framework (the final
ratings, departures applied, as :class:`~pinspect.ratings.inspection.InspectionResult` holds
them) and returns a :class:`UnitSummary`: for each standard and for the overall rating, how
many inspections were rated Outstanding, Good, Requires improvement, Inadequate or not rated;
and for each case-based key question the yes / no / n/a answers of all the inspections' cases
added together, with their percentage.

A pooled percentage is **indicative, not a rating**. Seed 001 §4.7 rates a standard from "the
consolidated results (at key question level) of all cases inspected in the relevant domain" of
*one* inspection; nothing in the seeds rates a set of inspections from pooled cases. Seed 002
decision 7 says of the one place the seeds pool cases, the national data set: "We will report
a percentage score that is indicative of an 'Outstanding', 'Good', 'Requires improvement' or
'Inadequate' rating for the fieldwork data. This should not be compared with case inspection
data from regional or PDU inspections, as there are a number of differences, including our
sampling approach, the time period of cases that we will inspect and our approach to case
inspection". Pooled figures here go further still (inspections of different units, windows and
samples), so they get no band and no rating; they are weighted by cases, so an inspection with
more cases counts for more.

Small numbers (our choice; the seeds are silent):

* A summary of fewer than ``settings.summary_min_inspections`` (default 2) inspections shows
  no distribution and no pooled figures: one inspection's "distribution" is that
  inspection's own result, which its report shows, and must not be presented as an
  aggregate.
* Each inspection's ratings are published in its report, so a distribution over published
  inspections discloses nothing their reports do not; it is not suppressed further.
* Pooled key-question counts are about people on probation: a key question with fewer
  applicable cases (yes + no) than the ``suppress_below`` setting is suppressed, as sub-group
  breakdowns are (``pinspect.stats.suppression``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pinspect.frameworks.model import AnswerScale, RatedBy
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.standard import StandardResult
from pinspect.scale.counts import YesNoCounts
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from pinspect.stats.suppression import is_suppressed

__all__ = [
    "INDICATIVE_NOTE",
    "RATING_ORDER",
    "KeyQuestionSummary",
    "RatingDistribution",
    "StandardSummary",
    "UnitSummary",
    "summarise",
]

"""The fewest inspections a summary shows distributions and pooled figures for: an aggregate
of one inspection is that inspection's own result."""

INDICATIVE_NOTE = (
    "Pooled key-question percentages add up the cases of every inspection summarised. They are "
    "indicative, not ratings: seed 002 decision 7 says pooled case data gives a percentage "
    "'indicative of' a rating that 'should not be compared with case inspection data from "
    "regional or PDU inspections'."
)

RATING_ORDER = (Rating.OUTSTANDING, Rating.GOOD, Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE)


@dataclass(frozen=True)
class RatingDistribution:
    """How many inspections had each final rating (001 §4.1 scale), and how many none."""

    outstanding: int = 0
    good: int = 0
    requires_improvement: int = 0
    inadequate: int = 0
    not_rated: int = 0

    @classmethod
    def of(cls, ratings: Sequence[Rating | None]) -> RatingDistribution:
        return cls(
            outstanding=ratings.count(Rating.OUTSTANDING),
            good=ratings.count(Rating.GOOD),
            requires_improvement=ratings.count(Rating.REQUIRES_IMPROVEMENT),
            inadequate=ratings.count(Rating.INADEQUATE),
            not_rated=sum(1 for r in ratings if r is None),
        )

    def count(self, rating: Rating | None) -> int:
        """How many inspections had ``rating`` (None: not rated)."""
        if rating is None:
            return self.not_rated
        return {
            Rating.OUTSTANDING: self.outstanding,
            Rating.GOOD: self.good,
            Rating.REQUIRES_IMPROVEMENT: self.requires_improvement,
            Rating.INADEQUATE: self.inadequate,
        }[rating]

    @property
    def total(self) -> int:
        return sum(self.count(r) for r in RATING_ORDER) + self.not_rated


@dataclass(frozen=True)
class StandardSummary:
    """One standard's final ratings over the inspections summarised."""

    id: str
    name: str
    rated_by: RatedBy
    ratings: RatingDistribution


@dataclass(frozen=True, kw_only=True)
class KeyQuestionSummary(YesNoCounts):
    """One case-based key question's answers over every case of the inspections summarised.

    ``yes``, ``no`` and ``not_applicable`` are the sums of the inspections' counts; the
    percentage is indicative, never a band or rating (seed 002 decision 7). ``case_data`` marks
    key questions of a national inspection's case data set (002 decision 7).
    """

    standard: str
    id: str
    inspections: int
    suppressed: bool
    case_data: bool = False


@dataclass(frozen=True)
class UnitSummary:
    """The summary of a set of inspections of one framework.

    With fewer than ``settings.summary_min_inspections`` inspections ``shown`` is false and
    there are no standards, overall distribution or key questions: only the count and the reason.
    """

    framework: str
    inspections: tuple[str, ...]
    shown: bool
    reason: str | None
    suppress_below: int
    standards: tuple[StandardSummary, ...] = ()
    overall: RatingDistribution | None = None
    key_questions: tuple[KeyQuestionSummary, ...] = ()


def summarise(results: Sequence[InspectionResult], *, settings: Settings) -> UnitSummary:
    """Rating distributions and pooled key questions over inspections of one framework.

    Per standard and for the overall rating: how many inspections had each final rating (001
    §4.24: the panel's departures applied) or none. Per case-based key question (001 §4.6, §4.7,
    §4.8, §4.9, §4.10, §4.11): the sum of the inspections' yes / no / n/a counts and its
    percentage, which is indicative and not a rating — seed 002 decision 7: "We will report a
    percentage score that is indicative of an 'Outstanding', 'Good', 'Requires improvement' or
    'Inadequate' rating for the fieldwork data. This should not be compared with case inspection
    data from regional or PDU inspections". Fewer than ``settings.summary_min_inspections``
    inspections show nothing but their number; a pooled key question with fewer applicable cases
    than ``settings.suppress_below`` is suppressed.
    """
    if not results:
        raise ValueError("there are no inspections to summarise")
    framework = results[0].framework
    others = sorted({r.framework for r in results} - {framework})
    if others:
        raise ValueError(
            f"inspections of different frameworks cannot be summarised together: {framework}, "
            + ", ".join(others)
        )
    labels = tuple(r.inspection for r in results)
    if len(results) < settings.summary_min_inspections:
        return UnitSummary(
            framework=framework,
            inspections=labels,
            shown=False,
            reason=(
                f"fewer than {settings.summary_min_inspections} inspections: a single "
                "inspection's results are "
                "in its own report, not an aggregate"
            ),
            suppress_below=settings.suppress_below,
        )
    return UnitSummary(
        framework=framework,
        inspections=labels,
        shown=True,
        reason=None,
        standards=_standards(results),
        overall=RatingDistribution.of(
            [None if r.overall is None else r.overall.rating for r in results]
        ),
        key_questions=_key_questions(results, settings.suppress_below),
        suppress_below=settings.suppress_below,
    )


def _standards(results: Sequence[InspectionResult]) -> tuple[StandardSummary, ...]:
    """Each standard in framework order; an inspection without it counts as not rated."""
    first: dict[str, StandardResult] = {}
    for result in results:
        for standard in result.standards:
            first.setdefault(standard.id, standard)
    summaries = []
    for standard_id, standard in first.items():
        ratings: list[Rating | None] = []
        for result in results:
            found = next((s for s in result.standards if s.id == standard_id), None)
            ratings.append(None if found is None else found.rating)
        summaries.append(
            StandardSummary(
                id=standard_id,
                name=standard.name,
                rated_by=standard.rated_by,
                ratings=RatingDistribution.of(ratings),
            )
        )
    return tuple(summaries)


def _case_standards(result: InspectionResult) -> list[tuple[StandardResult, bool]]:
    """The inspection's case-rated standards, and the national case data set's (002 decision 7)."""
    found = [(s, False) for s in result.standards if s.rated_by is RatedBy.CASES]
    if result.case_data is not None:
        found += [(s, True) for s in result.case_data.standards if s.rated_by is RatedBy.CASES]
    return found


def _key_questions(
    results: Sequence[InspectionResult], suppress_below: int
) -> tuple[KeyQuestionSummary, ...]:
    totals: dict[tuple[bool, str, str], list[int]] = {}
    for result in results:
        for standard, case_data in _case_standards(result):
            for kq in standard.key_questions:
                if kq.answer_scale is not AnswerScale.YES_NO:
                    continue
                total = totals.setdefault((case_data, standard.id, kq.id), [0, 0, 0, 0])
                total[0] += kq.yes
                total[1] += kq.no
                total[2] += kq.not_applicable
                total[3] += 1
    return tuple(
        KeyQuestionSummary(
            standard=standard_id,
            id=kq_id,
            yes=yes,
            no=no,
            not_applicable=na,
            inspections=count,
            suppressed=is_suppressed(yes + no, suppress_below),
            case_data=case_data,
        )
        for (case_data, standard_id, kq_id), (yes, no, na, count) in totals.items()
    )
