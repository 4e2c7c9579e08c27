"""Key-question percentages split by case attributes and pairs of them, small groups suppressed.

Seed 003 §3.5 and seed 001 §5.9: results are aggregated by sub-group (for example women), and
the diversity section looks at intersectionality — combinations of characteristics. Groups are
read from the cases' attributes; a group with fewer applicable cases than the
``suppress_below`` setting shows no counts or percentage (see :mod:`pinspect.stats.suppression`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_counts import count_answers_by_group, question_targets
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.view import AnswerView
from pinspect.scale.counts import YesNoCounts
from pinspect.stats.suppression import suppressed_mask

__all__ = [
    "Breakdown",
    "BreakdownCounts",
    "GroupFigures",
    "GroupKeyQuestion",
    "GroupResult",
    "breakdown_counts",
    "breakdown_counts_for",
    "breakdown_sets",
]

IntArray = npt.NDArray[np.int64]
NOT_RECORDED_LABEL = None


@dataclass(frozen=True)
class GroupKeyQuestion:
    """One key question's counts in one group; no counts (None) when suppressed."""

    id: str
    counts: YesNoCounts | None
    suppressed: bool

    @property
    def yes(self) -> int | None:
        return None if self.counts is None else self.counts.yes

    @property
    def no(self) -> int | None:
        return None if self.counts is None else self.counts.no

    @property
    def not_applicable(self) -> int | None:
        return None if self.counts is None else self.counts.not_applicable

    @property
    def applicable(self) -> int | None:
        """Cases the key question applies to in this group; None when suppressed."""
        return None if self.counts is None else self.counts.applicable

    @property
    def percent(self) -> float | None:
        return None if self.counts is None else self.counts.percent


@dataclass(frozen=True)
class GroupResult:
    """One sub-group: its attribute values (None = not recorded) and key-question results."""

    values: tuple[tuple[str, str | None], ...]
    cases: int | None
    key_questions: tuple[GroupKeyQuestion, ...]


@dataclass(frozen=True, eq=False)
class GroupFigures:
    """Key-question counts in every group of every inspection, small numbers suppressed.

    ``yes``, ``no``, ``not_applicable`` and ``suppressed`` are ``[inspection, group, key
    question]``; ``cases`` and ``cases_suppressed`` are ``[inspection, group]``.
    """

    by: tuple[str, ...]
    labels: tuple[tuple[str | None, ...], ...]
    ids: tuple[str, ...]
    yes: IntArray
    no: IntArray
    not_applicable: IntArray
    suppressed: npt.NDArray[np.bool_]
    cases: IntArray
    cases_suppressed: npt.NDArray[np.bool_]

    def groups(self, inspection: int) -> tuple[GroupResult, ...]:
        """The groups of one inspection that have cases, as result objects."""
        yes_all = self.yes[inspection].tolist()
        no_all = self.no[inspection].tolist()
        na_all = self.not_applicable[inspection].tolist()
        suppressed_all = self.suppressed[inspection].tolist()
        cases_all = self.cases[inspection].tolist()
        hidden_all = self.cases_suppressed[inspection].tolist()
        groups: list[GroupResult] = []
        for group, label in enumerate(self.labels):
            cases = cases_all[group]
            if cases == 0:
                continue
            results = tuple(
                GroupKeyQuestion(kq_id, None, suppressed=True)
                if suppressed
                else GroupKeyQuestion(kq_id, YesNoCounts(yes, no, na), suppressed=False)
                for kq_id, yes, no, na, suppressed in zip(
                    self.ids,
                    yes_all[group],
                    no_all[group],
                    na_all[group],
                    suppressed_all[group],
                    strict=True,
                )
            )
            groups.append(
                GroupResult(
                    values=tuple(zip(self.by, label, strict=True)),
                    cases=None if hidden_all[group] else cases,
                    key_questions=results,
                )
            )
        return tuple(groups)


