"""The cases of a long list held column by column, for lists of a million rows.

A long list is read into columns (pyarrow arrays), never into one Python object per row:
each column is *dictionary-encoded*, a code per row into the column's distinct values,
so that codes, dates and names are parsed, stripped or compared once per distinct value,
and the rules over all rows (eligibility, strata, grouping for the draw) are array
operations in C. :class:`~pinspect.sampling.case.Case` values are made only for the rows a
caller looks at: the drawn cases, the exclusions, or any row of a :class:`CaseView`
indexed or iterated (a ``Sequence[Case]``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from pinspect.sampling.case import Case

__all__ = [
    "CaseTable",
    "CaseView",
    "Column",
    "Rows",
    "combined",
    "dense",
    "first_of_each",
    "first_rows",
    "first_rows_of_any",
    "ordinals",
    "packed_key",
    "sorted_rows",
    "stable_order",
    "text_bytes",
    "text_offsets",
]

#: Row numbers (positions in a :class:`CaseTable`), or codes into a column's values.
Rows = npt.NDArray[np.signedinteger[Any]]
Flags = npt.NDArray[np.bool_]

#: Beyond this many distinct values a column's values are looked up in pyarrow, not listed
#: in Python (CRNs and PNCs: nearly one value a row).
_LISTED = 65_536
#: A value that may need Python's ``str.strip``: one starting or ending with anything but
#: printable ASCII (Python strips more characters than pyarrow's whitespace trim).
_MAY_NEED_STRIP = r"^[^!-~]|[^!-~]$"
_BATCH = 4096  # cases made at a time when a view is iterated
_PACKED_BYTES = 8


def numbers(array: pa.Array, *, shared: bool = False) -> Rows:
    """A pyarrow array of integers (no nulls) as NumPy's int64, or with ``shared`` as they
    are, sharing pyarrow's memory (never through pandas, which pyarrow would otherwise
    import to convert it)."""
    signed = pa.types.is_signed_integer(array.type)
    kind = np.dtype(f"{'i' if signed else 'u'}{array.type.bit_width // 8}")
    data = array.buffers()[1]
    if data is None:
        return np.zeros(0, np.int64)
    values: Rows = np.frombuffer(data, kind, len(array), array.offset * kind.itemsize)
    return values if shared else values.astype(np.int64, copy=False)


def arrow_numbers(values: Rows) -> pa.Array:
    """NumPy integers as a pyarrow array, sharing the memory (made from its buffer, not
    through ``pa.array``, which would import pandas to check what it was given)."""
    values = np.ascontiguousarray(values, np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def flags(array: pa.Array) -> Flags:
    """A pyarrow array of booleans (no nulls) as NumPy's."""
    return numbers(array.cast(pa.int8())).astype(np.bool_)


