"""The sample against its population, as a chart (:mod:`pinspect.charts`): each stratum's share
of the sample drawn, with its share of the eligible population marked across the bar, so a
reader sees where the draw is short of its quota (001 §4.12: a sample representative of the
cases)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pinspect.charts import Bar, BarChart

__all__ = ["StratumShare", "sample_chart"]


@dataclass(frozen=True)
class StratumShare:
    """A stratum's share of the eligible population and of the sample drawn (percentages)."""

    name: str
    population: int
    population_percent: float
    drawn: int
    sample_percent: float


def sample_chart(strata: Sequence[StratumShare], *, name: str = "Strata") -> BarChart:
    """Bars: the sample's share per stratum; marks: the population's share."""
    widest = max((abs(s.sample_percent - s.population_percent) for s in strata), default=0.0)
    top = max((max(s.sample_percent, s.population_percent) for s in strata), default=0.0)
    maximum = 100.0 if top > 50 else 50.0
    return BarChart(
        title=f"{name}: the sample against its population",
        description=(
            f"Bar chart of each of {len(strata)} strata's share of the sample drawn, with its "
            "share of the eligible population marked across the bar. The largest difference "
            f"is {widest:.1f} percentage points. The table beside the chart gives every figure."
        ),
        bars=tuple(Bar(s.name, s.sample_percent, target=s.population_percent) for s in strata),
        maximum=maximum,
        label_heading="Stratum",
        value_heading="Share of the sample",
        extra_columns=("Share of the population", "Drawn", "Population"),
        extra_cells=tuple(
            (f"{s.population_percent:.1f}%", str(s.drawn), str(s.population)) for s in strata
        ),
        label_width=200,
        target_label="Share of the population",
    )
