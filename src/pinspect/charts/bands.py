"""Charts of key-question percentages against the band lines of seed 001 §4.8.

"Minority: <50%  Too few: 50-64%  Reasonable majority: 65-79%  Large majority: 80%+": the
lower bound of each band above Minority is drawn as a line, so a reader sees which band each
key question's percentage falls in. One definition for the report, the results page and the
unit trend.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pinspect.charts.model import Bar, BarChart, ReferenceLine
from pinspect.scale.rating import Band

__all__ = ["KeyQuestionBar", "band_lines", "key_question_chart"]


def band_lines() -> tuple[ReferenceLine, ...]:
    """001 §4.8: a line at the lowest percentage of Too few, Reasonable majority and Large
    majority (50, 65 and 80%)."""
    return tuple(
        ReferenceLine(float(band.lower_bound), f"{band.lower_bound}%")
        for band in Band
        if band is not Band.MINORITY
    )


@dataclass(frozen=True)
class KeyQuestionBar:
    """One key question's percentage answered yes (None: no applicable case, or hidden)."""

    id: str
    text: str
    percent: float | None
    band: Band | None = None
    interval: tuple[float, float] | None = None
    note: str = ""


def key_question_chart(
    title: str,
    key_questions: Sequence[KeyQuestionBar],
    *,
    what: str = "cases answered yes",
    with_band: bool = True,
) -> BarChart:
    """The percentage of ``what`` for each key question, against the band lines
    (001 §4.8); the table beside it gives each key question's text, percentage, interval and
    band."""
    bars = tuple(Bar(kq.id, kq.percent, kq.text, kq.interval, kq.note) for kq in key_questions)
    shown = [kq for kq in key_questions if kq.percent is not None]
    description = (
        f"Bar chart of the percentage of {what} for {len(key_questions)} key questions, with "
        "lines at 50%, 65% and 80%, the lower bounds of the bands Too few, Reasonable "
        "majority and Large majority. "
    )
    if shown:
        low = min(shown, key=lambda kq: kq.percent or 0.0)
        high = max(shown, key=lambda kq: kq.percent or 0.0)
        description += (
            f"Lowest: {low.id} at {low.percent:.1f}%; highest: {high.id} at {high.percent:.1f}%. "
        )
    description += "The table beside the chart gives every figure."
    return BarChart(
        title=title,
        description=description,
        bars=bars,
        maximum=100.0,
        reference_lines=band_lines(),
        label_heading="Key question",
        value_heading="Yes %",
        extra_columns=("Band",) if with_band else (),
        extra_cells=tuple(("—" if kq.band is None else kq.band.label,) for kq in key_questions)
        if with_band
        else (),
    )
