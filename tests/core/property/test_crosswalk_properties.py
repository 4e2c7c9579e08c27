"""Properties of crosswalk relationships and of crosswalks composed along a chain.

The seeds give no crosswalk (see docs/framework-format.md); these properties are what make
reading a crosswalk backwards or through another edition safe: nothing is called equal that
is not equal at every step, and no element of either end goes unaccounted for.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pinspect.crosswalks import Correspondence, Crosswalk, Edition, Level, Relationship

PAIRED = [r for r in Relationship if r.pairs]


class TestRelationshipAlgebra:
    """equal / subset / superset / intersect, read backwards and composed."""

    @given(st.sampled_from(list(Relationship)))
    def test_inverse_is_an_involution(self, r: Relationship) -> None:
        assert r.inverse().inverse() is r
        assert r.inverse().pairs is r.pairs

    @given(st.sampled_from(PAIRED), st.sampled_from(PAIRED))
    def test_reading_a_chain_backwards(self, a: Relationship, b: Relationship) -> None:
        assert a.then(b).inverse() is b.inverse().then(a.inverse())

    @given(st.sampled_from(PAIRED), st.sampled_from(PAIRED))
    def test_equal_only_when_equal_at_every_step(self, a: Relationship, b: Relationship) -> None:
        assert (a.then(b) is Relationship.EQUAL) == (a is b is Relationship.EQUAL)
        assert Relationship.EQUAL.then(a) is a
        assert a.then(Relationship.EQUAL) is a


def _editions(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(n)]


@st.composite
def crosswalks(draw: st.DrawFn, left: str, right: str) -> Crosswalk:
    """A random whole crosswalk of key questions between two small editions, every element
    accounted for: random pairs, then the unpaired marked removed or new."""
    a = _editions(left, draw(st.integers(1, 5)))
    b = _editions(right, draw(st.integers(1, 5)))
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(a), st.sampled_from(b), st.sampled_from(PAIRED)),
            max_size=8,
            unique_by=lambda t: (t[0], t[1]),
        )
    )
    rows = [Correspondence(Level.KEY_QUESTION, x, y, r) for x, y, r in pairs]
    rows += [
        Correspondence(Level.KEY_QUESTION, x, None, Relationship.REMOVED)
        for x in a
        if all(p[0] != x for p in pairs)
    ]
    rows += [
        Correspondence(Level.KEY_QUESTION, None, y, Relationship.NEW)
        for y in b
        if all(p[1] != y for p in pairs)
    ]
    return Crosswalk(
        id=f"{left}-{right}",
        title="random",
        from_edition=Edition(left, "1"),
        to_edition=Edition(right, "1"),
        rows=tuple(rows),
    )


def _ends(crosswalk: Crosswalk) -> tuple[set[str], set[str]]:
    return (
        {r.from_id for r in crosswalk.rows if r.from_id},
        {r.to_id for r in crosswalk.rows if r.to_id},
    )


class TestComposition:
    """A chain A → B → C composed keeps every element of A and of C accounted for."""

    @given(crosswalks("a", "b"), crosswalks("b", "c"))
    def test_every_end_element_is_accounted_for(self, ab: Crosswalk, bc: Crosswalk) -> None:
        b_from_ab = {r.to_id for r in ab.rows if r.to_id}
        b_from_bc = {r.from_id for r in bc.rows if r.from_id}
        if b_from_ab != b_from_bc:  # the two steps must meet at the same edition
            bc = Crosswalk(
                bc.id,
                bc.title,
                bc.from_edition,
                bc.to_edition,
                bc.rows
                + tuple(
                    Correspondence(Level.KEY_QUESTION, x, None, Relationship.REMOVED)
                    for x in sorted(b_from_ab - b_from_bc)
                ),
            )
        ac = ab.then(bc)
        assert _ends(ac)[0] == _ends(ab)[0]
        assert _ends(ac)[1] == _ends(bc)[1]
        for row in ac.rows:
            if row.relationship is Relationship.EQUAL:
                # an equal pair is equal at both steps, through some b
                assert any(
                    x.relationship is Relationship.EQUAL
                    and y.relationship is Relationship.EQUAL
                    and x.to_id == y.from_id
                    for x in ab.onward(Level.KEY_QUESTION, row.from_id or "")
                    for y in bc.counterparts(Level.KEY_QUESTION, row.to_id or "")
                )

    @given(crosswalks("a", "b"))
    def test_inverse_swaps_the_ends(self, ab: Crosswalk) -> None:
        ba = ab.inverse()
        assert _ends(ba) == tuple(reversed(_ends(ab)))
        assert ba.inverse().rows == ab.rows
