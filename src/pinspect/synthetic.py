"""Synthetic long lists: realistic in shape, wholly fictional in content.

Used by tests, the benchmark and demonstrations, so that no real case record is ever
needed to try pinspect. Names are made from invented syllables, CRNs start with ``Z`` and
PNCs use the year 1900, so a synthetic record cannot be mistaken for a real one.

The mix follows the shape of a probation caseload: about 85% men, 14% women and 1% other or
not recorded; about 60% community sentences and 40% licence or post-sentence supervision;
mostly medium RoSH; 3–5 areas, teams of 5–9 practitioners with caseloads of 30–60; plus a
few duplicates (a second record of the same person, started later), redacted records
(asterisks in the names, as exports show them), cases not yet started and, rarely, a
missing value. Codes are spelled in the several ways exports spell them.
"""

from __future__ import annotations

import csv
import random
from array import array
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import accumulate
from pathlib import Path

from pinspect.sampling.longlist import DEFAULT_COLUMNS

__all__ = [
    "SIX_DIGIT_LIMIT",
    "SYNTHETIC_COLUMNS",
    "synthetic_long_list",
    "write_long_list_csv",
    "write_synthetic_long_list",
]

SYNTHETIC_COLUMNS: tuple[str, ...] = (
    *DEFAULT_COLUMNS,
    "ethnicity",
    "age_band",
    "disability",
)

_AREAS = ("Ashmoor", "Brackenvale", "Corrow Fields", "Dunmarsh", "Elderwick")
_TEAM_WORDS = ("North", "South", "East", "West", "Central", "Riverside", "Hillside", "Harbour")
_FIRST = (
    "Alvar", "Bexley", "Corwin", "Darrow", "Elsin", "Farris", "Galen", "Hollis", "Idris", "Jory",
    "Kestrel", "Lorne", "Maddox", "Nevin", "Orrin", "Perrin", "Quill", "Rowan", "Soren", "Tamsin",
    "Ulric", "Vesper", "Wren", "Yarrow", "Zephyr", "Ansel", "Briar", "Calder", "Delphine", "Ember",
    "Fennel", "Greer", "Hazel", "Isolde", "Juniper", "Kenna", "Liora", "Marlow", "Nerys", "Oriel",
)  # fmt: skip
_FAMILY_START = (
    "Ash", "Bram", "Cold", "Dun", "Elm", "Fern", "Gorse", "Hawk", "Ivy", "Kes", "Lark", "Moss",
    "Nettle", "Oak", "Pike", "Reed", "Sedge", "Thorn", "Wold", "Yew",
)  # fmt: skip
_FAMILY_END = (
    "bury", "combe", "dell", "field", "gate", "hurst", "ley", "mere", "ridge", "stow", "thwaite",
    "wick", "worth", "brook", "croft", "holm", "lowe", "shaw", "ton", "wood",
)  # fmt: skip
_ETHNICITY = (
    ("White", 75),
    ("Black or Black British", 9),
    ("Asian or Asian British", 8),
    ("Mixed", 4),
    ("Other ethnic group", 2),
    ("Not stated", 2),
)
_DISABILITY = (("No", 60), ("Yes", 30), ("Not stated", 10))
_MALE = (("M", 70), ("Male", 30))
_FEMALE = (("F", 70), ("Female", 30))
_OTHER_SEX = (("Other", 30), ("X", 10), ("", 30), ("Not known", 30))
_COMMUNITY = (("CO", 55), ("SSO", 30), ("Community Order", 10), ("Suspended Sentence Order", 5))
_CUSTODY = (("LIC", 75), ("PSS", 12), ("Licence", 10), ("Post-sentence supervision", 3))
_ROSH = (("RLRH", 28), ("RMRH", 50), ("RHRH", 17), ("RVRH", 2), ("Low", 1), ("Medium", 2))


#: The largest list whose CRNs are ``Z`` and six digits (the six-digit numbers from
#: 100000); a larger list's CRNs are ``Z`` and seven digits.
SIX_DIGIT_LIMIT = 900_000
_SEVEN_DIGITS = 8_999_993  # a prime: k ↦ (a·k + b) mod this is one-to-one


class _Table:
    """A weighted table of values, drawn from as ``random.choices`` draws (the same calls,
    so the same values for the same seed) but returning the value's index."""

    def __init__(self, table: Sequence[tuple[str, int]]) -> None:
        self.values = [value for value, _ in table]
        self.indexes = range(len(table))
        self.cumulative = list(accumulate(weight for _, weight in table))

    def pick(self, rng: random.Random) -> int:
        return rng.choices(self.indexes, cum_weights=self.cumulative)[0]