class Column:
    """One column: each row's code (``codes``) into the column's distinct values.

    A column of text read from a file is held as it was read (``plain``, a value a row) and
    encoded only when something needs its codes or distinct values: a column nobody groups
    or parses (e.g. an attribute a sample does not use) is never encoded, and a column of
    near-unique values is tested, stripped and upper-cased row by row in C, and CRNs are
    ranked by sorting numbers packed from their bytes, never hashed.
    """

    __slots__ = ("_arrow", "_codes", "_items", "_plain", "_ranks")

    def __init__(
        self,
        codes: Rows | None = None,
        *,
        arrow: pa.Array | None = None,
        items: list[Any] | None = None,
        plain: pa.Array | None = None,
    ) -> None:
        assert codes is not None or plain is not None
        self._codes = codes
        self._arrow = arrow
        self._items = items
        self._plain = plain
        self._ranks: Rows | None = None

    @classmethod
    def of_text(cls, values: pa.Array | pa.ChunkedArray) -> Column:
        """A column of text (``values`` plain or dictionary-encoded strings)."""
        if isinstance(values, pa.ChunkedArray):
            values = values.combine_chunks() if values.num_chunks else pa.array([], pa.string())
        if pa.types.is_dictionary(values.type):
            # The codes stay pyarrow's 32-bit integers, shared: no copy of a million rows.
            return cls(numbers(values.indices, shared=True), arrow=values.dictionary)
        if not pa.types.is_string(values.type):
            values = values.cast(pa.string())
        return cls(plain=values)

    @classmethod
    def of_objects(cls, values: Sequence[Any]) -> Column:
        """A column of hashable Python values (strings, dates, codes, None), encoded."""
        index: dict[Any, int] = {}
        codes = np.fromiter(
            (index.setdefault(v, len(index)) for v in values), np.int64, len(values)
        )
        return cls(codes, items=list(index))

    @property
    def codes(self) -> Rows:
        """Each row's code: distinct values numbered in the order they first appear."""
        if self._codes is None:
            assert self._plain is not None
            encoded = pc.dictionary_encode(self._plain)
            self._codes = numbers(encoded.indices, shared=True)
            self._arrow = encoded.dictionary
            self._plain = None  # the codes and distinct values hold it all, in less memory
        return self._codes

    @property
    def length(self) -> int:
        """How many rows."""
        if self._codes is None and self._plain is not None:
            return len(self._plain)
        return len(self.codes)

    @property
    def items(self) -> list[Any]:
        """The distinct values, by code, as Python objects."""
        if self._items is None:
            self.codes  # noqa: B018  (encodes a plain column)
            assert self._arrow is not None
            self._items = self._arrow.to_pylist()
        return self._items

    @property
    def size(self) -> int:
        """How many distinct values (codes run from 0 to size - 1)."""
        self.codes  # noqa: B018  (encodes a plain column)
        return len(self._items) if self._items is not None else len(self._arrow or ())

    def text(self) -> pa.Array:
        """The distinct values as a pyarrow array (a column of text)."""
        self.codes  # noqa: B018  (encodes a plain column)
        if self._arrow is None:
            self._arrow = pa.array(self.items, pa.string())
        return self._arrow

    def at(self, rows: Rows) -> list[Any]:
        """The values of the given rows, as Python objects."""
        if self._codes is None and self._plain is not None:
            # Equal values made one string, as an encoded column's are.
            taken = pc.dictionary_encode(self._plain.take(arrow_numbers(rows)))
            values = taken.dictionary.to_pylist()
            return list(map(values.__getitem__, numbers(taken.indices).tolist()))
        codes = self.codes[rows]
        if self._items is None and self.size > max(_LISTED, 4 * len(rows)):
            found: list[Any] = self.text().take(arrow_numbers(codes)).to_pylist()
            return found
        items = self.items
        return [items[code] for code in codes.tolist()]

    def flags(self, test: Callable[[Any], bool]) -> Flags:
        """``test`` of each row's value, worked out once per distinct value."""
        return np.array([test(v) for v in self.items], np.bool_)[self.codes]

    def equal(self, value: Any) -> Flags:
        """Whether each row's value is ``value``."""
        if self._codes is None and self._plain is not None:
            if not isinstance(value, str):
                return np.zeros(len(self._plain), np.bool_)
            if value == "":
                empty: Flags = np.diff(text_offsets(self._plain)) == 0
                return empty
            return flags(pc.equal(self._plain, value))
        code = self.code_of(value)
        if code is None:
            return np.zeros(len(self.codes), np.bool_)
        found: Flags = self.codes == code
        return found

    def containing(self, part: str) -> Flags:
        """Whether each row's value (text) contains ``part``."""
        if self._codes is None and self._plain is not None:
            data = text_bytes(self._plain)
            if len(part.encode()) == 1 and not (data == ord(part)).any():
                return np.zeros(len(self._plain), np.bool_)
            return flags(pc.match_substring(self._plain, part))
        if self.size <= _LISTED:
            return self.flags(lambda value: part in value)
        found: Flags = flags(pc.match_substring(self.text(), part))[self.codes]
        return found

    def mapped(self, convert: Callable[[Any], Any]) -> Column:
        """Each distinct value converted (equal results become one value)."""
        return Column.of_objects([convert(v) for v in self.items]).under(self.codes)

    def under(self, codes: Rows) -> Column:
        """This column's values looked up through ``codes`` (a code per row into this)."""
        if self._codes is None and self._plain is not None:
            return Column(plain=self._plain.take(arrow_numbers(codes)))
        return Column(self.codes[codes], arrow=self._arrow, items=self._items)

    def encoded(self) -> Column:
        """This column with its codes worked out (a plain column encoded, in place)."""
        self.codes  # noqa: B018  (encodes a plain column)
        return self

    def stripped(self) -> Column:
        """Values without surrounding spaces (Python's ``str.strip``), equal results one
        value. Only values that may need it are stripped in Python; the others in C."""
        if self._codes is None and self._plain is not None:
            return self._stripped_plain(self._plain)
        text = self.text()
        if self.size <= _LISTED:
            items = self.items
            if any(v != v.strip() for v in items):
                return self.mapped(str.strip)
            return self
        suspects = np.flatnonzero(flags(pc.match_substring_regex(text, _MAY_NEED_STRIP)))
        if not len(suspects):
            return self
        values = text.to_pylist()
        for i in suspects.tolist():
            values[i] = values[i].strip()
        encoded = pc.dictionary_encode(pa.array(values, pa.string()))
        return Column(numbers(encoded.indices)[self.codes], arrow=encoded.dictionary)

    def _stripped_plain(self, plain: pa.Array) -> Column:
        """:meth:`stripped` of a plain column: the rows whose first or last byte is not
        printable ASCII (a space, or a character beyond ASCII) stripped in Python."""
        offsets = text_offsets(plain) - text_offsets(plain)[0]
        if not len(plain) or not offsets[-1]:
            return self
        # One printable byte after the data, so that an empty value's first and last bytes
        # (looked up but not used) are found without checking lengths first.
        data = np.append(text_bytes(plain), np.uint8(ord("a")))
        first, last = data[offsets[:-1]], data[offsets[1:] - 1]
        suspect = (first <= 0x20) | (first >= 0x7F) | (last <= 0x20) | (last >= 0x7F)
        suspect &= offsets[1:] > offsets[:-1]
        suspects = np.flatnonzero(suspect)
        if not len(suspects):
            return self
        values = plain.take(arrow_numbers(suspects)).to_pylist()
        changed = [i for i, value in enumerate(values) if value != value.strip()]
        if not changed:
            return self
        mask = np.zeros(len(plain), np.bool_)
        mask[suspects[changed]] = True
        replaced = pc.replace_with_mask(
            plain,
            pa.array(mask),
            pa.array([values[i].strip() for i in changed], pa.string()),
        )
        return Column(plain=replaced)

    def upper(self, listed: Callable[[list[str]], list[str]]) -> Column:
        """Values in upper case, equal results one value: in C when they are many and all
        ASCII, else by ``listed`` (upper-casing a list of values as ``str.upper`` does)."""
        if self._codes is None and self._plain is not None and _is_ascii(self._plain):
            if not _has_lower_ascii(self._plain):
                return self  # upper case already
            return Column(plain=pc.ascii_upper(self._plain))
        if self.size > _LISTED:
            text = self.text()
            if _is_ascii(text):
                if not _has_lower_ascii(text):
                    return self  # upper case already
                encoded = pc.dictionary_encode(pc.ascii_upper(text))
                return Column(numbers(encoded.indices)[self.codes], arrow=encoded.dictionary)
        return Column.of_objects(listed(self.items)).under(self.codes)

    def ranks(self) -> Rows:
        """Each row's value's rank in code-point order (equal values, equal ranks), so also
        a key that groups equal values."""
        if self._ranks is None and self._codes is None and self._plain is not None:
            self._ranks = _plain_ranks(self._plain)
        if self._ranks is None:
            order: Sequence[int] | Rows
            if self._arrow is None and self.size <= _LISTED:
                order = sorted(range(self.size), key=self.items.__getitem__)
            else:
                packed = _packed(self.text())
                order = (
                    numbers(pc.sort_indices(self.text())) if packed is None else np.argsort(packed)
                )
            rank = np.empty(self.size, np.int64)
            rank[order] = np.arange(self.size, dtype=np.int64)
            self._ranks = rank[self.codes]
        return self._ranks

    def code_of(self, value: Any) -> int | None:
        """The code of ``value``, or None if no row has it."""
        self.codes  # noqa: B018  (encodes a plain column)
        if self._items is not None or self._arrow is None or self.size <= _LISTED:
            try:
                return self.items.index(value)
            except ValueError:
                return None
        if value != "":
            try:
                return self.items.index(value)
            except ValueError:
                return None
        hits = np.flatnonzero(numbers(pc.binary_length(self.text())) == 0)
        return int(hits[0]) if len(hits) else None


