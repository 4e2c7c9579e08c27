"""An inspection's results as charts (:mod:`pinspect.charts`), one definition for every page
and document that draws them.

* :func:`standard_chart`: a case-based standard's key-question percentages against the band
  lines (001 §4.8), each with its interval, band and rating in the table beside it;
* :func:`breakdown_chart`: one key question's percentage in each sub-group of a breakdown
  (001 §5.9, 003 §3.5), a suppressed group drawn as no bar and written "Suppressed";
* :func:`rating_distribution_chart`: a unit summary's final ratings per standard, stacked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pinspect.charts import (
    Bar,
    BarChart,
    KeyQuestionBar,
    Segment,
    StackedBar,
    StackedBarChart,
    band_lines,
    key_question_chart,
)
from pinspect.frameworks.model import AnswerScale
from pinspect.ratings.breakdown import Breakdown
from pinspect.ratings.standard import StandardResult
from pinspect.ratings.summary import RATING_ORDER, RatingDistribution, UnitSummary
from pinspect.scale.rating import Rating

__all__ = ["SUPPRESSED", "breakdown_chart", "rating_distribution_chart", "standard_chart"]

SUPPRESSED = "Suppressed"
GroupWords = Callable[[tuple[tuple[str, str | None], ...]], str]


def standard_chart(standard: StandardResult, texts: Mapping[str, str]) -> BarChart:
    """The standard's yes/no key questions (``texts``: key question id → its text)."""
    return key_question_chart(
        f"{standard.id} {standard.name}: key questions",
        [
            KeyQuestionBar(kq.id, texts.get(kq.id, ""), kq.percent, kq.band, kq.interval)
            for kq in standard.key_questions
            if kq.answer_scale is AnswerScale.YES_NO
        ],
    )


def breakdown_chart(
    breakdown: Breakdown, key_question: str, text: str, words: GroupWords
) -> BarChart:
    """``key_question`` in each group of ``breakdown``; percentages only, never ratings."""
    groups = breakdown.groups
    cells = [
        (group, next(k for k in group.key_questions if k.id == key_question)) for group in groups
    ]
    shown = [cell for _, cell in cells if not cell.suppressed and cell.percent is not None]
    return BarChart(
        title=f"{key_question} {text}".strip(),
        description=(
            f"Bar chart of the percentage of cases answered yes to {key_question} in each of "
            f"{len(groups)} groups of cases, {len(shown)} with a figure shown, with lines at "
            "50%, 65% and 80%. The table beside the chart gives every figure."
        ),
        bars=tuple(
            Bar(
                words(group.values),
                None if cell.suppressed else cell.percent,
                note=SUPPRESSED if cell.suppressed else "",
            )
            for group, cell in cells
        ),
        reference_lines=band_lines(),
        label_heading="Group of cases",
        value_heading="Yes %",
        extra_columns=("Yes of applicable",),
        extra_cells=tuple(
            ("—" if cell.suppressed or cell.yes is None else f"{cell.yes} of {cell.applicable}",)
            for _, cell in cells
        ),
        label_width=260,
    )


RATING_SEGMENTS = {
    Rating.OUTSTANDING: Segment("Outstanding", "#00703c"),
    Rating.GOOD: Segment("Good", "#1d70b8"),
    Rating.REQUIRES_IMPROVEMENT: Segment("Requires improvement", "#f47738", "#0b0c0c"),
    Rating.INADEQUATE: Segment("Inadequate", "#d4351c"),
}
NOT_RATED_SEGMENT = Segment("Not rated", "#b1b4b6", "#0b0c0c")


def rating_distribution_chart(summary: UnitSummary, framework_title: str) -> StackedBarChart:
    """How many of the summarised inspections gave each standard (and the overall rating)
    each final rating on the four-point scale (001 §4.1), departures applied (001 §4.24)."""
    rows: list[tuple[str, RatingDistribution]] = [(s.id, s.ratings) for s in summary.standards]
    if summary.overall is not None:
        rows.append(("Overall", summary.overall))
    count = len(summary.inspections)
    return StackedBarChart(
        title=f"{framework_title}: final ratings of {count} inspections",
        description=(
            f"Stacked bar chart of how many of {count} published inspections gave each "
            "standard, and the overall rating, each final rating from Outstanding to "
            "Inadequate, and how many did not rate it. The table beside the chart gives every "
            "count."
        ),
        segments=(*(RATING_SEGMENTS[r] for r in RATING_ORDER), NOT_RATED_SEGMENT),
        bars=tuple(
            StackedBar(label, (*(ratings.count(r) for r in RATING_ORDER), ratings.not_rated))
            for label, ratings in rows
        ),
        label_heading="Standard",
        label_width=90,
    )
