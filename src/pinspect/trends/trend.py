"""A unit's published inspections over time, across framework editions, through the crosswalks.

:func:`unit_trend` takes a unit's inspection results (typed
:class:`~pinspect.ratings.inspection_result.InspectionResult`, each with its date; the final
ratings, departures applied) and reads them all in one framework, by default the latest
inspection's: for each of its standards, the rating each inspection gave it; for each case-based
key question, each inspection's percentage; and the overall rating. An inspection under another
edition contributes the value of the counterpart the crosswalk names, marked:

* ``same`` or ``equal``: compared directly;
* ``approximate``: the counterpart does not ask quite the same (subset, superset, intersect,
  or a chain of crosswalks that is not equal at every step), or there are several;
* ``none``: no counterpart (new in the current framework, or no crosswalk joins the two).

Elements of earlier editions with no counterpart in the current one are kept as *retired*
series, so nothing an earlier report rated disappears from the trend.

The seeds compare no inspections across editions; which relationships count as comparable is
our choice, documented in docs/frameworks-over-time.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pinspect.crosswalks.catalogue import CrosswalkCatalogue
from pinspect.crosswalks.model import Crosswalk, Level
from pinspect.crosswalks.relationship import Relationship
from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import AnswerScale, Framework, RatedBy, Standard
from pinspect.problems import InputError, Problem
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.key_question import KeyQuestionResult
from pinspect.ratings.standard import StandardResult
from pinspect.scale.rating import Rating
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

__all__ = [
    "OverallPoint",
    "PublishedInspection",
    "TrendInspection",
    "UnitTrend",
    "unit_trend",
]


@dataclass(frozen=True)
class PublishedInspection:
    """One published inspection of the unit: its label, date and rated result."""

    label: str
    date: datetime.date
    result: InspectionResult


@dataclass(frozen=True)
class TrendInspection:
    """An inspection as the trend shows it, in date order."""

    label: str
    date: datetime.date
    framework: str
    framework_title: str
    unit_kind: str
    crosswalk: str | None  # how its framework was read in the current one; None: no crosswalk

    def as_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "date": self.date.isoformat(),
            "framework": self.framework,
            "framework_title": self.framework_title,
            "unit_kind": self.unit_kind,
            "crosswalk": self.crosswalk,
        }


@dataclass(frozen=True)
class OverallPoint:
    """One inspection's overall rating (001 §4.22, §4.23, §4.24) and how it compares.

    Overall ratings compare directly only under the same framework, or one whose scored
    standards each ask the same as one of the current framework's, banded alike."""

    inspection: str
    comparison: Comparison
    rating: Rating | None
    score: int | None
    max_score: int | None
    reason: str | None
    change: Change | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "inspection": self.inspection,
            "comparison": self.comparison.value,
            "rating": None if self.rating is None else self.rating.label,
            "score": self.score,
            "max": self.max_score,
            "reason": self.reason,
            "change": None if self.change is None else self.change.as_dict(),
        }


@dataclass(frozen=True)
class UnitTrend:
    """A unit's inspections read in one framework; :meth:`as_dict` is the JSON shape."""

    unit: str | None
    framework: str
    framework_title: str
    inspections: tuple[TrendInspection, ...]
    overall: tuple[OverallPoint, ...]
    standards: tuple[StandardSeries, ...]
    key_questions: tuple[KeyQuestionSeries, ...]
    retired_standards: tuple[StandardSeries, ...]
    retired_key_questions: tuple[KeyQuestionSeries, ...]
    notes: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "framework": self.framework,
            "framework_title": self.framework_title,
            "inspections": [i.as_dict() for i in self.inspections],
            "overall": [p.as_dict() for p in self.overall],
            "standards": [s.as_dict() for s in self.standards],
            "key_questions": [k.as_dict() for k in self.key_questions],
            "retired_standards": [s.as_dict() for s in self.retired_standards],
            "retired_key_questions": [k.as_dict() for k in self.retired_key_questions],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class _Read:
    """One inspection, its framework, and the crosswalk from it to the current framework."""

    inspection: PublishedInspection
    framework: Framework
    crosswalk: Crosswalk | None
    standards: Mapping[str, StandardResult]
    key_questions: Mapping[str, KeyQuestionResult]