def text_offsets(text: pa.Array) -> Rows:
    """The offsets of a pyarrow string array's values into its data (one more than values)."""
    return np.frombuffer(text.buffers()[1], np.int32, len(text) + 1, 4 * text.offset)


def text_bytes(text: pa.Array) -> npt.NDArray[np.uint8]:
    """The bytes of a pyarrow string array's values, end to end."""
    offsets = text_offsets(text)
    data = text.buffers()[2]
    if data is None or not len(text):
        return np.zeros(0, np.uint8)
    return np.frombuffer(data, np.uint8)[int(offsets[0]) : int(offsets[-1])]


def _is_ascii(text: pa.Array) -> bool:
    """Whether every value of a string array is ASCII: no byte of its data over 0x7F."""
    return not (text_bytes(text) >= 0x80).any()


def _has_lower_ascii(text: pa.Array) -> bool:
    """Whether any value of a string array holds a lower-case ASCII letter."""
    data = text_bytes(text)
    return bool(((data >= ord("a")) & (data <= ord("z"))).any())


def _packed(text: pa.Array) -> npt.NDArray[np.uint64] | None:
    """Values of up to eight ASCII characters (CRNs, a column's distinct values) as numbers
    in the same order: each value's bytes, padded with NUL to eight, read as one big-endian
    integer (a shorter value sorts before a longer one it begins, as NUL sorts before any
    character). ``None`` for other values (longer, not ASCII, or holding a NUL that padding
    would confuse)."""
    if not len(text) or text.null_count:
        return None
    offsets, data = text_offsets(text), text_bytes(text)
    lengths = np.diff(offsets)
    longest = int(lengths.max())
    if longest > _PACKED_BYTES or (data >= 0x80).any() or (data == 0).any():
        return None
    padded = np.zeros((len(text), _PACKED_BYTES), np.uint8)
    if (lengths == longest).all():
        padded[:, :longest] = data.reshape(len(text), longest)
    else:
        # Every value padded to the longest in C (ASCII: a character is a byte).
        even = pc.utf8_rpad(text, width=longest, padding="\x00")
        padded[:, :longest] = text_bytes(even).reshape(len(text), longest)
    found: npt.NDArray[np.uint64] = padded.view(">u8").reshape(-1).astype(np.uint64)
    return found


