"""Eligibility: which cases on a long list may be sampled, and why the others may not.

Every exclusion is counted and listed by line and reason (never by case content). The
rules, applied in this order so each case has exactly one reason:

1. **missing value** — a blank CRN, start date, area, team or practitioner, or (default
   strata, men only) a blank sentence type or RoSH: reported, never silently dropped;
2. **sensitive** — a record marked redacted or sensitive (a ``redacted``/``sensitive``
   column of Y/yes/true/1, or an asterisk in the CRN or a name, the form exports use), *and
   every other record of the same person*, so a sensitive person is never sampled through a
   second record;
3. **not started** — a start date after the reference date ``today``;
4. **outside window** — the supervision period [start date, end date] does not overlap the
   inspection window [from, to] (both ends inclusive; a blank end date is open-ended);
5. **duplicate** — a further record of a person already on the list. Records are the same
   person when they share a PNC, a CRN, or first name, family name and date of birth (names
   compared case-insensitively), taken transitively. Of a person's records that pass rules
   1–4, the one with the earliest start date is kept (ties: lowest CRN, then the
   record's values, so the choice does not depend on the order of the rows).
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import chain
from typing import overload

import numpy as np
import numpy.typing as npt

from pinspect.problems import InputError
from pinspect.sampling.bulk import bulk_allocation
from pinspect.sampling.case import Case, Sex
from pinspect.sampling.case_table import (
    CaseTable,
    CaseView,
    Flags,
    Rows,
    combined,
    dense,
    first_rows,
    first_rows_of_any,
    ordinals,
    packed_key,
    sorted_rows,
    stable_order,
)
from pinspect.sampling.strata import StratumClassifier

__all__ = [
    "Eligibility",
    "Exclusion",
    "ExclusionReason",
    "InspectionWindow",
    "assess_eligibility",
]


class ExclusionReason(enum.Enum):
    """Why a case is not eligible; the value is the key used in JSON output."""

    MISSING_VALUE = "missing_value"
    SENSITIVE = "sensitive"
    NOT_STARTED = "not_started"
    OUTSIDE_WINDOW = "outside_window"
    DUPLICATE = "duplicate"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ExclusionReason.MISSING_VALUE: "missing required value",
    ExclusionReason.SENSITIVE: "redacted or sensitive",
    ExclusionReason.NOT_STARTED: "not yet started",
    ExclusionReason.OUTSIDE_WINDOW: "outside the inspection window",
    ExclusionReason.DUPLICATE: "duplicate of one person",
}


@dataclass(frozen=True)
class InspectionWindow:
    """The period under inspection; either end may be open (``None``)."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError("the inspection window ends before it starts")

    def overlaps(self, start: date, end: date | None) -> bool:
        """Does a supervision period [start, end] share at least one day with the window?"""
        return not self.starts_after(start) and not self.ended_before(end)

    def starts_after(self, start: date) -> bool:
        """Does a supervision period starting on ``start`` begin after the window ends?"""
        return self.end is not None and start > self.end

    def ended_before(self, end: date | None) -> bool:
        """Does a supervision period ending on ``end`` (None: open) end before the window?"""
        return self.start is not None and end is not None and end < self.start

    @classmethod
    def parse(cls, text: str) -> InspectionWindow:
        """``FROM:TO`` with ISO dates; either side may be empty. ``InputError`` if malformed."""
        parts = text.split(":")
        if len(parts) != 2:
            raise InputError.single("use FROM:TO, e.g. 2024-01-01:2024-06-30", field="--window")
        try:
            ends = [date.fromisoformat(p.strip()) if p.strip() else None for p in parts]
            return cls(ends[0], ends[1])
        except ValueError as error:
            raise InputError.single(f"not a valid window: {error}", field="--window") from None


@dataclass(frozen=True)
class Exclusion:
    """One excluded case: its line, the reason and, for a missing value, the field."""

    case: Case
    reason: ExclusionReason
    field: str | None = None


_MISSING_FIELDS = ("crn", "start_date", "area", "team", "practitioner")
_REASONS = tuple(ExclusionReason)  # reason k + 1 is coded k + 1; 0 is eligible
_FIELDS = (*_MISSING_FIELDS, "sentence_type", "rosh")  # the fields a missing value names
_BATCH = 4096  # exclusions made at a time when they are iterated


