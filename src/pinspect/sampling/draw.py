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
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from pinspect.problems import InputError
from pinspect.sampling.allocation import (
    capped_largest_remainder,
    extend_by_largest_deficit,
    largest_remainder,
)
from pinspect.sampling.bulk import bulk_allocation
from pinspect.sampling.case import Case, CasesByCrn, case_fields
from pinspect.sampling.size import reserve_size
from pinspect.sampling.strata import StratumClassifier
from pinspect.settings import Settings

__all__ = ["DrawnCase", "Sample", "StratumResult", "TeamResult", "draw_sample"]

_Team = dict[str, list[Case]]  # practitioner → cases (sorted by CRN)
_Tree = dict[str, dict[str, _Team]]  # area → team → practitioner → cases


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
    """One stratum's eligible cases as a tree: area → team → practitioner → cases (by CRN),
    with the number of cases of each area and team, and each team's capacity while no
    practitioner of it has had a case drawn."""

    def __init__(self) -> None:
        self.tree: _Tree = {}
        self.sizes: Counter[tuple[str, ...]] = Counter()
        self.untouched: dict[tuple[str, str], int] = {}
        self.counts: dict[tuple[str, str, str], int] = {}

    def add(self, area: str, team: str, practitioner: str, cases: list[Case], cap: int) -> None:
        self.tree.setdefault(area, {}).setdefault(team, {})[practitioner] = cases
        self.sizes[(area,)] += len(cases)
        self.sizes[(area, team)] += len(cases)
        self.counts[(area, team, practitioner)] = len(cases)
        self.untouched[(area, team)] = self.untouched.get((area, team), 0) + min(len(cases), cap)

    def team_capacity(self, area: str, team: str, caseload: _Caseload) -> int:
        """Cases the team can still give: per practitioner, the fewer of their cases not yet
        drawn and their spare places under the cap. Only practitioners with a case drawn
        differ from the team's untouched capacity, so only they are counted again."""
        capacity = self.untouched[(area, team)]
        cases = self.tree[area][team]
        for practitioner in caseload.touched.get((area, team), ()):
            if practitioner in cases:
                key = (area, team, practitioner)
                capacity -= min(self.counts[key], caseload.cap)
                capacity += min(len(cases[practitioner]), caseload.spare(key))
        return capacity


def _draw_team(
    area: str, team: str, team_cases: _Team, quota: int, *, caseload: _Caseload, rng: random.Random
) -> list[Case]:
    """Draw ``quota`` of a team's cases at random, skipping practitioners at the cap."""
    pool = [
        (practitioner, case)
        for practitioner in sorted(team_cases)
        for case in team_cases[practitioner]
    ]
    picked: list[tuple[str, Case]] = []
    for index in rng.sample(range(len(pool)), len(pool)):
        practitioner, case = pool[index]
        key = (area, team, practitioner)
        if caseload.spare(key) > 0:
            caseload.take(key)
            picked.append((practitioner, case))
            if len(picked) == quota:
                break
    for practitioner in {p for p, _ in picked}:
        chosen = {id(c) for p, c in picked if p == practitioner}
        team_cases[practitioner] = [c for c in team_cases[practitioner] if id(c) not in chosen]
    return sorted((case for _, case in picked), key=attrgetter("crn", "line"))


def _draw_stratum(
    stratum: _StratumCases,
    quota: int,
    *,
    caseload: _Caseload,
    rng: random.Random,
    allocated: Counter[tuple[str, str]],
) -> list[Case]:
    """Draw ``quota`` cases from one stratum's tree (fewer if the cap binds).

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
    drawn: list[Case] = []
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
                        area, team, tree[area][team], by_team[team], caseload=caseload, rng=rng
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
        return _draw(eligible, classifier, size, seed=seed, settings=settings, name=name)


def _draw(
    eligible: Sequence[Case],
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
    ordered = eligible if type(eligible) is CasesByCrn else sorted(eligible, key=case_fields("crn"))
    groups = _groups(ordered, classifier.strata_of(ordered))
    strata: dict[str, _StratumCases] = {}
    for (label, area, team, practitioner), members in groups.items():
        if label not in strata:
            strata[label] = _StratumCases()
        strata[label].add(area, team, practitioner, members, cap)
    order = list(classifier.declared) + sorted(set(strata) - set(classifier.declared))
    for stratum in order:
        strata.setdefault(stratum, _StratumCases())
    sizes = {stratum: strata[stratum].sizes for stratum in order}
    stratum_sizes = {s: sum(n for k, n in sizes[s].items() if len(k) == 1) for s in order}
    quotas = largest_remainder(size, stratum_sizes)
    caseload = _Caseload(cap)

    sample: dict[str, list[Case]] = {}
    allocated: dict[str, Counter[tuple[str, str]]] = {s: Counter() for s in order}
    for stratum in order:
        sample[stratum] = _draw_stratum(
            strata[stratum],
            quotas[stratum],
            caseload=caseload,
            rng=rng,
            allocated=allocated[stratum],
        )
    drawn_total = sum(len(cases) for cases in sample.values())
    wanted = min(reserve_size(size, settings.reserve_percent), population - drawn_total)
    reserve_quotas = extend_by_largest_deficit(quotas, wanted, stratum_sizes, stratum_sizes)
    reserve: dict[str, list[Case]] = {}
    for stratum in order:
        reserve[stratum] = _draw_stratum(
            strata[stratum],
            reserve_quotas[stratum],
            caseload=caseload,
            rng=rng,
            allocated=Counter(),
        )
    ranked = [(case, stratum) for stratum in order for case in reserve[stratum]]
    rng.shuffle(ranked)

    cases = [DrawnCase(case, stratum) for stratum in order for case in sample[stratum]]
    cases.extend(
        DrawnCase(case, stratum, rank) for rank, (case, stratum) in enumerate(ranked, start=1)
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
        teams=_team_results(order, sizes, allocated, sample, reserve),
        cases=tuple(cases),
    )


def _groups(
    cases: Sequence[Case], strata: Sequence[str]
) -> dict[tuple[str, str, str, str], list[Case]]:
    """The cases of each stratum, area, team and practitioner, in the order given."""
    keys = zip(
        strata,
        map(case_fields("area"), cases),
        map(case_fields("team"), cases),
        map(case_fields("practitioner"), cases),
        strict=True,
    )
    groups: dict[tuple[str, str, str, str], list[Case]] = defaultdict(list)
    for key, case in zip(keys, cases, strict=True):
        groups[key].append(case)
    return groups


def _team_results(
    order: Sequence[str],
    sizes: Mapping[str, Counter[tuple[str, ...]]],
    allocated: Mapping[str, Counter[tuple[str, str]]],
    sample: Mapping[str, list[Case]],
    reserve: Mapping[str, list[Case]],
) -> tuple[TeamResult, ...]:
    results: list[TeamResult] = []
    for stratum in order:
        drawn = Counter((c.area, c.team) for c in sample[stratum])
        spare = Counter((c.area, c.team) for c in reserve[stratum])
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
