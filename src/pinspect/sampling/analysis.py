"""Analysis of a drawn sample: how closely it mirrors the eligible population.

For each stratum, each area within a stratum and each team within an area: the eligible
population, the exact proportional quota (a fraction), the whole-number quota the draw gave
it, the cases drawn, and the original and achieved percentages (the group's share of its
parent's population, and of its parent's drawn cases). A stratum's drawn cases fall short
of its quota only where the practitioner cap left too few cases. Reserve cases are not
counted here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pinspect.sampling.case_table import CaseView
from pinspect.sampling.draw import Sample
from pinspect.sampling.eligibility import Eligibility
from pinspect.sampling.longlist import LongList

__all__ = ["Analysis", "AnalysisRow", "BreakdownRow", "analyse", "breakdown"]


@dataclass(frozen=True)
class AnalysisRow:
    """One group. ``area``/``team`` are ``None`` at the levels above them."""

    stratum: str | None
    area: str | None
    team: str | None
    population: int
    exact_quota: float
    quota: int
    drawn: int
    original_percent: float
    achieved_percent: float

    @property
    def name(self) -> str:
        return self.team or self.area or self.stratum or ""


@dataclass(frozen=True)
class Analysis:
    """The analysis of one sample: rows per stratum, area and team, and exclusion counts."""

    strata: tuple[AnalysisRow, ...]
    areas: tuple[AnalysisRow, ...]
    teams: tuple[AnalysisRow, ...]
    excluded: dict[str, int]
    shortfall: int
    reserve_shortfall: int


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 2) if whole else 0.0


def _exact(quota: int, part: int, whole: int) -> float:
    return round(quota * part / whole, 2) if whole else 0.0


def analyse(sample: Sample, eligibility: Eligibility) -> Analysis:
    """Compare the sample with the eligible population at every level."""
    total_drawn = sum(s.drawn for s in sample.strata)
    strata = tuple(
        AnalysisRow(
            s.name,
            None,
            None,
            s.population,
            _exact(sample.size, s.population, sample.population),
            s.quota,
            s.drawn,
            _percent(s.population, sample.population),
            _percent(s.drawn, total_drawn),
        )
        for s in sample.strata
    )
    areas: list[AnalysisRow] = []
    teams: list[AnalysisRow] = []
    for stratum in sample.strata:
        rows = [t for t in sample.teams if t.stratum == stratum.name]
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for row in rows:
            total = totals[row.area]
            total[0] += row.population
            total[1] += row.quota
            total[2] += row.drawn
        for area in sorted(totals):
            population, quota, drawn = totals[area]
            areas.append(
                AnalysisRow(
                    stratum.name,
                    area,
                    None,
                    population,
                    _exact(stratum.quota, population, stratum.population),
                    quota,
                    drawn,
                    _percent(population, stratum.population),
                    _percent(drawn, stratum.drawn),
                )
            )
        teams.extend(
            AnalysisRow(
                stratum.name,
                row.area,
                row.team,
                row.population,
                _exact(stratum.quota, row.population, stratum.population),
                row.quota,
                row.drawn,
                _percent(row.population, totals[row.area][0]),
                _percent(row.drawn, totals[row.area][2]),
            )
            for row in rows
        )
    return Analysis(
        strata=strata,
        areas=tuple(areas),
        teams=tuple(teams),
        excluded=eligibility.counts(),
        shortfall=sample.shortfall,
        reserve_shortfall=sample.reserve_shortfall,
    )


@dataclass(frozen=True)
class BreakdownRow:
    """One value of an attribute column: its share of the eligible cases and of the sample."""

    value: str
    population: int
    drawn: int
    original_percent: float
    achieved_percent: float


def breakdown(
    long_list: LongList, eligibility: Eligibility, sample: Sample, column: str
) -> Sequence[BreakdownRow]:
    """Eligible and drawn cases per value of ``column`` (e.g. ethnicity, age band)."""
    index = long_list.column_index(column)
    eligible = CaseView.of(eligibility.eligible, long_list.columns)
    values = eligible.table.values[index]
    population: Counter[str] = Counter()
    counts = np.bincount(values.codes[eligible.rows], minlength=values.size)
    for value, count in zip(values.items, counts.tolist(), strict=True):
        if count:
            population[value or "not recorded"] += count
    drawn = Counter(c.case.values[index] or "not recorded" for c in sample.sample_cases)
    total_population = sum(population.values())
    total_drawn = sum(drawn.values())
    return tuple(
        BreakdownRow(
            value,
            population[value],
            drawn[value],
            _percent(population[value], total_population),
            _percent(drawn[value], total_drawn),
        )
        for value in sorted(population)
    )