_T_MALE, _T_FEMALE, _T_OTHER_SEX = _Table(_MALE), _Table(_FEMALE), _Table(_OTHER_SEX)
_T_COMMUNITY, _T_CUSTODY, _T_ROSH = _Table(_COMMUNITY), _Table(_CUSTODY), _Table(_ROSH)
_T_ETHNICITY, _T_DISABILITY = _Table(_ETHNICITY), _Table(_DISABILITY)
_SEXES = (_T_MALE, _T_FEMALE, _T_OTHER_SEX)
_SENTENCES = (_T_COMMUNITY, _T_CUSTODY)
_NO_END = 0  # day number of a blank end date (day numbers start at 1)
_NO_ROSH = 255


def _age_band(born: date, today: date) -> str:
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < 25:
        return "18-24"
    if age < 35:
        return "25-34"
    if age < 50:
        return "35-49"
    return "50+"


def _practitioners(n: int, rng: random.Random) -> tuple[list[tuple[str, str, str]], array[int]]:
    """The practitioners (area, team, name) and each case's practitioner (an index):
    caseloads of 30–60, teams of 5–9."""
    areas = _AREAS[: rng.randint(3, 5)]
    places: list[tuple[str, str, str]] = []
    slots: list[int] = []
    team_number = 0
    while len(slots) < n:
        team_number += 1
        area = areas[team_number % len(areas)]
        team = f"{area} {_TEAM_WORDS[team_number % len(_TEAM_WORDS)]} {team_number}"
        for member in range(rng.randint(5, 9)):
            name = f"{rng.choice(_FIRST)} {rng.choice(_FAMILY_START)}{rng.choice(_FAMILY_END)}"
            places.append((area, team, f"{name} ({team_number}.{member + 1})"))
            slots.extend([len(places) - 1] * rng.randint(30, 60))
    rng.shuffle(slots)
    return places, array("l", slots[:n])


class _Crns:
    """Distinct CRN numbers: for a list of up to :data:`SIX_DIGIT_LIMIT` rows a random
    sample of the six-digit numbers (as always, so earlier lists are unchanged); beyond,
    seven-digit numbers from a random one-to-one map, with no list of them all in memory."""

    def __init__(self, n: int, people: int, rng: random.Random) -> None:
        self.six = n <= SIX_DIGIT_LIMIT
        if self.six:
            self.numbers = array("l", rng.sample(range(100_000, 1_000_000), people))
            self.used = bytearray(1_000_000)  # a byte per number, not a set of them
            for number in self.numbers:
                self.used[number] = 1
        else:
            self.scale = rng.randrange(1, _SEVEN_DIGITS)
            self.shift = rng.randrange(_SEVEN_DIGITS)
        self.next = people

    def person(self, k: int) -> int:
        if self.six:
            return self.numbers[k]
        return 1_000_000 + (self.scale * k + self.shift) % _SEVEN_DIGITS

    def another(self, rng: random.Random) -> int:
        """A number no other record has."""
        if not self.six:
            self.next += 1
            return self.person(self.next - 1)
        number = rng.randrange(100_000, 1_000_000)
        while self.used[number]:
            number = rng.randrange(100_000, 1_000_000)
        self.used[number] = 1
        return number

    def text(self, number: int) -> str:
        return f"Z{number:06d}" if self.six else f"Z{number:07d}"


