"""Drawing a stratified random sample, and its ranked reserve, from the eligible cases.

1. The sample size is shared across strata by largest remainder
   (:mod:`pinspect.sampling.allocation`): exact total, each stratum within one case of its
   exact proportional quota.
2. Within a stratum, its quota is shared across areas in proportion to their cases in that
   stratum, and each area's across its teams (spare cases at random, see
   :mod:`~pinspect.sampling.allocation`); each team's cases are then drawn at random, so each
   practitioner is represented in proportion to their caseload on average.
3. No practitioner has more than ``settings.max_per_practitioner`` cases drawn, sample and
   reserve together (a practitioner is identified by area, team and name), so replacing a
   case from the reserve can never break the cap. A practitioner at the cap is skipped and
   the team's draw continues with its other practitioners; a team's or area's share beyond
   what its practitioners can still take goes to the other teams of the area, then to the
   other areas of the stratum, in proportion. What the stratum cannot take is its
   **shortfall**, reported, never hidden (it is not moved to other strata, which would
   distort the stratification).
4. The reserve (``settings.reserve_percent`` of the sample, rounded up) tops each stratum up
   towards its share of sample plus reserve, is drawn the same way from the cases not yet
   drawn, and is ranked in a random order. Each reserve case carries its stratum: a case that
   cannot be inspected is replaced by the highest-ranked unused reserve case of its stratum.

Reproducible: the eligible cases are sorted by CRN and every group is visited in sorted
order, so the same long list (in any row order), settings and seed give the same sample.
Randomness comes only from ``random.Random(seed)``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pinspect.problems import InputError
from pinspect.sampling.allocation import (
    capped_largest_remainder,
    extend_by_largest_deficit,
    largest_remainder,
)
from pinspect.sampling.bulk import bulk_allocation
from pinspect.sampling.case import Case
from pinspect.sampling.case_table import CaseTable, CaseView, Column, combined, sorted_rows
from pinspect.sampling.size import reserve_size
from pinspect.sampling.strata import StratumClassifier
from pinspect.settings import Settings

__all__ = ["DrawnCase", "Sample", "StratumResult", "TeamResult", "draw_sample"]

_Team = dict[str, list[int]]  # practitioner → rows of the table (in CRN order)


@dataclass(frozen=True)
class DrawnCase:
    """A drawn case, its stratum and, for a reserve case, its rank (1 is used first)."""

    case: Case
    stratum: str
    reserve_rank: int | None = None

    @property
    def is_reserve(self) -> bool:
        return self.reserve_rank is not None


@dataclass(frozen=True)
class StratumResult:
    """One stratum: eligible cases, its quota of the sample and of the reserve, and draws."""

    name: str
    population: int
    quota: int
    drawn: int
    reserve_quota: int
    reserve_drawn: int

    @property
    def shortfall(self) -> int:
        return self.quota - self.drawn

    @property
    def reserve_shortfall(self) -> int:
        return self.reserve_quota - self.reserve_drawn


@dataclass(frozen=True)
class TeamResult:
    """One team within one stratum: eligible cases, the share of the stratum's quota it was
    given (after any reallocation for the practitioner cap), and cases drawn."""

    stratum: str
    area: str
    team: str
    population: int
    quota: int
    drawn: int
    reserve: int


@dataclass(frozen=True)
class Sample:
    """A drawn sample: sample cases first, then the reserve in rank order."""

    name: str
    seed: int
    size: int
    population: int
    max_per_practitioner: int
    strata: tuple[StratumResult, ...]
    teams: tuple[TeamResult, ...]
    cases: tuple[DrawnCase, ...]

    @property
    def sample_cases(self) -> tuple[DrawnCase, ...]:
        return tuple(c for c in self.cases if not c.is_reserve)

    @property
    def reserve_cases(self) -> tuple[DrawnCase, ...]:
        return tuple(c for c in self.cases if c.is_reserve)

    @property
    def shortfall(self) -> int:
        """Cases the practitioner cap stopped being drawn (sample only)."""
        return sum(s.shortfall for s in self.strata)

    @property
    def reserve_shortfall(self) -> int:
        return sum(s.reserve_shortfall for s in self.strata)


class _Caseload:
    """How many cases each practitioner has had drawn, against the cap."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.used: Counter[tuple[str, str, str]] = Counter()
        self.touched: dict[tuple[str, str], set[str]] = {}  # (area, team) → practitioners used

    def spare(self, key: tuple[str, str, str]) -> int:
        return max(0, self.cap - self.used[key])

    def take(self, key: tuple[str, str, str]) -> None:
        self.used[key] += 1
        self.touched.setdefault(key[:2], set()).add(key[2])


