"""How an element of one framework edition stands to an element of another.

The relationship of a pair says how what the ``from`` element asks stands to what the ``to``
element asks (docs/framework-format.md):

* ``equal``: both ask the same: the same key question, its wording changed at most in terms
  ("service user" → "person on probation"), its prompts covering the same ground (reworded, split
  or merged, none added or dropped). Only an equal pair is compared directly across editions.
* ``subset``: the ``to`` element asks everything the ``from`` element asks, and more.
* ``superset``: the ``from`` element asks everything the ``to`` element asks, and more.
* ``intersect``: each asks something the other does not.
* ``new``: an element of ``to`` with no counterpart in ``from``.
* ``removed``: an element of ``from`` with no counterpart in ``to``.

The seeds give no crosswalk between their frameworks; each relationship in the bundled
crosswalks is our reading of the two texts, with the reasoning in its note.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["Relationship"]


class Relationship(Enum):
    EQUAL = "equal"
    SUBSET = "subset"
    SUPERSET = "superset"
    INTERSECT = "intersect"
    NEW = "new"
    REMOVED = "removed"

    @property
    def pairs(self) -> bool:
        """True when the relationship joins an element on each side."""
        return self not in (Relationship.NEW, Relationship.REMOVED)

    @property
    def comparable(self) -> bool:
        """Only elements that ask the same are compared directly across editions."""
        return self is Relationship.EQUAL

    def inverse(self) -> Relationship:
        """The same relationship read from ``to`` to ``from``."""
        return _INVERSE.get(self, self)

    def then(self, onward: Relationship) -> Relationship:
        """The relationship of ``a`` to ``c`` when ``a`` stands to ``b`` as ``self`` and ``b``
        to ``c`` as ``onward``. Anything but equal, subset after subset or superset after
        superset can only be called ``intersect``: the elements may share little or nothing."""
        if not (self.pairs and onward.pairs):
            raise ValueError("only paired elements compose")
        if self is Relationship.EQUAL:
            return onward
        if onward is Relationship.EQUAL or onward is self:
            return self
        return Relationship.INTERSECT

    def also(self, other: Relationship) -> Relationship:
        """Two routes to the same pair that disagree can only be called ``intersect``."""
        return self if self is other else Relationship.INTERSECT


_INVERSE = {
    Relationship.SUBSET: Relationship.SUPERSET,
    Relationship.SUPERSET: Relationship.SUBSET,
    Relationship.NEW: Relationship.REMOVED,
    Relationship.REMOVED: Relationship.NEW,
}
