"""An inspector's calibration over time as a line chart, with its table beside it.

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement". One line per figure of the
inspector's pooled series (:class:`pinspect.consistency.calibration.InspectorSeries`, every
key question together): the share of prompts answered as the reference answers them, the
share of key-question judgements matching the reference's, and the share of peers' answers
that agreed with theirs; one position per exercise, in the order they marked them.
"""

from __future__ import annotations

from collections.abc import Sequence

from pinspect.charts import LineChart, Series, Tick
from pinspect.consistency.calibration import InspectorSeries

__all__ = ["calibration_chart", "position"]


def position(title: str, marked_on: str) -> str:
    """An exercise as a position on the chart and a column of its table."""
    return f"{title} ({marked_on})"


def _percent(value: float | None) -> float | None:
    return None if value is None else value * 100


def calibration_chart(
    pooled: InspectorSeries, judgements: Sequence[float | None], who: str
) -> LineChart:
    """``pooled`` drawn over time; ``judgements`` holds, per point, the share of the key
    questions whose judgement matched the reference's (the pooled point says only whether
    all did). ``who`` names the inspector in the title ("Your" on their own page)."""
    points = pooled.points
    return LineChart(
        title=f"{who} agreement over time",
        description=(
            f"Line chart of agreement at each of {len(points)} calibration exercise"
            f"{'s' if len(points) != 1 else ''}, in the order marked: the percentage of prompts "
            "answered as the reference answers them, of key-question judgements matching the "
            "reference's, and of peers' answers that agreed. A gap means no figure (no peer "
            "had marked the exercise). The table beside the chart gives every figure."
        ),
        positions=tuple(position(p.title, p.marked_on.isoformat()) for p in points),
        axis_labels=tuple(p.marked_on.strftime("%d %b %Y") for p in points),
        series=(
            Series("Prompts as the reference", tuple(_percent(p.with_reference) for p in points)),
            Series(
                "Judgements matching the reference",
                tuple(_percent(v) for v in judgements),
            ),
            Series("Peers agreeing", tuple(_percent(p.with_peers) for p in points)),
        ),
        minimum=0.0,
        maximum=100.0,
        ticks=(Tick(0.0, "0%"), Tick(50.0, "50%"), Tick(100.0, "100%")),
        series_heading="Figure",
        spread=True,
    )
