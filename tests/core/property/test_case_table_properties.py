"""A long-list column read as plain text answers every question as the encoded column does.

docs/sampling.md, *Reading a large long list*: a column of a CSV file read by pyarrow stays
plain text (a value a row) until something needs its distinct values; blanks, asterisks,
stripping, upper-casing, CRN order and the grouping of a person's records are then worked
out over the bytes, or by sorting numbers packed from short ASCII values. Whatever the
values (padded, lower case, accented, beyond ASCII, longer than a packed number holds), the
answers must be those of the column encoded a code per distinct value, as it was read
before.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect.sampling.case_table import (
    Column,
    first_rows,
    first_rows_of_any,
    sorted_rows,
    stable_order,
)

_AWKWARD = ["", " ", "Z123456", "z123456", " Z123456 ", "Z1234567", "Z12345678", "*Z1"]
_LONGER = ["1900/0583643V", "1900/0583643v", "1900/0583643VX", "ABCDEFGH", "ABCDEFG"]
_BEYOND_ASCII = ["é", "\xa0B\xa0", "ﬁ", "ß"]
VALUES = st.one_of(
    st.sampled_from([*_AWKWARD, *_LONGER, *_BEYOND_ASCII]),
    st.text(alphabet="AZaz09/ *\xa0é", max_size=17),
)
COLUMNS = st.lists(VALUES, max_size=40)


def _upper(values: list[str]) -> list[str]:
    return [value.upper() for value in values]


@settings(max_examples=300, deadline=None)
@given(COLUMNS, st.integers(0, 3))
def test_plain_column_answers_as_the_encoded_one(values: list[str], skip: int) -> None:
    """Plain (also a slice of a larger array) and encoded columns agree on everything."""
    text = pa.array(["x"] * skip + values, pa.string()).slice(skip)
    plain = Column.of_text(text)
    encoded = Column.of_text(pa.array(values, pa.string())).encoded()
    rows = np.arange(len(values), dtype=np.int64)
    assert plain.length == len(values)
    assert plain.at(rows) == encoded.at(rows) == values
    for value in ("", "Z123456", "é"):
        assert (plain.equal(value) == encoded.equal(value)).all()
    for part in ("*", "Z1", "é"):
        assert (plain.containing(part) == encoded.containing(part)).all()
    stripped = plain.stripped()
    assert stripped.at(rows) == encoded.stripped().at(rows) == [v.strip() for v in values]
    upper = stripped.upper(_upper)
    assert upper.at(rows) == [v.strip().upper() for v in values]
    expected_ranks = np.array([sorted(set(values)).index(v) for v in values], np.int64).reshape(-1)
    assert (plain.ranks() == expected_ranks).all()
    assert (Column.of_text(text).ranks() == expected_ranks).all()
    assert (encoded.ranks() == expected_ranks).all()  # ranked from its distinct values
    assert encoded.stripped().upper(_upper).at(rows) == [v.strip().upper() for v in values]
    assert (plain.codes == encoded.codes).all()  # encoded later, numbered as before


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-3, 3), max_size=60), st.integers(1, 2**40))
def test_orders_and_first_rows_match_numpy(keys: list[int], scale: int) -> None:
    """The sorting shortcuts give what a stable sort and a scan give."""
    key = np.array(keys, np.int64) * scale
    expected = np.array([keys.index(k) for k in keys], np.int64).reshape(-1)
    assert (first_rows_of_any(key) == expected).all()
    ranks = np.array(keys, np.int64) + 3
    assert (stable_order(ranks) == np.argsort(ranks, kind="stable")).all()
    for any_key in (ranks, key, ranks * scale):  # packed with the row, or too wide to pack
        assert (sorted_rows(any_key) == np.argsort(any_key, kind="stable")).all()
    if len(keys):
        assert (first_rows(ranks) == expected).all()