def unit_trend(
    inspections: Sequence[PublishedInspection],
    *,
    frameworks: Catalogue,
    crosswalks: CrosswalkCatalogue,
    unit: str | None = None,
    framework: str | None = None,
) -> UnitTrend:
    """The unit's standards, case-based key questions and overall rating across ``inspections``,
    read in ``framework`` (default: the framework of the latest inspection).

    Raises InputError when two inspections share a label or a result names a framework the
    catalogue does not hold; ValueError when there is no inspection.
    """
    if not inspections:
        raise ValueError("a trend needs at least one inspection")
    problems: list[Problem] = []
    seen: set[str] = set()
    for inspection in inspections:
        if inspection.label in seen:
            problems.append(
                Problem(None, None, "label", f"two inspections are labelled {inspection.label!r}")
            )
        seen.add(inspection.label)
        if inspection.result.framework not in frameworks:
            problems.append(
                Problem(
                    None,
                    None,
                    "framework",
                    f"{inspection.label}: unknown framework {inspection.result.framework!r}",
                )
            )
    if problems:
        raise InputError(problems)
    ordered = sorted(inspections, key=lambda i: i.date)
    current = frameworks.get_framework(framework or ordered[-1].result.framework)
    reads = [_read(i, frameworks, crosswalks, current) for i in ordered]
    standards = tuple(
        StandardSeries(
            current.id,
            s.id,
            s.name,
            _with_changes(reads, [_standard_point(r, s.id) for r in reads]),
        )
        for s in current.standards
    )
    key_questions = tuple(
        KeyQuestionSeries(
            current.id,
            s.id,
            k.id,
            k.text,
            _with_changes(reads, [_key_question_point(r, k.id) for r in reads]),
        )
        for s in current.standards
        if _case_based(s)
        for k in s.key_questions
        if k.answer_scale is AnswerScale.YES_NO
    )
    retired_standards, retired_key_questions = _retired(reads, current)
    return UnitTrend(
        unit=unit,
        framework=current.id,
        framework_title=current.title,
        inspections=tuple(
            TrendInspection(
                label=r.inspection.label,
                date=r.inspection.date,
                framework=r.framework.id,
                framework_title=r.framework.title,
                unit_kind=r.framework.unit,
                crosswalk=None
                if r.crosswalk is None
                else (r.crosswalk.derivation or r.crosswalk.id),
            )
            for r in reads
        ),
        overall=_overall(reads, current),
        standards=standards,
        key_questions=key_questions,
        retired_standards=retired_standards,
        retired_key_questions=retired_key_questions,
        notes=_notes(reads, current),
    )


def _case_based(standard: Standard) -> bool:
    return standard.rated_by is RatedBy.CASES


def _read(
    inspection: PublishedInspection,
    frameworks: Catalogue,
    crosswalks: CrosswalkCatalogue,
    current: Framework,
) -> _Read:
    result = inspection.result
    framework = frameworks[result.framework]
    return _Read(
        inspection=inspection,
        framework=framework,
        crosswalk=crosswalks.between(framework.id, current.id),
        standards={s.id: s for s in result.standards},
        key_questions={k.id: k for s in result.standards for k in s.key_questions},
    )


def _counterparts(read: _Read, level: Level, element_id: str) -> tuple[Counterpart, ...]:
    if read.crosswalk is None:
        return ()
    found = []
    for row in read.crosswalk.counterparts(level, element_id):
        assert row.from_id is not None
        name = _name(read.framework, row.from_id)
        found.append(Counterpart(read.framework.id, row.from_id, name, row.relationship, row.note))
    return tuple(found)


def _name(framework: Framework, element_id: str) -> str:
    """A standard's name or a key question's text, as the framework words it."""
    element = framework.element(element_id)
    if isinstance(element, Standard):
        return element.name
    return element.text if element is not None else element_id


