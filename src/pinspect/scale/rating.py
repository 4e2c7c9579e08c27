"""The four-point rating scale and the key-question bands.

Seed 001 §4.1: "We propose a four-point ratings system (outstanding; good; requires
improvement; inadequate)." Seed 001 §4.22 scores them 0–3. Seed 001 §4.8 names the four
performance bands; §4.10 aligns each band with a rating.
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["Band", "Rating"]


class Rating(IntEnum):
    """A rating on the four-point scale, ordered and scored as seed 001 §4.22 says:
    "'inadequate' = 0, 'requires improvement' = 1, 'good' = 2 and 'outstanding' = 3"."""

    INADEQUATE = 0
    REQUIRES_IMPROVEMENT = 1
    GOOD = 2
    OUTSTANDING = 3

    @property
    def score(self) -> int:
        return int(self)

    @property
    def label(self) -> str:
        """The rating as reports print it: 'Requires improvement'."""
        return _LABELS[self]

    @property
    def key(self) -> str:
        """The rating as data files write it: 'requires improvement'."""
        return _LABELS[self].lower()

    @classmethod
    def parse(cls, text: str) -> Rating:
        """Read one of the four words, case-insensitive; raise ValueError otherwise."""
        wanted = " ".join(text.replace("_", " ").split()).lower()
        for rating in cls:
            if rating.key == wanted:
                return rating
        raise ValueError(
            f"{text!r} is not a rating; expected one of: " + ", ".join(r.label for r in cls)
        )

    @classmethod
    def from_score(cls, score: int) -> Rating:
        return cls(score)

    @property
    def next(self) -> Rating | None:
        """The rating one step up the four-point scale (001 §4.1); None above Outstanding."""
        return None if self is Rating.OUTSTANDING else Rating(self + 1)

    def __str__(self) -> str:
        return self.label


_LABELS = {
    Rating.INADEQUATE: "Inadequate",
    Rating.REQUIRES_IMPROVEMENT: "Requires improvement",
    Rating.GOOD: "Good",
    Rating.OUTSTANDING: "Outstanding",
}


class Band(IntEnum):
    """The performance bands of seed 001 §4.8, ordered from lowest to highest.

    "Minority: <50%  Too few: 50-64%  Reasonable majority: 65-79%  Large majority: 80%+".
    """

    MINORITY = 0
    TOO_FEW = 1
    REASONABLE_MAJORITY = 2
    LARGE_MAJORITY = 3

    @property
    def label(self) -> str:
        return _BAND_LABELS[self]

    @property
    def rating(self) -> Rating:
        """Seed 001 §4.10: Minority → Inadequate, Too few → Requires improvement,
        Reasonable majority → Good, Large majority → Outstanding."""
        return Rating(int(self))

    @property
    def lower_bound(self) -> int:
        """The lowest percentage in this band (001 §4.8): 0, 50, 65, 80."""
        return _BAND_LOWER[self]

    @property
    def next(self) -> Band | None:
        """The band one step up (001 §4.8); None above Large majority."""
        return None if self is Band.LARGE_MAJORITY else Band(self + 1)

    def __str__(self) -> str:
        return self.label


_BAND_LABELS = {
    Band.MINORITY: "Minority",
    Band.TOO_FEW: "Too few",
    Band.REASONABLE_MAJORITY: "Reasonable majority",
    Band.LARGE_MAJORITY: "Large majority",
}

_BAND_LOWER = {
    Band.MINORITY: 0,
    Band.TOO_FEW: 50,
    Band.REASONABLE_MAJORITY: 65,
    Band.LARGE_MAJORITY: 80,
}
