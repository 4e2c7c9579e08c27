"""Case progress per inspector as a chart: each inspector's assigned cases split into complete,
in progress and not started (the inspection overview's table beside it gives the counts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pinspect.charts.model import Segment, StackedBar, StackedBarChart

__all__ = ["InspectorProgress", "case_progress_chart"]

SEGMENTS = (
    Segment("Complete", "#00703c"),
    Segment("In progress", "#1d70b8"),
    Segment("Not started", "#b1b4b6", "#0b0c0c"),
)


@dataclass(frozen=True)
class InspectorProgress:
    inspector: str
    complete: int
    in_progress: int
    not_started: int


def case_progress_chart(rows: Sequence[InspectorProgress]) -> StackedBarChart:
    total = sum(r.complete + r.in_progress + r.not_started for r in rows)
    complete = sum(r.complete for r in rows)
    return StackedBarChart(
        title="Case progress per inspector",
        description=(
            f"Stacked bar chart of the sample cases assigned to each of {len(rows)} inspectors "
            f"(or unassigned), split into complete, in progress and not started; {complete} of "
            f"{total} cases are complete. The table beside the chart gives every count."
        ),
        segments=SEGMENTS,
        bars=tuple(
            StackedBar(r.inspector, (r.complete, r.in_progress, r.not_started)) for r in rows
        ),
        label_heading="Inspector",
    )