class Exclusions(Sequence[Exclusion]):
    """Every exclusion, in line order: each :class:`Exclusion` (and its case) is made when it
    is read, so that a long list with tens of thousands of exclusions, listed by line and
    reason (:meth:`lines`, :meth:`reasons`), makes no case for any of them."""

    __slots__ = ("_fields", "_reasons", "_rows", "_table")

    def __init__(self, table: CaseTable, rows: Rows, reasons: list[int], fields: list[int]):
        self._table = table
        self._rows = rows
        self._reasons = reasons  # reason k + 1 is coded k + 1
        self._fields = fields  # the missing field's position in _FIELDS, or −1

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> Exclusion: ...
    @overload
    def __getitem__(self, index: slice) -> list[Exclusion]: ...
    def __getitem__(self, index: int | slice) -> Exclusion | list[Exclusion]:
        if isinstance(index, slice):
            return self._made(range(len(self))[index])
        return self._made([range(len(self))[index]])[0]

    def __iter__(self) -> Iterator[Exclusion]:
        for start in range(0, len(self), _BATCH):
            yield from self._made(range(start, min(start + _BATCH, len(self))))

    def _made(self, positions: Sequence[int]) -> list[Exclusion]:
        cases = self._table.cases(self._rows[list(positions)])
        return [
            Exclusion(
                case,
                _REASONS[self._reasons[i] - 1],
                _FIELDS[self._fields[i]] if self._fields[i] >= 0 else None,
            )
            for case, i in zip(cases, positions, strict=True)
        ]

    def lines(self) -> list[int]:
        """Each exclusion's line."""
        found: list[int] = self._table.lines[self._rows].tolist()
        return found

    def reasons(self) -> list[ExclusionReason]:
        """Each exclusion's reason."""
        return [_REASONS[code - 1] for code in self._reasons]


@dataclass(frozen=True)
class Eligibility:
    """The eligible cases (sorted by CRN) and every exclusion (in line order)."""

    eligible: Sequence[Case]
    exclusions: Exclusions

    @property
    def population(self) -> int:
        return len(self.eligible) + len(self.exclusions)

    def counts(self) -> dict[str, int]:
        """Exclusions per reason, every reason listed (zero included), in rule order."""
        return dict(self._counts)

    @cached_property
    def _counts(self) -> dict[str, int]:
        counter = Counter(self.exclusions.reasons())
        return {reason.value: counter[reason] for reason in ExclusionReason}


_ELIGIBLE = 0