class Breakdown:
    """Every group of one attribute or one pair of attributes.

    Built by :meth:`BreakdownCounts.breakdown` from counts already made and suppressed as
    arrays; the group objects are made when ``groups`` is first read.
    """

    __slots__ = ("_figures", "_groups", "_inspection", "by")

    def __init__(
        self,
        by: tuple[str, ...],
        groups: Sequence[GroupResult] | None = None,
        *,
        figures: GroupFigures | None = None,
        inspection: int = 0,
    ) -> None:
        if (groups is None) == (figures is None):
            raise ValueError("a breakdown needs either its groups or the figures to build them")
        self.by = by
        self._groups = None if groups is None else tuple(groups)
        self._figures = figures
        self._inspection = inspection

    @classmethod
    def of(cls, figures: GroupFigures, inspection: int) -> Breakdown:
        """One inspection's breakdown from :meth:`BreakdownCounts.suppressed` figures."""
        return cls(figures.by, figures=figures, inspection=inspection)

    @property
    def groups(self) -> tuple[GroupResult, ...]:
        if self._groups is None:
            assert self._figures is not None
            self._groups = self._figures.groups(self._inspection)
        return self._groups

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Breakdown):
            return NotImplemented
        return self.by == other.by and self.groups == other.groups

    __hash__ = None  # type: ignore[assignment]  # mutable cache; compared by value

    def __repr__(self) -> str:
        return f"Breakdown(by={self.by!r}, groups={self.groups!r})"


@dataclass(frozen=True, eq=False)
class BreakdownCounts:
    """Counts for one attribute set over all inspections: ``counts[insp, group, target, answer]``
    and cases per group ``cases[insp, group]``.

    ``targets`` are the view's target indices the counts hold, in order (``None``: every
    target of the view). Read them with :meth:`for_targets`.
    """

    by: tuple[str, ...]
    labels: tuple[tuple[str | None, ...], ...]
    counts: IntArray
    cases: IntArray
    targets: tuple[int, ...] | None = None

    def for_targets(self, targets: Sequence[int]) -> IntArray:
        """``counts[insp, group, i, answer]`` for the view's target indices ``targets``."""
        if self.targets is None:
            return self.counts[:, :, list(targets), :]
        held = {target: position for position, target in enumerate(self.targets)}
        missing = [t for t in targets if t not in held]
        if missing:
            raise ValueError(f"targets {missing} were not counted by group")
        return self.counts[:, :, [held[t] for t in targets], :]

    def _figures(
        self,
        inspections: slice,
        key_questions: Sequence[tuple[int, str]],
        suppress_below: int,
    ) -> GroupFigures:
        counts = self.for_targets([target for target, _ in key_questions])[inspections]
        yes = counts[..., Answer.YES]
        no = counts[..., Answer.NO]
        cases = self.cases[inspections]
        return GroupFigures(
            by=self.by,
            labels=self.labels,
            ids=tuple(kq_id for _, kq_id in key_questions),
            yes=yes,
            no=no,
            not_applicable=counts[..., Answer.NOT_APPLICABLE],
            suppressed=suppressed_mask(yes + no, suppress_below),
            cases=cases,
            cases_suppressed=suppressed_mask(cases, suppress_below),
        )

    def suppressed(
        self, key_questions: Sequence[tuple[int, str]], suppress_below: int
    ) -> GroupFigures:
        """Every inspection's group figures for ``key_questions`` (target index, id), small
        numbers suppressed as arrays; :meth:`Breakdown.of` makes one inspection's breakdown."""
        return self._figures(slice(None), key_questions, suppress_below)

    def breakdown(
        self,
        inspection: int,
        key_questions: Sequence[tuple[int, str]],
        suppress_below: int,
    ) -> Breakdown:
        """The groups of one inspection for ``key_questions`` (target index, id)."""
        figures = self._figures(slice(inspection, inspection + 1), key_questions, suppress_below)
        return Breakdown(self.by, figures=figures, inspection=0)

    def breakdowns(
        self, key_questions: Sequence[tuple[int, str]], suppress_below: int
    ) -> tuple[Breakdown, ...]:
        """:meth:`breakdown` for every inspection, suppressed in one pass over the arrays."""
        figures = self._figures(slice(None), key_questions, suppress_below)
        return tuple(
            Breakdown(self.by, figures=figures, inspection=i) for i in range(self.cases.shape[0])
        )


