"""The national picture: case-based figures pooled across inspections, by region, nation and
sub-group, with small cells suppressed across every published table.

Seed 001 §5.9 and seed 003 §3.5: results are to be aggregated by sub-group (for example women)
at regional and national level; seed 003 §3 asks for intersectionality, so every pair of the
case attributes is a table too. :func:`national_picture` takes the rated inspections of each
framework (:func:`~pinspect.ratings.inspection.rate_inspections`, with the breakdown by every
attribute) and the region of each inspection, and adds up the answers of every case-based key
question:

* per **scope**: the nation (every inspection of the framework) and each region (its
  inspections);
* per **group**: all cases; each value of each attribute ("not recorded" included); each pair
  of values of each pair of attributes.

Each figure has its yes / no / n/a counts, the cases in its group, the percentage and the
Wilson interval at the framework's confidence level. Pooled figures are **indicative, not
ratings**: seed 001 §4.7 rates one inspection's cases and nothing in the seeds rates pooled
cases (see :mod:`pinspect.ratings.summary`), so they carry no band. The interval treats the
pooled cases as one sample and ignores the clustering of cases within inspections, so it is
narrower than a design-based interval would be.

Seed 002 decision 7: the 2024 national inspection's cases are inspected against the 2023 PDU
domain two and give "a percentage score that is indicative" which "should not be compared
with case inspection data from regional or PDU inspections". Such a framework's cases are
pooled as their own data set, marked indicative, never with PDU inspections' cases (even of
the framework they are inspected against), and for the nation only.

Small numbers (:mod:`pinspect.stats.cell_suppression`): a figure whose applicable cases
(yes + no) are fewer than ``settings.suppress_below`` is hidden, and so is a group's case count
under it (and then every figure of the group). Then complementary suppression runs over all
tables together — nation and regions, a group and its intersections, all cases and each
attribute's groups, each single-attribute table shared by every pair that holds the attribute —
so that no hidden figure can be worked out from a published total and its published parts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.model import Framework
from pinspect.ratings.answer import Answer
from pinspect.ratings.breakdown import BreakdownCounts
from pinspect.ratings.inspection import InspectionResults
from pinspect.scale.counts import display_percent
from pinspect.settings import Settings
from pinspect.stats.cell_suppression import complementary_suppression, linked_suppression
from pinspect.stats.interval import wilson_intervals

__all__ = [
    "INDICATIVE_NATIONAL_NOTE",
    "NATION",
    "POOLED_NOTE",
    "DataSet",
    "NationalPicture",
    "PooledFigure",
    "RatedFramework",
    "national_picture",
]

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

NATION = "nation"
"""The scope of figures pooled over every inspection of a data set."""

POOLED_NOTE = (
    "Pooled key-question percentages add up the cases of every inspection in the scope. They "
    "are indicative, not ratings: the seeds rate one inspection's cases (001 §4.7), and seed "
    "002 decision 7 says pooled case data gives a percentage 'indicative of' a rating."
)
INDICATIVE_NATIONAL_NOTE = (
    "The national inspection's cases, inspected against the PDU domain two standards: a "
    "percentage 'indicative of' a rating that 'should not be compared with case inspection "
    "data from regional or PDU inspections' (002 decision 7)."
)


@dataclass(frozen=True)
class RatedFramework:
    """The inspections of one framework, rated together, and the region of each."""

    framework: Framework
    results: InspectionResults
    regions: Mapping[str, str | None]


@dataclass(frozen=True)
class PooledFigure:
    """One key question's pooled answers in one group of one scope; None where hidden."""

    scope: str
    group: tuple[tuple[str, str | None], ...]
    key_question: str
    cases: int | None
    yes: int | None
    no: int | None
    not_applicable: int | None
    interval: tuple[float, float] | None
    suppressed: bool

    @property
    def percent(self) -> float | None:
        if self.yes is None or self.no is None:
            return None
        return display_percent(self.yes, self.yes + self.no)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "group": dict(self.group),
            "key_question": self.key_question,
            "cases": self.cases,
            "yes": self.yes,
            "no": self.no,
            "not_applicable": self.not_applicable,
            "percent": self.percent,
            "interval": None if self.interval is None else [round(v, 1) for v in self.interval],
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True)
class DataSet:
    """The pooled figures of one framework's inspections (or of a national inspection's
    cases, ``indicative``), in scope, group and key-question order."""

    framework: str
    indicative: bool
    note: str
    inspections: int
    scopes: tuple[str, ...]
    attributes: tuple[str, ...]
    key_questions: tuple[str, ...]
    figures: tuple[PooledFigure, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "indicative": self.indicative,
            "note": self.note,
            "inspections": self.inspections,
            "scopes": list(self.scopes),
            "attributes": list(self.attributes),
            "key_questions": list(self.key_questions),
            "figures": [f.as_dict() for f in self.figures],
        }