def _runs(ordered: npt.NDArray[np.integer[Any]]) -> Flags:
    """Where each run of equal values starts in sorted values."""
    starts = np.ones(len(ordered), np.bool_)
    np.not_equal(ordered[1:], ordered[:-1], out=starts[1:])
    return starts


def _plain_ranks(text: pa.Array) -> Rows | None:
    """Each value's rank among the distinct values in code-point order, worked out by
    sorting numbers (:func:`_packed`), not by hashing; ``None`` for other values."""
    keys = _packed(text)
    if keys is None:
        return None
    order = np.argsort(keys)
    rank = np.empty(len(order), np.int64)
    rank[order] = np.cumsum(_runs(keys[order])) - 1
    return rank


def combined(*codes: Rows) -> Rows:
    """One code per row for the combination of several columns' codes: rows with equal
    codes in every column, and only they, get equal codes, numbered from 0."""
    key = dense(codes[0])
    for part in codes[1:]:
        key = dense(key * (int(part.max(initial=0)) + 1) + part)
    return key


def dense(key: Rows) -> Rows:
    """``key`` renumbered 0, 1, 2… (equal keys, equal numbers): by counting when the keys
    are few, else by hashing, in C, never by sorting."""
    if not len(key):
        return key.astype(np.int64)
    top = int(key.max())
    if top < 4 * len(key) + 1024:
        present = np.bincount(key, minlength=top + 1) > 0
        number = np.cumsum(present, dtype=np.int64) - 1
        return number[key]
    encoded = pc.dictionary_encode(arrow_numbers(key))
    return numbers(encoded.indices)


