"""Crosswalks as value objects: which standard and key question of one edition is which of another.

A :class:`Crosswalk` holds :class:`Correspondence` rows at two levels, standards and key
questions. Every element of both sides (within the crosswalk's scope) is in at least one row:
paired with a relationship, or marked new or removed. A crosswalk read the other way round is
its :meth:`~Crosswalk.inverse`; two crosswalks that meet at one edition compose
(:meth:`~Crosswalk.then`) into one that goes from the first to the last.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from pinspect.crosswalks.relationship import Relationship

__all__ = ["Correspondence", "Crosswalk", "Edition", "Level"]


class Level(Enum):
    STANDARD = "standard"
    KEY_QUESTION = "key question"

    @property
    def plural(self) -> str:
        return "standards" if self is Level.STANDARD else "key questions"


@dataclass(frozen=True)
class Edition:
    """A framework by id and the version a crosswalk was written for."""

    framework: str
    version: str

    def __str__(self) -> str:
        return f"{self.framework} ({self.version})"


@dataclass(frozen=True)
class Correspondence:
    """One row: ``from_id`` stands to ``to_id`` as ``relationship`` says (None: no counterpart)."""

    level: Level
    from_id: str | None
    to_id: str | None
    relationship: Relationship
    note: str | None = None

    def __post_init__(self) -> None:
        if self.relationship is Relationship.NEW:
            ok = self.from_id is None and self.to_id is not None
        elif self.relationship is Relationship.REMOVED:
            ok = self.from_id is not None and self.to_id is None
        else:
            ok = self.from_id is not None and self.to_id is not None
        if not ok:
            raise ValueError(
                f"a {self.relationship.value!r} row with from={self.from_id!r}, to={self.to_id!r}"
            )

    def inverse(self) -> Correspondence:
        return Correspondence(
            self.level, self.to_id, self.from_id, self.relationship.inverse(), self.note
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_id,
            "to": self.to_id,
            "relationship": self.relationship.value,
            "note": self.note,
        }


@dataclass(frozen=True)
class Crosswalk:
    """The correspondences from one framework edition to another.

    ``scope_from`` and ``scope_to`` list the standards covered when the crosswalk covers only
    part of the frameworks (empty: all of them). ``derivation`` says how a crosswalk not read
    from a file was made ("the inverse of …", "… then …").
    """

    id: str
    title: str
    from_edition: Edition
    to_edition: Edition
    rows: tuple[Correspondence, ...]
    scope_from: tuple[str, ...] = ()
    scope_to: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False)
    derivation: str | None = None

    @property
    def scoped(self) -> bool:
        return bool(self.scope_from or self.scope_to)

    def at(self, level: Level) -> Iterator[Correspondence]:
        return (row for row in self.rows if row.level is level)

    def counterparts(self, level: Level, to_id: str) -> tuple[Correspondence, ...]:
        """The rows pairing ``to_id`` with an element of the ``from`` edition."""
        return tuple(r for r in self.at(level) if r.to_id == to_id and r.relationship.pairs)

    def onward(self, level: Level, from_id: str) -> tuple[Correspondence, ...]:
        """The rows of ``from_id``: its counterparts in ``to``, or its ``removed`` row."""
        return tuple(r for r in self.at(level) if r.from_id == from_id)

    def inverse(self) -> Crosswalk:
        """The same crosswalk read from ``to`` to ``from``."""
        return Crosswalk(
            id=self.id,
            title=self.title,
            from_edition=self.to_edition,
            to_edition=self.from_edition,
            rows=tuple(r.inverse() for r in self.rows),
            scope_from=self.scope_to,
            scope_to=self.scope_from,
            notes=self.notes,
            path=self.path,
            derivation=f"the inverse of {self.id}",
        )

    def then(self, onward: Crosswalk) -> Crosswalk:
        """This crosswalk followed by ``onward``, which starts where this one ends.

        A pair exists where a chain of pairs links two elements; its relationship is the
        composition along the chain (:meth:`Relationship.then`), ``intersect`` where two chains
        disagree. An element of the first edition that reaches nothing is removed; one of the
        last that nothing reaches is new. Scoped crosswalks do not compose.
        """
        if self.to_edition.framework != onward.from_edition.framework:
            raise ValueError(f"{self.id} ends at {self.to_edition}, {onward.id} starts elsewhere")
        if self.scoped or onward.scoped:
            raise ValueError("crosswalks that cover part of their frameworks do not compose")
        via = self.to_edition.framework
        rows: list[Correspondence] = []
        for level in Level:
            rows.extend(_composed(level, self.at(level), onward.at(level), via))
        return Crosswalk(
            id=f"{self.id}+{onward.id}",
            title=f"{self.from_edition.framework} to {onward.to_edition.framework} through {via}",
            from_edition=self.from_edition,
            to_edition=onward.to_edition,
            rows=tuple(rows),
            notes=(),
            derivation=" then ".join(
                d for d in (self.derivation or self.id, onward.derivation or onward.id) if d
            ),
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "from": {
                "framework": self.from_edition.framework,
                "version": self.from_edition.version,
            },
            "to": {"framework": self.to_edition.framework, "version": self.to_edition.version},
            "derivation": self.derivation,
            "scope": {"from": list(self.scope_from), "to": list(self.scope_to)}
            if self.scoped
            else None,
            "notes": list(self.notes),
            "standards": [r.as_dict() for r in self.at(Level.STANDARD)],
            "key_questions": [r.as_dict() for r in self.at(Level.KEY_QUESTION)],
        }


def _edition(edition: Edition) -> dict[str, str]:
    return {"framework": edition.framework, "version": edition.version}


def _composed(
    level: Level,
    first: Iterable[Correspondence],
    second: Iterable[Correspondence],
    via: str,
) -> list[Correspondence]:
    first_rows = list(first)
    second_rows = list(second)
    onward: dict[str, list[Correspondence]] = {}
    onward_ends: dict[str, str | None] = {}
    for row in second_rows:
        if row.from_id is not None and row.relationship.pairs:
            onward.setdefault(row.from_id, []).append(row)
        elif row.from_id is not None:
            onward_ends[row.from_id] = row.note
    pairs: dict[tuple[str, str], tuple[Relationship, list[str]]] = {}
    starts: list[str] = []
    for row in first_rows:
        if row.from_id is not None and row.from_id not in starts:
            starts.append(row.from_id)
        if row.from_id is None or row.to_id is None or not row.relationship.pairs:
            continue
        for nxt in onward.get(row.to_id, ()):
            assert nxt.to_id is not None
            key = (row.from_id, nxt.to_id)
            relationship = row.relationship.then(nxt.relationship)
            said = "; ".join(n.rstrip(".") for n in (row.note, nxt.note) if n)
            step = f"{via} {row.to_id}" + (f" ({said})" if said else "")
            if key in pairs:
                before, through = pairs[key]
                pairs[key] = (before.also(relationship), [*through, step])
            else:
                pairs[key] = (relationship, [step])
    rows: list[Correspondence] = []
    for start in starts:
        found = [(key, value) for key, value in pairs.items() if key[0] == start]
        if not found:
            rows.append(
                Correspondence(
                    level,
                    start,
                    None,
                    Relationship.REMOVED,
                    _why_removed(start, first_rows, via, onward_ends),
                )
            )
        for (from_id, to_id), (relationship, through) in found:
            rows.append(
                Correspondence(level, from_id, to_id, relationship, "through " + "; ".join(through))
            )
    reached = {to_id for _, to_id in pairs}
    ends: dict[str, str | None] = {}
    for row in second_rows:
        if row.to_id is not None and row.to_id not in reached and row.to_id not in ends:
            ends[row.to_id] = row.note if row.relationship is Relationship.NEW else None
    rows.extend(
        Correspondence(level, None, end, Relationship.NEW, note or f"no counterpart through {via}")
        for end, note in ends.items()
    )
    return rows


def _why_removed(
    start: str, first: list[Correspondence], via: str, onward_ends: dict[str, str | None]
) -> str:
    """Why an element of the first edition reaches nothing in the last: its own ``removed``
    note, or where each of its counterparts in the middle edition ends."""
    reasons: list[str] = []
    for row in first:
        if row.from_id != start:
            continue
        if row.to_id is None:
            return row.note or f"no counterpart in {via}"
        ended = onward_ends.get(row.to_id)
        reasons.append(
            f"{via} {row.to_id} has no counterpart" + (f" ({ended.rstrip('.')})" if ended else "")
        )
    return "; ".join(reasons) or f"no counterpart through {via}"
