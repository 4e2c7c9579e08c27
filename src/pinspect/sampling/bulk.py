"""Building hundreds of thousands of small objects quickly.

CPython's cyclic garbage collector runs repeatedly while a long list's rows, tuples and
cases are created, and each run walks every object made since the last: for a 250,000-row
list that costs more than the parsing itself. None of these objects form reference
cycles, so the collector is paused while they are built and restored afterwards (plain
reference counting still frees everything as usual).

On the way out the objects just made are moved to the collector's oldest generation
(``gc.freeze()`` then ``gc.unfreeze()``: two list splices, no walk), as a full collection
would have left them; otherwise the first young collection afterwards would walk them all.
They are walked, like every long-lived object, only at the next full collection. This is
skipped when anything else has frozen objects, which must stay frozen.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["bulk_allocation"]


@contextmanager
def bulk_allocation() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration; restore its previous state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