def first_rows_of_any(key: Rows) -> Rows:
    """For each row, the first row with the same ``key`` (any integers, e.g. several
    columns' codes packed into one number): by one sort, never by hashing."""
    if not len(key):
        return np.zeros(0, np.int64)
    order = sorted_rows(key)  # by key, then row: each run of equal keys starts at its first
    starts = _runs(key[order])
    found = np.empty(len(key), np.int64)
    found[order] = order[starts][np.cumsum(starts) - 1]
    return found


def sorted_rows(key: Rows) -> Rows:
    """``np.argsort(key, kind="stable")``: the rows in order of their keys, rows with equal
    keys in their own order. For keys from 0 the key and the row are packed into one number
    (``key · rows + row``), and the numbers sorted: numpy sorts plain numbers with the
    processor's vector instructions, several times faster than a stable sort of indices
    (17 ms against 120 ms for a million rows)."""
    count = len(key)
    if not count:
        return np.zeros(0, np.int64)
    if int(key.min()) < 0 or (int(key.max()) + 1) * count >= 1 << 63:
        return np.argsort(key, kind="stable")
    packed = key.astype(np.int64) * count
    packed += np.arange(count, dtype=np.int64)
    packed.sort()
    packed %= count
    return packed


def stable_order(ranks: Rows) -> Rows:
    """``np.argsort(ranks, kind="stable")`` for ranks from 0: when no two are equal (the
    eligible cases' CRNs), by placing each row at its rank, without sorting."""
    if not len(ranks):
        return np.zeros(0, np.int64)
    place = np.full(int(ranks.max()) + 1, -1, np.int64)
    place[ranks] = np.arange(len(ranks), dtype=np.int64)
    order = place[place >= 0]
    if len(order) != len(ranks):  # equal ranks: sort them, keeping their order
        return sorted_rows(ranks)
    return order


def packed_key(*codes: Rows) -> Rows | None:
    """Several columns' codes (each from 0) as one number per row, equal in every column
    exactly when the numbers are equal; ``None`` if they would not fit in 62 bits."""
    key = np.zeros(len(codes[0]), np.int64)
    span = 1
    for part in codes:
        width = int(part.max(initial=0)) + 1
        span *= width
        if span >= 1 << 62:
            return None
        key = key * width + part
    return key


def first_of_each(key: Rows) -> Rows:
    """For each key (numbered from 0), the first row that has it."""
    first = np.full(int(key.max(initial=-1)) + 1, len(key), np.int64)
    np.minimum.at(first, key, np.arange(len(key), dtype=np.int64))
    return first


def first_rows(key: Rows) -> Rows:
    """For each row, the first row with the same ``key`` (keys numbered from 0)."""
    return first_of_each(key)[key]


