"""Building a long list's objects with the cyclic garbage collector paused."""

from __future__ import annotations

import gc

from pinspect.sampling.bulk import bulk_allocation


def test_collector_state_restored() -> None:
    assert gc.isenabled()
    with bulk_allocation():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk_allocation():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_objects_someone_froze_stay_frozen() -> None:
    """The new objects go to the oldest generation, never anyone's frozen ones back."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with bulk_allocation():
            kept = [[i] for i in range(1000)]
        # Frozen objects that reference counting frees meanwhile lower the count by a few;
        # unfreezing the others' objects (or freezing the new ones) would move it by
        # hundreds of thousands (or by the thousand new lists).
        assert abs(gc.get_freeze_count() - frozen) < len(kept)
        assert len(kept) == 1000
    finally:
        gc.unfreeze()


def test_new_objects_are_not_left_young() -> None:
    """Objects made in bulk are moved to the oldest generation, so the next young
    collections do not walk them all again."""
    gc.collect()
    with bulk_allocation():
        kept = [[i] for i in range(10_000)]
    assert gc.get_count()[0] < 1000
    assert len(kept) == 10_000