def _comparison(read: _Read, counterparts: tuple[Counterpart, ...]) -> Comparison:
    if not counterparts:
        return Comparison.NONE
    if len(counterparts) > 1 or counterparts[0].relationship is not Relationship.EQUAL:
        return Comparison.APPROXIMATE
    assert read.crosswalk is not None
    same = read.crosswalk.from_edition == read.crosswalk.to_edition
    return Comparison.SAME if same else Comparison.EQUAL


def _standard_point(read: _Read, standard_id: str) -> Point:
    counterparts = _counterparts(read, Level.STANDARD, standard_id)
    ratings = tuple(
        None if c.id not in read.standards else read.standards[c.id].rating for c in counterparts
    )
    return Point(
        inspection=read.inspection.label,
        comparison=_comparison(read, counterparts),
        counterparts=counterparts,
        ratings=ratings,
    )


def _key_question_point(read: _Read, kq_id: str) -> Point:
    counterparts = _counterparts(read, Level.KEY_QUESTION, kq_id)
    figures = tuple(_figures(read.key_questions.get(c.id)) for c in counterparts)
    return Point(
        inspection=read.inspection.label,
        comparison=_comparison(read, counterparts),
        counterparts=counterparts,
        figures=figures,
    )


def _figures(result: KeyQuestionResult | None) -> Figures:
    if result is None:
        return Figures(0, 0, 0)
    return Figures(result.yes, result.no, result.not_applicable)


def _with_changes(reads: Sequence[_Read], points: list[Point]) -> tuple[Point, ...]:
    """Each point with its change from the last earlier point that has a single value.

    The change is exact when both values compare directly with the current element, or when
    both are of the same element of the same framework; otherwise approximate."""
    out: list[Point] = []
    last: tuple[Point, _Read] | None = None
    for read, point in zip(reads, points, strict=True):
        change = None
        value = point.value
        if value is not None and last is not None:
            before, before_read = last
            assert before.value is not None
            same_element = (
                before_read.framework.id == read.framework.id
                and before.counterparts[0].id == point.counterparts[0].id
            )
            exact = same_element or (before.comparison.comparable and point.comparison.comparable)
            steps = round(value - before.value, 1)
            change = Change(
                since=before.inspection,
                direction=Direction.UP
                if steps > 0
                else Direction.DOWN
                if steps < 0
                else Direction.SAME,
                steps=steps,
                approximate=not exact,
            )
        changed = replace(point, change=change)
        out.append(changed)
        if value is not None:
            last = (changed, read)
    return tuple(out)


def _overall_comparison(read: _Read, current: Framework) -> Comparison:
    """001 §4.22, §4.23: the overall score sums the scored standards and bands the sum; two
    overall ratings compare directly when the scored standards ask the same, one to one, and
    the bands are the same."""
    if read.framework.id == current.id:
        return Comparison.SAME
    crosswalk = read.crosswalk
    if crosswalk is None or not read.framework.banding.bands:
        return Comparison.NONE
    scored_here = {s.id for s in read.framework.scored_standards}
    matched: set[str] = set()
    for standard in current.scored_standards:
        rows = crosswalk.counterparts(Level.STANDARD, standard.id)
        if len(rows) != 1 or rows[0].relationship is not Relationship.EQUAL:
            return Comparison.APPROXIMATE
        matched.add(rows[0].from_id or "")
    if matched != scored_here or read.framework.banding.bands != current.banding.bands:
        return Comparison.APPROXIMATE
    return Comparison.EQUAL