def _components(pairs: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Union-find over pairs of records: each record in a pair → the first record (lowest
    number) of its group."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        root = i
        while parent.get(root, root) != root:
            root = parent[root]
        while i != root:
            parent[i], i = root, parent[i]
        return root

    for i, j in pairs:
        parent.setdefault(i, i)
        parent.setdefault(j, j)
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {i: find(i) for i in list(parent)}


def _repeats(key: Rows, usable: Flags, *, dense_key: bool = True) -> Iterator[tuple[int, int]]:
    """Each record whose (usable) key an earlier record holds, with that earlier record.
    ``dense_key``: the keys are numbered from 0, at most one a record (else any integers)."""
    firsts = first_rows(dense(key)) if dense_key else first_rows_of_any(key)
    repeat = np.flatnonzero((firsts != np.arange(len(key))) & usable)
    return zip(repeat.tolist(), firsts[repeat].tolist(), strict=True)


def _upper(values: list[str]) -> list[str]:
    """The values in upper case; the same list when they all are already (CRNs and PNCs
    usually are). ``str.upper`` maps each character on its own, so the values are all
    unchanged exactly when their concatenation is."""
    joined = "".join(values)
    if joined.upper() == joined:
        return values
    return list(map(str.upper, values))


def _people(cases: CaseView) -> dict[int, int]:
    """Records of people with more than one record: record → its person's first record.

    Union-find over shared CRN, PNC, or first name, family name and date of birth (names
    compared case-insensitively); records not in the result are a person of their own.
    Blank keys (a blank CRN or PNC, a name key with a blank part) match nobody.
    """
    table, rows = cases.table, cases.rows
    crn, pnc = table.crn.upper(_upper), table.pnc.upper(_upper)
    first = table.first_name.mapped(str.casefold)
    family = table.family_name.mapped(str.casefold)
    born = table.date_of_birth.mapped(_ordinal_or_none)
    parts = (first.codes[rows], family.codes[rows], born.codes[rows])
    packed = packed_key(*parts)
    names = combined(*parts) if packed is None else packed
    named = ~first.equal("")[rows] & ~family.equal("")[rows] & ~born.equal(None)[rows]
    return _components(
        chain(
            _repeats(crn.ranks()[rows], ~crn.equal("")[rows]),
            _repeats(pnc.codes[rows], ~pnc.equal("")[rows]),
            _repeats(names, named, dense_key=packed is None),
        )
    )


def _ordinal_or_none(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def assess_eligibility(
    cases: Sequence[Case],
    classifier: StratumClassifier,
    *,
    today: date,
    window: InspectionWindow | None = None,
) -> Eligibility:
    """Apply the eligibility rules (module docstring) to every case."""
    with bulk_allocation():
        return _assess(CaseView.of(cases), classifier, today, window)


def _assess(
    cases: CaseView,
    classifier: StratumClassifier,
    today: date,
    window: InspectionWindow | None,
) -> Eligibility:
    # Each rule is worked out for every record at once, over the table's columns; a record
    # keeps the first reason found (the rules in order).
    table, rows = cases.table, cases.rows
    count = len(cases)
    reason = np.zeros(count, np.int8)
    field = np.full(count, -1, np.int8)
    no_start = table.start_date.equal(None)[rows]
    blanks = [
        table.crn.equal("")[rows],
        no_start,
        table.area.equal("")[rows],
        table.team.equal("")[rows],
        table.practitioner.equal("")[rows],
    ]
    if classifier.stratification.is_default:
        male = table.sex.equal(Sex.MALE)[rows]
        blanks.append(male & table.sentence_type.equal(None)[rows])
        blanks.append(male & table.rosh.equal(None)[rows])
    for k, blank in enumerate(blanks):
        found = blank & (field < 0)
        field[found] = k
    reason[field >= 0] = 1 + _REASONS.index(ExclusionReason.MISSING_VALUE)

    person = _people(cases)
    sensitive = table.sensitive[cases.rows]
    if person:
        marked = {person.get(i, i) for i in np.flatnonzero(sensitive).tolist()}
        sensitive = sensitive.copy()
        sensitive[[i for i, who in person.items() if who in marked]] = True
    _exclude(reason, sensitive, ExclusionReason.SENSITIVE)

    start = ordinals(table.start_date, _NO_DAY)[rows]
    _exclude(reason, ~no_start & (start > today.toordinal()), ExclusionReason.NOT_STARTED)
    if window is not None:
        outside = np.zeros(count, np.bool_)
        if window.end is not None:
            outside |= start > window.end.toordinal()
        if window.start is not None:
            ends = ordinals(table.end_date, _NO_DAY)[rows]
            outside |= (ends != _NO_DAY) & (ends < window.start.toordinal())
        _exclude(reason, ~no_start & outside, ExclusionReason.OUTSIDE_WINDOW)

    _exclude_duplicates(cases, person, reason)

    eligible = np.flatnonzero(reason == _ELIGIBLE)
    order = stable_order(table.crn.ranks()[rows[eligible]])
    excluded = np.flatnonzero(reason != _ELIGIBLE)
    excluded = excluded[sorted_rows(table.lines[rows[excluded]])]
    exclusions = Exclusions(
        table, rows[excluded], reason[excluded].tolist(), field[excluded].tolist()
    )
    return Eligibility(CaseView(table, rows[eligible[order]], by_crn=True), exclusions)


_NO_DAY = -1  # no date (day numbers start at 1)


def _exclude_duplicates(
    cases: CaseView, person: dict[int, int], reason: npt.NDArray[np.int8]
) -> None:
    """Of each person's records that have no reason yet, keep the earliest (rule 5)."""
    if not person:
        return
    records = sorted(person)
    made = dict(zip(records, cases.table.cases(cases.rows[records]), strict=True))
    kept: dict[int, int] = {}
    duplicate = 1 + _REASONS.index(ExclusionReason.DUPLICATE)
    for i in records:
        if reason[i]:
            continue
        who = person[i]
        best = kept.get(who)
        if best is None:
            kept[who] = i
        elif _earlier(made[i], made[best]):
            kept[who] = i
            reason[best] = duplicate
        else:
            reason[i] = duplicate


def _exclude(reason: npt.NDArray[np.int8], where: Flags, why: ExclusionReason) -> None:
    """Give ``why`` to the records ``where`` set that have no reason yet."""
    reason[where & (reason == _ELIGIBLE)] = 1 + _REASONS.index(why)


def _earlier(case: Case, other: Case) -> bool:
    def order(c: Case) -> tuple[date, str, tuple[str, ...], int]:
        return (c.start_date or date.max, c.crn, c.values, c.line)

    return order(case) < order(other)