class _StratumCases:
    """One stratum's eligible cases by area, team and practitioner: the number of cases of
    each area and team, each team's capacity while no practitioner of it has had a case
    drawn, and — made when a team is first drawn from — its practitioners' cases."""

    def __init__(self, groups: _Groups) -> None:
        self.groups = groups
        self.tree: dict[str, dict[str, int]] = {}  # area → team → cases
        self.sizes: Counter[tuple[str, ...]] = Counter()
        self.untouched: dict[tuple[str, str], int] = {}
        self.spans: dict[tuple[str, str], tuple[int, int]] = {}  # the team's groups
        self.cases: dict[tuple[str, str], _Team] = {}
        self.counts: dict[tuple[str, str, str], int] = {}

    def add(self, area: str, team: str, size: int, untouched: int, span: tuple[int, int]) -> None:
        self.tree.setdefault(area, {})[team] = size
        self.sizes[(area,)] += size
        self.sizes[(area, team)] += size
        self.untouched[(area, team)] = untouched
        self.spans[(area, team)] = span

    def team(self, area: str, team: str) -> _Team:
        """The team's practitioners and their cases not yet drawn (rows, in CRN order)."""
        found = self.cases.get((area, team))
        if found is None:
            found = self.cases[(area, team)] = self.groups.team(*self.spans[(area, team)])
            for practitioner, rows in found.items():
                self.counts[(area, team, practitioner)] = len(rows)
        return found

    def team_capacity(self, area: str, team: str, caseload: _Caseload) -> int:
        """Cases the team can still give: per practitioner, the fewer of their cases not yet
        drawn and their spare places under the cap. Only practitioners with a case drawn
        differ from the team's untouched capacity, so only they are counted again."""
        capacity = self.untouched[(area, team)]
        touched = caseload.touched.get((area, team), ())
        if not touched:
            return capacity
        cases = self.team(area, team)
        for practitioner in touched:
            if practitioner in cases:
                key = (area, team, practitioner)
                capacity -= min(self.counts[key], caseload.cap)
                capacity += min(len(cases[practitioner]), caseload.spare(key))
        return capacity


