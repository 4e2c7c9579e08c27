"""A small server-rendered bar chart: how many other inspections gave each rating.

Geometry only; the template draws the SVG (no script, no inline style: colours are SVG
presentation attributes, allowed by the Content-Security-Policy). The table beside it holds
the same figures, so nothing is shown only as a picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from pinspect.consistency.across_inspections import StandardAcrossInspections

__all__ = ["Bar", "RatingChart", "rating_chart"]

WIDTH = 560
LABEL_WIDTH = 200
BAR_HEIGHT = 28
GAP = 10
TOP = 8
PLOT_WIDTH = WIDTH - LABEL_WIDTH - 150
# GOV.UK colours: blue for other inspections' ratings, dark grey for the one under decision.
BLUE = "#1d70b8"
DARK_GREY = "#505a5f"


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    under_decision: bool
    y: int
    text_y: int
    width: int
    colour: str
    note_x: int


@dataclass(frozen=True)
class RatingChart:
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bars: tuple[Bar, ...]


def rating_chart(standard: StandardAcrossInspections) -> RatingChart:
    """One bar per rating, Outstanding first, as long as the number of other inspections that
    gave it; the rating under decision is marked beside its bar."""
    counts = standard.distribution
    most = max((c.count for c in counts), default=0) or 1
    bars = []
    for index, count in enumerate(counts):
        y = TOP + index * (BAR_HEIGHT + GAP)
        width = round(PLOT_WIDTH * count.count / most)
        bars.append(
            Bar(
                label=count.rating.label,
                count=count.count,
                under_decision=count.under_decision,
                y=y,
                text_y=y + BAR_HEIGHT // 2 + 5,
                width=width,
                colour=DARK_GREY if count.under_decision else BLUE,
                note_x=LABEL_WIDTH + width + 8,
            )
        )
    proposal = (
        "not rated yet"
        if standard.under_decision is None
        else f"{standard.under_decision.label} here"
    )
    described = ", ".join(f"{c.rating.label} {c.count}" for c in counts)
    return RatingChart(
        title=f"{standard.id}: ratings in other published inspections",
        description=f"Other inspections: {described}. This inspection: {proposal}.",
        width=WIDTH,
        height=TOP * 2 + len(bars) * (BAR_HEIGHT + GAP),
        label_width=LABEL_WIDTH,
        bars=tuple(bars),
    )
