"""The shared value objects of the rating scale: ratings, bands and overall bandings.

The four-point rating scale (001 §4.1, scored as 001 §4.22), the key-question bands
(001 §4.8, aligned with ratings by 001 §4.10) and the overall bandings (001 §4.22, §4.23;
002 decision 8). Both :mod:`pinspect.frameworks` (which declares a framework's banding) and
:mod:`pinspect.ratings` (which applies it) build on these; this package imports neither.
"""

from pinspect.scale.banding import BandingKind, OverallBand, OverallBanding, majority_rule_banding
from pinspect.scale.counts import YesNoCounts, display_percent
from pinspect.scale.rating import Band, Rating

__all__ = [
    "Band",
    "BandingKind",
    "OverallBand",
    "OverallBanding",
    "Rating",
    "YesNoCounts",
    "display_percent",
    "majority_rule_banding",
]