class _Groups:
    """The eligible cases grouped by stratum, area, team and practitioner, with arrays.

    ``members`` holds the cases' rows group after group (each group's in CRN order);
    groups are ordered by team, so a team's groups are a span of them.
    """

    def __init__(self, cases: CaseView, strata: Column, cap: int) -> None:
        table, rows = cases.table, cases.rows
        practitioner = table.practitioner.codes[rows]
        team = combined(strata.codes, table.area.codes[rows], table.team.codes[rows])
        key = team * table.practitioner.size + practitioner
        order = sorted_rows(key)  # CRN order kept within a group
        key = key[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        first = order[starts]  # each group's first case (a position in ``rows``)
        self.members = rows[order]
        self.ends = np.r_[starts[1:], len(key)]
        sizes = self.ends - starts
        self.practitioners = practitioner[first]
        self.table = table
        group_team = team[first]
        team_starts = np.flatnonzero(np.r_[True, group_team[1:] != group_team[:-1]])
        self.team_ends = np.r_[team_starts[1:], len(group_team)]
        self.team_sizes = np.add.reduceat(sizes, team_starts) if len(sizes) else sizes
        self.team_untouched = (
            np.add.reduceat(np.minimum(sizes, cap), team_starts) if len(sizes) else sizes
        )
        team_first = first[team_starts]
        self.strata = strata.codes[team_first]
        self.areas = table.area.codes[rows][team_first]
        self.teams = table.team.codes[rows][team_first]

    def team(self, first_group: int, end_group: int) -> _Team:
        names = self.table.practitioner.items
        found: _Team = {}
        for g in range(first_group, end_group):
            start = int(self.ends[g - 1]) if g else 0
            members = self.members[start : int(self.ends[g])].tolist()
            found[names[int(self.practitioners[g])]] = members
        return found


def _draw_team(
    area: str,
    team: str,
    team_cases: _Team,
    quota: int,
    *,
    caseload: _Caseload,
    rng: random.Random,
    order: Callable[[int], tuple[int, int]],
) -> list[int]:
    """Draw ``quota`` of a team's cases at random, skipping practitioners at the cap; the
    rows drawn in the ``order`` of their CRN, then line."""
    pool = [
        (practitioner, row)
        for practitioner in sorted(team_cases)
        for row in team_cases[practitioner]
    ]
    picked: list[tuple[str, int]] = []
    for index in rng.sample(range(len(pool)), len(pool)):
        practitioner, row = pool[index]
        key = (area, team, practitioner)
        if caseload.spare(key) > 0:
            caseload.take(key)
            picked.append((practitioner, row))
            if len(picked) == quota:
                break
    for practitioner in {p for p, _ in picked}:
        chosen = {r for p, r in picked if p == practitioner}
        team_cases[practitioner] = [r for r in team_cases[practitioner] if r not in chosen]
    return sorted((row for _, row in picked), key=order)


def _draw_stratum(
    stratum: _StratumCases,
    quota: int,
    *,
    caseload: _Caseload,
    rng: random.Random,
    allocated: Counter[tuple[str, str]],
    order: Callable[[int], tuple[int, int]],
) -> list[int]:
    """Draw ``quota`` cases from one stratum (fewer if the cap binds): their rows.

    Each team's share is added to ``allocated``.
    """
    if quota <= 0:
        return []
    tree, sizes = stratum.tree, stratum.sizes
    team_cap = {
        (area, team): stratum.team_capacity(area, team, caseload)
        for area, teams in tree.items()
        for team in teams
    }
    areas = sorted(tree)
    by_area = capped_largest_remainder(
        quota,
        {a: sizes[(a,)] for a in areas},
        {a: sum(team_cap[(a, t)] for t in tree[a]) for a in areas},
        rng,
    )
    drawn: list[int] = []
    for area in areas:
        if not by_area[area]:
            continue
        names = sorted(tree[area])
        by_team = capped_largest_remainder(
            by_area[area],
            {t: sizes[(area, t)] for t in names},
            {t: team_cap[(area, t)] for t in names},
            rng,
        )
        for team in names:
            allocated[(area, team)] += by_team[team]
            if by_team[team]:
                drawn.extend(
                    _draw_team(
                        area,
                        team,
                        stratum.team(area, team),
                        by_team[team],
                        caseload=caseload,
                        rng=rng,
                        order=order,
                    )
                )
    return drawn


def draw_sample(
    eligible: Sequence[Case],
    classifier: StratumClassifier,
    size: int,
    *,
    seed: int,
    settings: Settings,
    name: str = "supervision",
) -> Sample:
    """Draw a sample of ``size`` cases and its reserve from ``eligible`` (see module doc).

    ``name`` labels the sample (``supervision``, ``court reports``, ``unpaid work``,
    ``resettlement``, ``victims``…): each is drawn separately from its own filtered list.
    Raises :class:`InputError` if ``size`` is not between 1 and the eligible population.
    """
    population = len(eligible)
    if population == 0:
        raise InputError.single("no eligible cases to sample from", field="size")
    if not 1 <= size <= population:
        raise InputError.single(
            f"the sample size {size} must lie between 1 and the eligible population ({population})",
            field="size",
        )
    with bulk_allocation():
        return _draw(
            CaseView.of(eligible), classifier, size, seed=seed, settings=settings, name=name
        )


def _strata(
    eligible: CaseView, classifier: StratumClassifier, cap: int
) -> tuple[list[str], dict[str, _StratumCases]]:
    """The strata in the order they are drawn, each with its cases."""
    strata_column = classifier.strata_column(eligible)
    groups = _Groups(eligible, strata_column, cap)
    table = eligible.table
    names = strata_column.items
    strata: dict[str, _StratumCases] = {}
    areas, teams = table.area.items, table.team.items
    first = 0
    for k, end in enumerate(groups.team_ends.tolist()):
        label = names[int(groups.strata[k])]
        if label not in strata:
            strata[label] = _StratumCases(groups)
        strata[label].add(
            areas[int(groups.areas[k])],
            teams[int(groups.teams[k])],
            int(groups.team_sizes[k]),
            int(groups.team_untouched[k]),
            (first, end),
        )
        first = end
    order = list(classifier.declared) + sorted(set(strata) - set(classifier.declared))
    for stratum in order:
        strata.setdefault(stratum, _StratumCases(groups))
    return order, strata


def _draw(
    eligible: CaseView,
    classifier: StratumClassifier,
    size: int,
    *,
    seed: int,
    settings: Settings,
    name: str,
) -> Sample:
    population = len(eligible)
    rng = random.Random(seed)
    cap = settings.max_per_practitioner
    table = eligible.table
    ranks, lines = table.crn.ranks(), table.lines

    def crn_order(row: int) -> tuple[int, int]:
        return (int(ranks[row]), int(lines[row]))

    if not eligible.by_crn:
        by_crn = sorted_rows(ranks[eligible.rows])
        eligible = CaseView(table, eligible.rows[by_crn], by_crn=True)
    order, strata = _strata(eligible, classifier, cap)
    sizes = {stratum: strata[stratum].sizes for stratum in order}
    stratum_sizes = {s: sum(n for k, n in sizes[s].items() if len(k) == 1) for s in order}
    quotas = largest_remainder(size, stratum_sizes)
    caseload = _Caseload(cap)

    sample: dict[str, list[int]] = {}
    allocated: dict[str, Counter[tuple[str, str]]] = {s: Counter() for s in order}
    for stratum in order:
        sample[stratum] = _draw_stratum(
            strata[stratum],
            quotas[stratum],
            caseload=caseload,
            rng=rng,
            allocated=allocated[stratum],
            order=crn_order,
        )
    drawn_total = sum(len(rows) for rows in sample.values())
    wanted = min(reserve_size(size, settings.reserve_percent), population - drawn_total)
    reserve_quotas = extend_by_largest_deficit(quotas, wanted, stratum_sizes, stratum_sizes)
    reserve: dict[str, list[int]] = {}
    for stratum in order:
        reserve[stratum] = _draw_stratum(
            strata[stratum],
            reserve_quotas[stratum],
            caseload=caseload,
            rng=rng,
            allocated=Counter(),
            order=crn_order,
        )
    ranked = [(row, stratum) for stratum in order for row in reserve[stratum]]
    rng.shuffle(ranked)

    drawn_rows = [row for stratum in order for row in sample[stratum]]
    made = dict(
        zip(
            drawn_rows + [row for row, _ in ranked],
            table.cases(np.array(drawn_rows + [row for row, _ in ranked], np.int64)),
            strict=True,
        )
    )
    cases = [DrawnCase(made[row], stratum) for stratum in order for row in sample[stratum]]
    cases.extend(
        DrawnCase(made[row], stratum, rank) for rank, (row, stratum) in enumerate(ranked, start=1)
    )
    return Sample(
        name=name,
        seed=seed,
        size=size,
        population=population,
        max_per_practitioner=settings.max_per_practitioner,
        strata=tuple(
            StratumResult(
                s,
                stratum_sizes[s],
                quotas[s],
                len(sample[s]),
                reserve_quotas[s],
                len(reserve[s]),
            )
            for s in order
        ),
        teams=_team_results(order, sizes, allocated, sample, reserve, table),
        cases=tuple(cases),
    )


def _team_results(  # noqa: PLR0917 - the parts of one result, each named
    order: Sequence[str],
    sizes: Mapping[str, Counter[tuple[str, ...]]],
    allocated: Mapping[str, Counter[tuple[str, str]]],
    sample: Mapping[str, list[int]],
    reserve: Mapping[str, list[int]],
    table: CaseTable,
) -> tuple[TeamResult, ...]:
    areas, teams_of = table.area.items, table.team.items

    def place(row: int) -> tuple[str, str]:
        return (areas[int(table.area.codes[row])], teams_of[int(table.team.codes[row])])

    results: list[TeamResult] = []
    for stratum in order:
        drawn = Counter(place(row) for row in sample[stratum])
        spare = Counter(place(row) for row in reserve[stratum])
        counts = sizes.get(stratum, Counter())
        teams = sorted(key for key in counts if len(key) == 2)
        results.extend(
            TeamResult(
                stratum,
                key[0],
                key[1],
                counts[key],
                allocated[stratum][(key[0], key[1])],
                drawn[key],
                spare[key],
            )
            for key in teams
        )
    return tuple(results)
