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
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, compress, count, repeat
from operator import gt, is_, not_, or_

from pinspect.problems import InputError
from pinspect.sampling.bulk import bulk_allocation
from pinspect.sampling.case import Case, CasesByCrn, Sex, case_fields
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


@dataclass(frozen=True)
class Eligibility:
    """The eligible cases (sorted by CRN) and every exclusion (in line order)."""

    eligible: tuple[Case, ...]
    exclusions: tuple[Exclusion, ...]

    @property
    def population(self) -> int:
        return len(self.eligible) + len(self.exclusions)

    def counts(self) -> dict[str, int]:
        """Exclusions per reason, every reason listed (zero included), in rule order."""
        counter = Counter(e.reason for e in self.exclusions)
        return {reason.value: counter[reason] for reason in ExclusionReason}


def _missing(case: Case, classifier: StratumClassifier) -> str | None:
    if not case.crn:
        return "crn"
    if case.start_date is None:
        return "start_date"
    if not case.area:
        return "area"
    if not case.team:
        return "team"
    if not case.practitioner:
        return "practitioner"
    return classifier.missing_field(case)


def _usable(key: object) -> bool:
    """A blank CRN or PNC, or a name key with a blank part, matches nobody."""
    if isinstance(key, tuple):
        return all(key)
    return bool(key)


def _repeats(
    keys: Sequence[Hashable], indexes: Sequence[int], blank: Hashable = None
) -> list[tuple[int, int]]:
    """Each record whose (usable) key an earlier record holds, with that earlier record.

    One pass in C: ``setdefault`` gives every record the first record of its key, so a
    record is a repeat exactly when that first record comes before it. ``blank`` (a key
    that matches nobody) is given a first record after every other, so it never repeats.
    """
    first: dict[Hashable, int] = {} if blank is None else {blank: len(keys)}
    firsts = list(map(first.setdefault, keys, indexes))
    if len(first) == len(keys) + (blank is not None):
        return []
    return [
        (i, j)
        for i, j in compress(zip(indexes, firsts, strict=True), map(gt, indexes, firsts))
        if _usable(keys[j])
    ]


def _upper(values: list[str]) -> list[str]:
    """The values in upper case; the same list when they all are already (CRNs and PNCs
    usually are). ``str.upper`` maps each character on its own, so the values are all
    unchanged exactly when their concatenation is."""
    joined = "".join(values)
    if joined.upper() == joined:
        return values
    return list(map(str.upper, values))


class _Casefolded(dict[str, str]):
    """Each distinct name casefolded once (a long list repeats its few names many times)."""

    def __missing__(self, name: str) -> str:
        folded = self[name] = name.casefold()
        return folded


def _people(cases: Sequence[Case]) -> dict[int, int]:
    """Records of people with more than one record: record → its person's first record.

    Union-find over shared CRN, PNC, or first name, family name and date of birth (names
    compared case-insensitively); records not in the result are a person of their own.
    """
    indexes = list(range(len(cases)))  # made once: three passes share the same numbers
    crn = _upper(list(map(case_fields("crn"), cases)))
    pnc = _upper(list(map(case_fields("pnc"), cases)))
    folded = _Casefolded()
    names = list(
        zip(
            map(folded.__getitem__, map(case_fields("first_name"), cases)),
            map(folded.__getitem__, map(case_fields("family_name"), cases)),
            map(case_fields("date_of_birth"), cases),
            strict=True,
        )
    )
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        root = i
        while parent.get(root, root) != root:
            root = parent[root]
        while i != root:
            parent[i], i = root, parent[i]
        return root

    for i, j in chain(
        _repeats(crn, indexes, ""), _repeats(pnc, indexes, ""), _repeats(names, indexes)
    ):
        parent.setdefault(i, i)
        parent.setdefault(j, j)
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {i: find(i) for i in list(parent)}


def assess_eligibility(
    cases: Sequence[Case],
    classifier: StratumClassifier,
    *,
    today: date,
    window: InspectionWindow | None = None,
) -> Eligibility:
    """Apply the eligibility rules (module docstring) to every case."""
    with bulk_allocation():
        return _assess(cases, classifier, today, window)


def _assess(
    cases: Sequence[Case],
    classifier: StratumClassifier,
    today: date,
    window: InspectionWindow | None,
) -> Eligibility:
    # Each rule first finds its few candidates with one pass in C over a field of every case
    # (or over the field's distinct values), then applies the rule itself to those only.
    reasons: dict[int, tuple[ExclusionReason, str | None]] = {}
    missing = ExclusionReason.MISSING_VALUE
    required = map(case_fields("crn", "start_date", "area", "team", "practitioner"), cases)
    for i in compress(count(), map(not_, map(all, required))):
        case = cases[i]
        if (
            not case.crn
            or case.start_date is None
            or not case.area
            or not case.team
            or not case.practitioner
        ):
            reasons[i] = (missing, _missing(case, classifier))
    if classifier.stratification.is_default:
        blank = set(_where_none(cases, "sentence_type")) | set(_where_none(cases, "rosh"))
        for i in sorted(blank):
            case = cases[i]
            if case.sex is Sex.MALE and i not in reasons:
                reasons[i] = (missing, classifier.missing_field(case))

    person = _people(cases)
    sensitive = list(compress(count(), map(case_fields("sensitive"), cases)))
    sensitive_people = {person.get(i, i) for i in sensitive}
    sensitive += [i for i, who in person.items() if who in sensitive_people]
    for i in sorted(set(sensitive)):
        reasons.setdefault(i, (ExclusionReason.SENSITIVE, None))

    starts = list(map(case_fields("start_date"), cases))
    future = {start for start in set(starts) if start is not None and start > today}
    for i in compress(count(), map(future.__contains__, starts)):
        reasons.setdefault(i, (ExclusionReason.NOT_STARTED, None))
    if window is not None:
        ends = list(map(case_fields("end_date"), cases))
        late = {start for start in set(starts) if start is not None and window.starts_after(start)}
        early = {end for end in set(ends) if window.ended_before(end)}
        outside = map(or_, map(late.__contains__, starts), map(early.__contains__, ends))
        for i in compress(count(), outside):
            start = starts[i]
            if start is not None and not window.overlaps(start, ends[i]):
                reasons.setdefault(i, (ExclusionReason.OUTSIDE_WINDOW, None))

    kept: dict[int, int] = {}
    for i in sorted(person):
        if i in reasons:
            continue
        who = person[i]
        best = kept.get(who)
        if best is None:
            kept[who] = i
        elif _earlier(cases[i], cases[best]):
            kept[who] = i
            reasons[best] = (ExclusionReason.DUPLICATE, None)
        else:
            reasons[i] = (ExclusionReason.DUPLICATE, None)

    keep = bytearray(b"\x01") * len(cases)
    for i in reasons:
        keep[i] = 0
    eligible = list(compress(cases, keep))
    eligible.sort(key=case_fields("crn"))
    exclusions = [
        Exclusion(cases[i], reason, field)
        for i, (reason, field) in sorted(reasons.items(), key=lambda item: cases[item[0]].line)
    ]
    return Eligibility(CasesByCrn(eligible), tuple(exclusions))


def _where_none(cases: Sequence[Case], field: str) -> Iterator[int]:
    """The indexes of the cases whose ``field`` is None."""
    return compress(count(), map(is_, map(case_fields(field), cases), repeat(None)))


def _earlier(case: Case, other: Case) -> bool:
    def order(c: Case) -> tuple[date, str, tuple[str, ...], int]:
        return (c.start_date or date.max, c.crn, c.values, c.line)

    return order(case) < order(other)
