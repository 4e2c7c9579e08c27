"""Statistics used beside the ratings: confidence intervals and small-number suppression.

Nothing here rates anything; the rules of the seeds live in :mod:`pinspect.ratings`.
"""

from pinspect.stats.interval import wilson_interval, z_for_confidence
from pinspect.stats.suppression import is_suppressed, suppressed_mask

__all__ = ["is_suppressed", "suppressed_mask", "wilson_interval", "z_for_confidence"]
