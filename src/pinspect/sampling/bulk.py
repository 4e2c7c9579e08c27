"""Building hundreds of thousands of small objects quickly.

CPython's cyclic garbage collector runs repeatedly while a long list's rows, tuples and
cases are created, and each full run walks every object made so far: for a 250,000-row
list that costs more than the parsing itself. None of these objects form reference
cycles, so the collector is paused while they are built and restored afterwards (plain
reference counting still frees everything as usual).
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
        if was_enabled:
            gc.enable()
