"""Sharing the unassigned cases evenly (setting ``assign_max_per_practitioner``): the cap on
one practitioner's cases per inspector always holds, a case is left over only when no
inspector can take it, and shares differ by one at most when the cap never binds."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pinspect.sampling.sharing import share_evenly


def test_the_fewest_loaded_inspector_takes_the_next_case() -> None:
    sharing = share_evenly(
        [(1, "a"), (2, "a"), (3, "b"), (4, None)], [10, 20], load={10: 1}, held={}, cap=1
    )
    assert dict(sharing.assigned) == {1: 20, 2: 10, 3: 20, 4: 10}
    assert sharing.left_over == ()


def test_a_case_no_inspector_can_take_is_left_over() -> None:
    sharing = share_evenly([(1, "a"), (2, "a")], [10], load={}, held={(10, "a"): 1}, cap=2)
    assert dict(sharing.assigned) == {1: 10}
    assert sharing.left_over == (2,)


@given(
    practitioners=st.lists(st.sampled_from("abcd"), max_size=40),
    inspectors=st.integers(min_value=1, max_value=4),
    cap=st.integers(min_value=1, max_value=5),
)
def test_sharing_is_even_and_keeps_the_cap(
    practitioners: list[str], inspectors: int, cap: int
) -> None:
    """No inspector exceeds the cap for one practitioner; a case is left over only when every
    inspector is at the cap for its practitioner."""
    cases = list(enumerate(practitioners))
    sharing = share_evenly(cases, list(range(inspectors)), load={}, held={}, cap=cap)
    held = Counter((sharing.assigned[c], p) for c, p in cases if c in sharing.assigned)
    assert max(held.values(), default=0) <= cap
    for case in sharing.left_over:
        practitioner = practitioners[case]
        assert all(held[(i, practitioner)] == cap for i in range(inspectors))
    if cap >= len(cases):  # the cap never binds: the shares differ by one at most
        loads = [Counter(sharing.assigned.values())[i] for i in range(inspectors)]
        assert max(loads) - min(loads) <= 1
