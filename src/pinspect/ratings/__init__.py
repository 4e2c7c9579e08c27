"""Ratings: the four-point scale, the bands and the rules of seed 001 §4 and seed 002.

Only the value objects are re-exported here; the rules live in their own modules
(``pinspect.ratings.standard``, ``pinspect.ratings.overall`` …) so that the framework model
can use the value objects without importing the rules.
"""

from pinspect.ratings.banding import BandingKind, OverallBand, OverallBanding, majority_rule_banding
from pinspect.ratings.rating import Band, Rating

__all__ = [
    "Band",
    "BandingKind",
    "OverallBand",
    "OverallBanding",
    "Rating",
    "majority_rule_banding",
]
