"""A unit's inspections over time, across framework editions (docs/frameworks-over-time.md)."""

from pinspect.trends.series import (
    Change,
    Comparison,
    Counterpart,
    Direction,
    Figures,
    KeyQuestionSeries,
    Point,
    StandardSeries,
)
from pinspect.trends.trend import (
    OverallPoint,
    PublishedInspection,
    TrendInspection,
    UnitTrend,
    unit_trend,
)

__all__ = [
    "Change",
    "Comparison",
    "Counterpart",
    "Direction",
    "Figures",
    "KeyQuestionSeries",
    "OverallPoint",
    "Point",
    "PublishedInspection",
    "StandardSeries",
    "TrendInspection",
    "UnitTrend",
    "unit_trend",
]