class _Records:
    """The records of a synthetic list, a few dozen bytes each: codes into the tables above and
    day numbers, turned into text only when written (:meth:`row`)."""

    def __init__(self, n: int, seed: int, today: date) -> None:
        if n < 1:
            raise ValueError("n must be at least 1")
        rng = random.Random(seed)
        self.today = today
        duplicates = n // 200
        people = n - duplicates
        self.crns = _Crns(n, people, rng)
        self.places, slots = _practitioners(people, rng)
        self.sex, self.sex_table = array("B"), array("B")
        self.sentence, self.custody = array("B"), array("B")
        self.born, self.start, self.end = array("l"), array("l"), array("l")
        self.first, self.family = array("B"), array("H")
        self.has_pnc, self.rosh = array("B"), array("B")
        self.ethnicity, self.disability = array("B"), array("B")
        self.crn, self.person, self.place = array("l"), array("l"), array("l")
        day = today.toordinal()
        for i in range(people):
            self._add_person(i, rng, day, slots[i])
        for _ in range(duplicates):
            original = rng.randrange(people)
            number = self.crns.another(rng)
            later = self.start[original] + rng.randint(1, 365)
            for column in self._copied:
                values = getattr(self, column)
                values.append(values[original])
            self.crn.append(number)
            self.start.append(later)
            self.end.append(later + rng.randint(180, 730))
        self.order = array("l", range(n))
        rng.shuffle(self.order)

    def _add_person(self, i: int, rng: random.Random, day: int, place: int) -> None:
        """Person ``i``'s record, drawn field by field in the order the rows always were."""
        roll = rng.random()
        table = 0 if roll < 0.85 else 1 if roll < 0.99 else 2
        self.sex_table.append(table)
        self.sex.append(_SEXES[table].pick(rng))
        custody = rng.random() < 0.4
        self.custody.append(custody)
        self.sentence.append(_SENTENCES[custody].pick(rng))
        self.born.append(day - rng.randint(18 * 365 + 5, 75 * 365))
        future = rng.random() < 0.02
        start = day + rng.randint(1, 60) if future else day - rng.randint(0, 730)
        self.start.append(start)
        self.end.append(_NO_END if rng.random() < 0.05 else start + rng.randint(180, 1095))
        ends = len(_FAMILY_END)
        first = rng.choice(range(len(_FIRST)))
        family = rng.choice(range(len(_FAMILY_START))) * ends
        family += rng.choice(range(ends))
        if rng.random() < 0.003:
            first, family = len(_FIRST), len(_FAMILY_START) * ends  # redacted
        self.first.append(first)
        self.family.append(family)
        self.crn.append(self.crns.person(i))
        self.has_pnc.append(not rng.random() < 0.1)
        self.rosh.append(_NO_ROSH if rng.random() < 0.001 else _T_ROSH.pick(rng))
        self.ethnicity.append(_T_ETHNICITY.pick(rng))
        self.disability.append(_T_DISABILITY.pick(rng))
        self.person.append(i)
        self.place.append(place)

    _copied = (
        "sex", "sex_table", "sentence", "custody", "born", "first", "family", "has_pnc",
        "rosh", "ethnicity", "disability", "person", "place",
    )  # fmt: skip

    def __len__(self) -> int:
        return len(self.order)

    def row(self, k: int) -> tuple[str, ...]:
        """Record ``k`` as text, in :data:`SYNTHETIC_COLUMNS` order."""
        i = self.person[k]
        family = self.family[k]
        redacted = self.first[k] == len(_FIRST)
        born = date.fromordinal(self.born[k])
        area, team, practitioner = self.places[self.place[k]]
        end = self.end[k]
        rosh = self.rosh[k]
        return (
            self.crns.text(self.crn[k]),
            f"1900/{i:07d}{chr(65 + i % 26)}" if self.has_pnc[k] else "",
            "*****" if redacted else _FIRST[self.first[k]],
            "*****"
            if redacted
            else _FAMILY_START[family // len(_FAMILY_END)] + _FAMILY_END[family % len(_FAMILY_END)],
            born.isoformat(),
            _SEXES[self.sex_table[k]].values[self.sex[k]],
            _SENTENCES[self.custody[k]].values[self.sentence[k]],
            "" if rosh == _NO_ROSH else _T_ROSH.values[rosh],
            date.fromordinal(self.start[k]).isoformat(),
            "" if end == _NO_END else date.fromordinal(end).isoformat(),
            area,
            team,
            practitioner,
            _T_ETHNICITY.values[self.ethnicity[k]],
            _age_band(born, self.today),
            _T_DISABILITY.values[self.disability[k]],
        )

    def rows(self) -> Iterator[tuple[str, ...]]:
        """Every record as text, in the list's (shuffled) order."""
        return map(self.row, self.order)


def synthetic_long_list(n: int, seed: int, today: date) -> list[dict[str, str]]:
    """``n`` fictional long-list rows (columns :data:`SYNTHETIC_COLUMNS`), reproducibly."""
    return [
        dict(zip(SYNTHETIC_COLUMNS, row, strict=True)) for row in _Records(n, seed, today).rows()
    ]


def write_synthetic_long_list(path: Path, n: int, seed: int, today: date) -> None:
    """Write the rows of :func:`synthetic_long_list` to a UTF-8 CSV file with a header,
    row by row: the memory it takes is a couple of hundred bytes a row, not the rows' text."""
    records = _Records(n, seed, today)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(SYNTHETIC_COLUMNS)
        writer.writerows(records.rows())


def write_long_list_csv(rows: Sequence[dict[str, str]], path: Path) -> None:
    """Write rows (as from :func:`synthetic_long_list`) to a UTF-8 CSV file with a header."""
    columns = list(rows[0]) if rows else list(SYNTHETIC_COLUMNS)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m pinspect.synthetic OUT.csv [--rows N] [--seed S] [--today YYYY-MM-DD]``."""
    import argparse  # noqa: PLC0415  (only the command needs it)

    parser = argparse.ArgumentParser(
        prog="python -m pinspect.synthetic", description="Write a fictional long list."
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 1))
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_synthetic_long_list(args.out, args.rows, args.seed, args.today)
    print(f"{args.out}: {args.rows} fictional people")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