@dataclass(frozen=True, eq=False)
class CaseTable:
    """The rows of a long list, column by column: each :class:`Case` field as a
    :class:`Column` (text stripped, codes and dates parsed) and every column's raw text."""

    columns: tuple[str, ...]
    lines: Rows
    crn: Column
    pnc: Column
    first_name: Column
    family_name: Column
    date_of_birth: Column
    sex: Column
    sentence_type: Column
    rosh: Column
    start_date: Column
    end_date: Column
    area: Column
    team: Column
    practitioner: Column
    sensitive: Flags
    values: tuple[Column, ...]

    def __len__(self) -> int:
        return len(self.lines)

    def cases(self, rows: Rows) -> list[Case]:
        """The :class:`Case` of each of ``rows``."""
        if not len(rows):
            return []
        fields = (
            self.lines[rows].tolist(),
            self.crn.at(rows),
            self.pnc.at(rows),
            self.first_name.at(rows),
            self.family_name.at(rows),
            self.date_of_birth.at(rows),
            self.sex.at(rows),
            self.sentence_type.at(rows),
            self.rosh.at(rows),
            self.start_date.at(rows),
            self.end_date.at(rows),
            self.area.at(rows),
            self.team.at(rows),
            self.practitioner.at(rows),
            self.sensitive[rows].tolist(),
            list(zip(*(column.at(rows) for column in self.values), strict=True))
            if self.values
            else [()] * len(rows),
        )
        return [Case._make(row) for row in zip(*fields, strict=True)]

    @classmethod
    def of_cases(cls, columns: Sequence[str], cases: Sequence[Case]) -> CaseTable:
        """A table of cases already made (for callers that built their own)."""
        width = len(columns)

        def field(name: str) -> Column:
            position = Case._fields.index(name)
            return Column.of_objects([case[position] for case in cases])

        return cls(
            columns=tuple(columns),
            lines=np.array([case.line for case in cases], np.int64),
            crn=field("crn"),
            pnc=field("pnc"),
            first_name=field("first_name"),
            family_name=field("family_name"),
            date_of_birth=field("date_of_birth"),
            sex=field("sex"),
            sentence_type=field("sentence_type"),
            rosh=field("rosh"),
            start_date=field("start_date"),
            end_date=field("end_date"),
            area=field("area"),
            team=field("team"),
            practitioner=field("practitioner"),
            sensitive=np.array([case.sensitive for case in cases], np.bool_),
            values=tuple(
                Column.of_objects([(case.values + ("",) * width)[i] for case in cases])
                for i in range(width)
            ),
        )


def ordinals(column: Column, blank: int) -> Rows:
    """Each row's date as a day number (``date.toordinal``); ``blank`` where there is none."""
    days = np.array(
        [blank if d is None else d.toordinal() for d in column.items], np.int64
    ).reshape(-1)
    return days[column.codes]


class CaseView(Sequence[Case]):
    """Some rows of a :class:`CaseTable`, in order, as a sequence of cases (made when read).

    ``by_crn`` says the rows are in CRN order (stably), as eligibility gives them.
    """

    __slots__ = ("by_crn", "rows", "table")

    def __init__(self, table: CaseTable, rows: Rows | None = None, *, by_crn: bool = False) -> None:
        self.table = table
        self.rows: Rows = np.arange(len(table), dtype=np.int64) if rows is None else rows
        self.by_crn = by_crn

    @classmethod
    def of(cls, cases: Sequence[Case], columns: Sequence[str] = ()) -> CaseView:
        """``cases`` as a view: itself if it is one, else a table made of them."""
        if isinstance(cases, CaseView):
            return cases
        width = max((len(case.values) for case in cases), default=0)
        names = tuple(columns) or tuple(f"column {i + 1}" for i in range(width))
        return cls(CaseTable.of_cases(names, cases))

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> Case: ...
    @overload
    def __getitem__(self, index: slice) -> list[Case]: ...
    def __getitem__(self, index: int | slice) -> Case | list[Case]:
        if isinstance(index, slice):
            return self.table.cases(self.rows[index])
        return self.table.cases(self.rows[[index]])[0]

    def __iter__(self) -> Iterator[Case]:
        for start in range(0, len(self.rows), _BATCH):
            yield from self.table.cases(self.rows[start : start + _BATCH])

    def __bool__(self) -> bool:
        return len(self.rows) > 0

    def subset(self, keep: Flags, *, by_crn: bool | None = None) -> CaseView:
        """The rows where ``keep`` (a flag per row of this view) is set, in order."""
        return CaseView(
            self.table, self.rows[keep], by_crn=self.by_crn if by_crn is None else by_crn
        )

    def codes(self, column: Column) -> Rows:
        """The codes of ``column`` for this view's rows."""
        return column.codes[self.rows]
