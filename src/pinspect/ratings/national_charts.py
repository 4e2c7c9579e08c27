"""The national picture as charts (:mod:`pinspect.charts`): pooled key-question percentages
with their intervals against the band lines of 001 §4.8, per scope, and per group of cases.

Pooled figures are indicative, not ratings (see :mod:`pinspect.ratings.national`), so the
tables carry no band; the band lines only show where a single inspection's bands would begin.
A suppressed figure is drawn as no bar and written "Suppressed" in the table.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pinspect.charts import Bar, BarChart, KeyQuestionBar, band_lines, key_question_chart
from pinspect.charts.model import percent_text
from pinspect.ratings.national import DataSet, PooledFigure

__all__ = ["SUPPRESSED", "group_chart", "scope_chart"]

SUPPRESSED = "Suppressed"
GroupWords = Callable[[tuple[tuple[str, str | None], ...]], str]


def _interval(figure: PooledFigure) -> tuple[float, float] | None:
    return figure.interval


def scope_chart(
    data_set: DataSet, scope: str, scope_name: str, texts: Mapping[str, str]
) -> BarChart:
    """Every key question of ``data_set`` over all the cases of ``scope``."""
    figures = [f for f in data_set.figures if f.scope == scope and not f.group]
    kind = "indicative " if data_set.indicative else ""
    return key_question_chart(
        f"{scope_name}: all cases, pooled {kind}key-question percentages",
        [
            KeyQuestionBar(
                f.key_question,
                texts.get(f.key_question, ""),
                f.percent,
                interval=_interval(f),
                note=SUPPRESSED if f.suppressed else "",
            )
            for f in figures
        ],
        what=f"pooled cases answered yes in {scope_name}",
        with_band=False,
    )


def group_chart(
    data_set: DataSet,
    *,
    scope: str,
    scope_name: str,
    by: tuple[str, ...],
    key_question: str,
    text: str,
    words: GroupWords,
) -> BarChart:
    """One key question in ``scope``, a bar per group of the attributes ``by`` (one or two)."""
    figures = [
        f
        for f in data_set.figures
        if f.scope == scope
        and f.key_question == key_question
        and tuple(name for name, _ in f.group) == by
    ]
    shown = [f for f in figures if not f.suppressed]
    return BarChart(
        title=f"{key_question} {text}".strip() + f" ({scope_name})",
        description=(
            f"Bar chart of the pooled percentage of cases answered yes to {key_question} in "
            f"{scope_name}, for {len(figures)} groups of cases, {len(shown)} shown and "
            f"{len(figures) - len(shown)} suppressed (too few cases, or hidden so that a "
            "small group cannot be worked out from the others), with intervals and lines at "
            "50%, 65% and 80%. The table beside the chart gives every figure."
        ),
        bars=tuple(
            Bar(
                words(f.group),
                f.percent,
                interval=f.interval,
                note=SUPPRESSED if f.suppressed else "",
            )
            for f in figures
        ),
        reference_lines=band_lines(),
        label_heading="Group of cases",
        value_heading="Yes %",
        value_text=percent_text,
        extra_columns=("Cases",),
        extra_cells=tuple(("—" if f.cases is None else str(f.cases),) for f in figures),
        label_width=260,
    )