def _marginal(pair: BreakdownCounts, name: str) -> BreakdownCounts:
    """The counts of one attribute of a two-attribute breakdown, summed over the other.

    Equal to counting that attribute alone (every case has exactly one value of each
    attribute, "not recorded" included), without another pass over the answers.
    """
    first, second = pair.by
    width_second = len({label[1] for label in pair.labels})
    width_first = len(pair.labels) // width_second
    inspections = pair.counts.shape[0]
    counts = pair.counts.reshape(inspections, width_first, width_second, *pair.counts.shape[2:])
    cases = pair.cases.reshape(inspections, width_first, width_second)
    if name == first:
        labels = tuple((pair.labels[i * width_second][0],) for i in range(width_first))
        return BreakdownCounts((name,), labels, counts.sum(axis=2), cases.sum(axis=2), pair.targets)
    if name != second:
        raise ValueError(f"{name!r} is not one of the attributes {pair.by}")
    labels = tuple((pair.labels[j][1],) for j in range(width_second))
    return BreakdownCounts((name,), labels, counts.sum(axis=1), cases.sum(axis=1), pair.targets)


def breakdown_counts_for(
    view: AnswerView,
    table: AnswerTable,
    by: Sequence[str],
    *,
    question_target: IntArray | None = None,
    targets: Sequence[int] | None = None,
) -> list[BreakdownCounts]:
    """Counts for every set of :func:`breakdown_sets`: each pair counted once over the answers,
    each single attribute taken as a pair's marginal where a pair holds it.

    ``question_target`` is :func:`~pinspect.ratings.answer_counts.question_targets`, when the
    caller has it already; ``targets``, the view's target indices to count by group (every
    target when ``None``; see :func:`breakdown_counts`).
    """
    if question_target is None:
        question_target = question_targets(view, table)
    sets = breakdown_sets(by)
    pairs = {
        names: breakdown_counts(
            view, table, names, question_target=question_target, targets=targets
        )
        for names in sets
        if len(names) == 2
    }
    result: list[BreakdownCounts] = []
    for names in sets:
        if names in pairs:
            result.append(pairs[names])
            continue
        holder = next((pair for pair in pairs if names[0] in pair), None)
        if holder is None:
            result.append(
                breakdown_counts(
                    view, table, names, question_target=question_target, targets=targets
                )
            )
        else:
            result.append(_marginal(pairs[holder], names[0]))
    return result


def breakdown_sets(by: Sequence[str]) -> list[tuple[str, ...]]:
    """Each attribute alone, then every pair of them (intersectionality)."""
    singles = [(name,) for name in by]
    return singles + list(combinations(by, 2))


def breakdown_counts(
    view: AnswerView,
    table: AnswerTable,
    by: tuple[str, ...],
    *,
    question_target: IntArray | None = None,
    targets: Sequence[int] | None = None,
) -> BreakdownCounts:
    """Count answers for every group of the attributes ``by`` (one or two of them).

    With ``targets`` (the view's target indices), only those targets are counted by group and
    the answers to any other go uncounted: a breakdown reads key questions only, and counting
    every prompt of every group of thousands of inspections would make an array ten times the
    size, too big for the processor's caches.
    """
    if question_target is None:
        question_target = question_targets(view, table)
    held: tuple[int, ...] | None = None
    counted_targets = len(view.targets)
    if targets is not None:
        held = tuple(targets)
        position = np.full(len(view.targets) + 1, -1, dtype=np.int64)
        position[list(held)] = np.arange(len(held))
        question_target = position[question_target]  # −1 (none) reads the spare last slot
        counted_targets = len(held)
    codes = np.zeros(len(table.cases), dtype=np.int64)
    labels: list[tuple[str | None, ...]] = [()]
    for name in by:
        attribute = table.attribute(name)
        width = len(attribute.values) + 1  # the last value is "not recorded"
        value_code = np.where(attribute.codes < 0, len(attribute.values), attribute.codes)
        codes = codes * width + value_code
        values: list[str | None] = [*attribute.values, NOT_RECORDED_LABEL]
        labels = [(*label, value) for label in labels for value in values]
    groups = len(labels)
    counts = count_answers_by_group(
        view, table, codes, groups, question_target=question_target, targets=counted_targets
    )
    case_inspection = (
        table.case_inspection
        if table.case_inspection is not None
        else np.zeros(len(table.cases), dtype=np.int64)
    )
    cases = np.bincount(
        case_inspection * groups + codes, minlength=len(table.inspections) * groups
    ).reshape(len(table.inspections), groups)
    return BreakdownCounts(
        by=by, labels=tuple(labels), counts=counts, cases=cases.astype(np.int64), targets=held
    )