def _overall(reads: Sequence[_Read], current: Framework) -> tuple[OverallPoint, ...]:
    points: list[OverallPoint] = []
    last: OverallPoint | None = None
    for read in reads:
        result = read.inspection.result
        overall = result.overall
        comparison = _overall_comparison(read, current)
        if comparison is Comparison.NONE and overall is not None:
            comparison = Comparison.APPROXIMATE
        change = None
        if overall is not None and last is not None and last.rating is not None:
            steps = overall.rating.score - last.rating.score
            change = Change(
                since=last.inspection,
                direction=Direction.UP
                if steps > 0
                else Direction.DOWN
                if steps < 0
                else Direction.SAME,
                steps=float(steps),
                approximate=not (last.comparison.comparable and comparison.comparable),
            )
        point = OverallPoint(
            inspection=read.inspection.label,
            comparison=comparison if overall is not None else Comparison.NONE,
            rating=None if overall is None else overall.rating,
            score=None if overall is None else overall.score,
            max_score=None if overall is None else overall.max_score,
            reason=result.overall_reason,
            change=change,
        )
        points.append(point)
        if point.rating is not None:
            last = point
    return tuple(points)


def _retired(
    reads: Sequence[_Read], current: Framework
) -> tuple[tuple[StandardSeries, ...], tuple[KeyQuestionSeries, ...]]:
    """Elements of earlier frameworks with no counterpart in the current one, each with its
    values in the inspections that used its framework."""
    standards: dict[tuple[str, str], StandardSeries] = {}
    key_questions: dict[tuple[str, str], KeyQuestionSeries] = {}
    for read in reads:
        framework = read.framework
        if framework.id == current.id or read.crosswalk is None:
            continue
        for level in Level:
            for row in read.crosswalk.at(level):
                if row.relationship is not Relationship.REMOVED or row.from_id is None:
                    continue
                key = (framework.id, row.from_id)
                if key in standards or key in key_questions:
                    continue
                if level is Level.STANDARD:
                    standard = framework.standard(row.from_id)
                    standards[key] = StandardSeries(
                        framework.id,
                        standard.id,
                        standard.name,
                        _own_points(reads, framework, level, standard.id, row.note),
                    )
                    continue
                owner = framework.standard_of(row.from_id)
                kq = framework.key_question(row.from_id)
                if not _case_based(owner) or kq.answer_scale is not AnswerScale.YES_NO:
                    continue
                key_questions[key] = KeyQuestionSeries(
                    framework.id,
                    owner.id,
                    kq.id,
                    kq.text,
                    _own_points(reads, framework, level, kq.id, row.note),
                )
    return tuple(standards.values()), tuple(key_questions.values())


def _own_points(
    reads: Sequence[_Read], framework: Framework, level: Level, element_id: str, note: str | None
) -> tuple[Point, ...]:
    """A retired element's values: its own, in the inspections under its framework."""
    name = _name(framework, element_id)
    points: list[Point] = []
    for read in reads:
        if read.framework.id != framework.id:
            points.append(Point(read.inspection.label, Comparison.NONE))
            continue
        counterpart = Counterpart(framework.id, element_id, name, Relationship.EQUAL, note)
        if level is Level.STANDARD:
            found = read.standards.get(element_id)
            points.append(
                Point(
                    read.inspection.label,
                    Comparison.SAME,
                    (counterpart,),
                    ratings=(None if found is None else found.rating,),
                )
            )
        else:
            points.append(
                Point(
                    read.inspection.label,
                    Comparison.SAME,
                    (counterpart,),
                    figures=(_figures(read.key_questions.get(element_id)),),
                )
            )
    return _with_changes(reads, points)


def _notes(reads: Sequence[_Read], current: Framework) -> tuple[str, ...]:
    notes: list[str] = []
    kinds = sorted({r.framework.unit for r in reads if r.framework.unit != current.unit})
    if kinds:
        notes.append(
            f"Some inspections were of another kind of unit ({', '.join(kinds)}) than "
            f"{current.id} inspects ({current.unit}): their results are that organisation's, "
            "not only this unit's."
        )
    for read in reads:
        if read.crosswalk is None:
            notes.append(
                f"No crosswalk joins {read.framework.id} ({read.inspection.label}) and "
                f"{current.id}: its results are listed but not compared."
            )
    if any(r.framework.id != current.id for r in reads):
        notes.append(
            "Results under another framework are compared through the crosswalk: directly "
            "where the element asks the same (equal), approximately where it does not."
        )
    return tuple(notes)