@dataclass(frozen=True)
class NationalPicture:
    """Every data set's pooled figures, suppressed with one threshold."""

    data_sets: tuple[DataSet, ...]
    suppress_below: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "suppress_below": self.suppress_below,
            "note": POOLED_NOTE,
            "data_sets": [d.as_dict() for d in self.data_sets],
        }

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per figure (for CSV and Parquet): the data set, scope, up to two
        attribute = value pairs, key question, counts, percentage, interval, suppressed."""
        rows: list[dict[str, Any]] = []
        for data_set in self.data_sets:
            for figure in data_set.figures:
                group = list(figure.group) + [("", None)] * (2 - len(figure.group))
                rows.append(
                    {
                        "framework": data_set.framework,
                        "indicative": data_set.indicative,
                        "scope": figure.scope,
                        "attribute_1": group[0][0] or None,
                        "value_1": group[0][1],
                        "attribute_2": group[1][0] or None,
                        "value_2": group[1][1],
                        "key_question": figure.key_question,
                        "cases": figure.cases,
                        "yes": figure.yes,
                        "no": figure.no,
                        "not_applicable": figure.not_applicable,
                        "percent": figure.percent,
                        "interval_low": None if figure.interval is None else figure.interval[0],
                        "interval_high": None if figure.interval is None else figure.interval[1],
                        "suppressed": figure.suppressed,
                    }
                )
        return rows


@dataclass
class _Cube:
    """Pooled counts of one attribute set with totals: axis 0 the scope (0 = nation), then
    one axis per attribute (0 = all its values, then each value, "not recorded" last), then
    key questions. ``hidden[..., k]`` for key question k, ``hidden[..., -1]`` the cases."""

    by: tuple[str, ...]
    values: tuple[tuple[str | None, ...], ...]
    answers: IntArray  # [scope, *attributes, key question, answer]
    cases: IntArray  # [scope, *attributes]
    hidden: BoolArray  # [scope, *attributes, key question + 1]

    def suppress(self, suppress_below: int) -> None:
        applicable = self.answers[..., Answer.YES] + self.answers[..., Answer.NO]
        exists = np.broadcast_to((self.cases > 0)[..., np.newaxis], applicable.shape)
        axes = tuple(range(1 + len(self.by)))
        cases_hidden = linked_suppression(self.cases, self.cases > 0, suppress_below, axes)
        kq_hidden = linked_suppression(applicable, exists, suppress_below, axes)
        self.hidden = np.concatenate(
            [kq_hidden | cases_hidden[..., np.newaxis], cases_hidden[..., np.newaxis]], axis=-1
        )
        while self.settle():
            pass

    def settle(self) -> bool:
        """Complementary suppression again after hidden cells were added; True if more were
        hidden. A hidden case count hides every figure of its group."""
        applicable = self.answers[..., Answer.YES] + self.answers[..., Answer.NO]
        values = np.concatenate([applicable, self.cases[..., np.newaxis]], axis=-1)
        exists = np.broadcast_to((self.cases > 0)[..., np.newaxis], values.shape)
        axes = tuple(range(1 + len(self.by)))
        before = self.hidden.copy()
        hidden = self.hidden.copy()
        hidden[..., :-1] |= hidden[..., -1:]
        self.hidden = complementary_suppression(values, exists, hidden, axes)
        self.hidden[..., :-1] |= self.hidden[..., -1:]
        return not np.array_equal(before, self.hidden)

    def margin(self, keep: tuple[str, ...]) -> tuple[slice | int, ...]:
        """The index of the table of the attributes ``keep`` (the others at "all")."""
        return (
            slice(None),
            *(slice(1, None) if name in keep else 0 for name in self.by),
        )


def _scope_matrix(
    labels: Sequence[str], regions: Mapping[str, str | None]
) -> tuple[tuple[str, ...], IntArray]:
    """The scopes (nation, then regions in name order) and which inspections each holds."""
    names = sorted({r for label in labels if (r := regions.get(label))})
    matrix = np.zeros((1 + len(names), len(labels)), dtype=np.int64)
    matrix[0] = 1
    for column, label in enumerate(labels):
        region = regions.get(label)
        if region:
            matrix[1 + names.index(region), column] = 1
    return (NATION, *names), matrix


def _with_totals(array: IntArray, axes: int) -> IntArray:
    """Prepend, on each of the ``axes`` attribute axes after the scope, the sum over it."""
    for axis in range(1, 1 + axes):
        array = np.concatenate([array.sum(axis=axis, keepdims=True), array], axis=axis)
    return array


def _cube(
    counted: BreakdownCounts,
    targets: Sequence[int],
    scopes: IntArray,
    values: tuple[tuple[str | None, ...], ...],
) -> _Cube:
    inspections = counted.counts.shape[0]
    widths = [len(v) for v in values]
    answers = counted.for_targets(targets).reshape(
        inspections, *widths, len(targets), counted.counts.shape[-1]
    )
    cases = counted.cases.reshape(inspections, *widths)
    pooled_answers = np.tensordot(scopes, answers, axes=(1, 0))
    pooled_cases = np.tensordot(scopes, cases, axes=(1, 0))
    return _Cube(
        by=counted.by,
        values=values,
        answers=_with_totals(pooled_answers, len(widths)),
        cases=_with_totals(pooled_cases, len(widths)),
        hidden=np.zeros(0, dtype=bool),
    )


def _attribute_values(counted: Sequence[BreakdownCounts]) -> dict[str, tuple[str | None, ...]]:
    values: dict[str, tuple[str | None, ...]] = {}
    for item in counted:
        if len(item.by) == 1:
            values[item.by[0]] = tuple(label[0] for label in item.labels)
    return values


def _suppress_together(cubes: Sequence[_Cube], suppress_below: int) -> None:
    """Suppress every cube, then share the hidden cells of the tables two cubes both hold
    (each attribute's table, the all-cases table) until nothing changes."""
    for cube in cubes:
        cube.suppress(suppress_below)
    changed = len(cubes) > 1
    while changed:
        changed = False
        shared: dict[tuple[str, ...], BoolArray] = {}
        for cube in cubes:
            for keep in [(), *((name,) for name in cube.by)]:
                table = cube.hidden[cube.margin(keep)]
                shared[keep] = table if keep not in shared else shared[keep] | table
        for cube in cubes:
            for keep in [(), *((name,) for name in cube.by)]:
                index = cube.margin(keep)
                if not np.array_equal(cube.hidden[index], shared[keep]):
                    cube.hidden[index] = shared[keep]
                    changed = True
            changed |= cube.settle()


def _figures(
    cube: _Cube,
    keep: tuple[str, ...],
    scopes: tuple[str, ...],
    key_questions: tuple[str, ...],
    confidence_level: float,
) -> list[PooledFigure]:
    """The published figures of the table of ``keep`` (groups with cases only)."""
    index = cube.margin(keep)
    answers = cube.answers[index]
    cases = cube.cases[index]
    hidden = cube.hidden[index]
    yes = answers[..., Answer.YES]
    no = answers[..., Answer.NO]
    low, high = wilson_intervals(yes, yes + no, confidence_level)
    kept_values = [cube.values[cube.by.index(name)] for name in keep]
    figures: list[PooledFigure] = []
    for position in np.ndindex(*cases.shape):
        count = int(cases[position])
        if count == 0:
            continue
        scope = scopes[position[0]]
        group = tuple((name, kept_values[i][position[1 + i]]) for i, name in enumerate(keep))
        cases_hidden = bool(hidden[(*position, -1)])
        for k, kq_id in enumerate(key_questions):
            at = (*position, k)
            if hidden[at]:
                figures.append(
                    PooledFigure(scope, group, kq_id, None, None, None, None, None, True)
                )
                continue
            figures.append(
                PooledFigure(
                    scope,
                    group,
                    kq_id,
                    None if cases_hidden else count,
                    int(yes[at]),
                    int(no[at]),
                    int(answers[(*at, Answer.NOT_APPLICABLE)]),
                    None if np.isnan(low[at]) else (float(low[at]), float(high[at])),
                    False,
                )
            )
    return figures


def _data_set(
    rated: RatedFramework,
    *,
    framework: Framework,
    key_questions: tuple[str, ...],
    indicative: bool,
    note: str,
    settings: Settings,
) -> DataSet:
    results = rated.results
    view = results.counts.view
    targets = [view.target_index(framework.id, kq_id) for kq_id in key_questions]
    labels = list(results.inspections)
    scope_names, scopes = _scope_matrix(labels, {} if indicative else rated.regions)
    counted = list(results.breakdown_counts)
    values = _attribute_values(counted)
    attributes = tuple(values)
    sets: list[tuple[str, ...]] = list(combinations(attributes, 2)) or [
        (name,) for name in attributes
    ]
    by_set = {c.by: c for c in counted}
    if not sets:
        whole = BreakdownCounts(
            by=(),
            labels=((),),
            counts=results.counts.counts[:, np.newaxis],
            cases=results.cases[:, np.newaxis],
        )
        cubes = [_cube(whole, targets, scopes, ())]
    else:
        cubes = [
            _cube(by_set[names], targets, scopes, tuple(values[n] for n in names)) for names in sets
        ]
    _suppress_together(cubes, settings.suppress_below)
    figures: list[PooledFigure] = []
    tables: list[tuple[_Cube, tuple[str, ...]]] = [(cubes[0], ())]
    for name in attributes:
        holder = next(c for c in cubes if name in c.by)
        tables.append((holder, (name,)))
    tables.extend((c, c.by) for c in cubes if len(c.by) == 2)
    for cube, keep in tables:
        figures.extend(_figures(cube, keep, scope_names, key_questions, framework.confidence_level))
    return DataSet(
        framework=framework.id,
        indicative=indicative,
        note=note,
        inspections=len(labels),
        scopes=scope_names,
        attributes=attributes,
        key_questions=key_questions,
        figures=tuple(figures),
    )


def national_picture(
    rated: Sequence[RatedFramework],
    *,
    settings: Settings,
    catalogue_frameworks: Mapping[str, Framework],
) -> NationalPicture:
    """Pool every data set of ``rated`` (see the module docstring).

    ``catalogue_frameworks`` resolves the framework a national inspection's cases are
    inspected against (002 decision 7). Each framework's inspections must have been rated
    with the breakdown by every case attribute (``by`` = all of them).
    """
    data_sets: list[DataSet] = []
    for item in rated:
        framework = item.framework
        inspected = framework.case_inspection
        if inspected is None:
            data_sets.append(
                _data_set(
                    item,
                    framework=framework,
                    key_questions=item.results.figures.key_questions,
                    indicative=False,
                    note=POOLED_NOTE,
                    settings=settings,
                )
            )
        else:
            figures = item.results.case_data_figures
            assert figures is not None
            data_sets.append(
                _data_set(
                    item,
                    framework=catalogue_frameworks[inspected.framework],
                    key_questions=figures.key_questions,
                    indicative=True,
                    note=INDICATIVE_NATIONAL_NOTE,
                    settings=settings,
                )
            )
    return NationalPicture(tuple(data_sets), settings.suppress_below)
