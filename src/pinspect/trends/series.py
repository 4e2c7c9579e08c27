"""One standard's or key question's results across a unit's inspections: the trend's values.

Each :class:`Point` is one inspection's value for one element of the framework the trend is
read in (the *current* framework), found through the crosswalk from the framework that
inspection used. Its :class:`Comparison` says whether the value may be compared directly
(``same``, ``equal``), only as an approximation (``approximate``: the counterpart does not ask
quite the same), or not at all (``none``: no counterpart). A :class:`Change` from the previous
inspection with a value carries the same mark.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pinspect.crosswalks.relationship import Relationship
from pinspect.scale.counts import display_percent
from pinspect.scale.rating import Rating

__all__ = [
    "Change",
    "Comparison",
    "Counterpart",
    "Direction",
    "Figures",
    "KeyQuestionSeries",
    "Point",
    "StandardSeries",
]


class Comparison(Enum):
    """How an inspection's value stands to the current framework's element."""

    SAME = "same"  # the current framework's own element
    EQUAL = "equal"  # through the crosswalk, an element that asks the same
    APPROXIMATE = "approximate"  # through the crosswalk, elements that do not ask quite the same
    NONE = "none"  # no counterpart in that inspection's framework

    @property
    def comparable(self) -> bool:
        """Only a value of the same element, or of one that asks the same, is compared as is."""
        return self in (Comparison.SAME, Comparison.EQUAL)


class Direction(Enum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


@dataclass(frozen=True)
class Counterpart:
    """The element of an inspection's framework a value comes from."""

    framework: str
    id: str
    name: str
    relationship: Relationship  # how it stands to the current framework's element
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "id": self.id,
            "name": self.name,
            "relationship": self.relationship.value,
            "note": self.note,
        }


@dataclass(frozen=True)
class Figures:
    """A key question's answers over an inspection's cases (001 §4.7, §4.8)."""

    yes: int
    no: int
    not_applicable: int

    @property
    def percent(self) -> float | None:
        """Yes as a share of the applicable answers, as the inspection's report shows it."""
        return display_percent(self.yes, self.yes + self.no)

    def as_dict(self) -> dict[str, Any]:
        return {
            "yes": self.yes,
            "no": self.no,
            "not_applicable": self.not_applicable,
            "percent": self.percent,
        }


@dataclass(frozen=True)
class Change:
    """From the last earlier inspection with a value to this one.

    ``steps`` is the change in rating score (001 §4.22: 0–3) or in percentage points;
    ``approximate`` when either value is approximate and they are not of the same element."""

    since: str
    direction: Direction
    steps: float
    approximate: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "direction": self.direction.value,
            "by": self.steps,
            "approximate": self.approximate,
        }


@dataclass(frozen=True)
class Point:
    """One inspection's value: a rating (standards, overall) or figures (key questions).

    ``ratings`` and ``figures`` hold one entry per counterpart; the single value
    (:attr:`rating`, :attr:`percent`) exists only when there is exactly one counterpart."""

    inspection: str
    comparison: Comparison
    counterparts: tuple[Counterpart, ...] = ()
    ratings: tuple[Rating | None, ...] = ()
    figures: tuple[Figures, ...] = ()
    change: Change | None = None

    @property
    def rating(self) -> Rating | None:
        return self.ratings[0] if len(self.ratings) == 1 else None

    @property
    def percent(self) -> float | None:
        return self.figures[0].percent if len(self.figures) == 1 else None

    @property
    def value(self) -> float | None:
        """The value a chart plots: the rating's score or the percentage; None when there is
        none or more than one."""
        if self.figures:
            return self.percent
        rating = self.rating
        return None if rating is None else float(rating.score)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "inspection": self.inspection,
            "comparison": self.comparison.value,
            "counterparts": [c.as_dict() for c in self.counterparts],
        }
        if self.figures:
            data["figures"] = [f.as_dict() for f in self.figures]
            data["percent"] = self.percent
        else:
            data["ratings"] = [None if r is None else r.label for r in self.ratings]
            data["rating"] = None if self.rating is None else self.rating.label
        data["change"] = None if self.change is None else self.change.as_dict()
        return data


@dataclass(frozen=True)
class StandardSeries:
    """A standard's final ratings (departures applied, 001 §4.24), one point per inspection."""

    framework: str
    id: str
    name: str
    points: tuple[Point, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "id": self.id,
            "name": self.name,
            "points": [p.as_dict() for p in self.points],
        }


@dataclass(frozen=True)
class KeyQuestionSeries:
    """A case-based key question's percentage (001 §4.8), one point per inspection."""

    framework: str
    standard: str
    id: str
    text: str
    points: tuple[Point, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "framework": self.framework,
            "standard": self.standard,
            "id": self.id,
            "text": self.text,
            "points": [p.as_dict() for p in self.points],
        }
