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
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from pinspect.sampling.longlist import DEFAULT_COLUMNS

__all__ = ["SYNTHETIC_COLUMNS", "synthetic_long_list", "write_long_list_csv"]

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


def _pick(rng: random.Random, table: Sequence[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def _age_band(born: date, today: date) -> str:
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < 25:
        return "18-24"
    if age < 35:
        return "25-34"
    if age < 50:
        return "35-49"
    return "50+"


def _practitioners(n: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """(area, team, practitioner) for each case: caseloads of 30–60, teams of 5–9."""
    areas = _AREAS[: rng.randint(3, 5)]
    slots: list[tuple[str, str, str]] = []
    team_number = 0
    while len(slots) < n:
        team_number += 1
        area = areas[team_number % len(areas)]
        team = f"{area} {_TEAM_WORDS[team_number % len(_TEAM_WORDS)]} {team_number}"
        for member in range(rng.randint(5, 9)):
            name = f"{rng.choice(_FIRST)} {rng.choice(_FAMILY_START)}{rng.choice(_FAMILY_END)}"
            practitioner = f"{name} ({team_number}.{member + 1})"
            slots.extend([(area, team, practitioner)] * rng.randint(30, 60))
    rng.shuffle(slots)
    return slots[:n]


def synthetic_long_list(n: int, seed: int, today: date) -> list[dict[str, str]]:
    """``n`` fictional long-list rows (columns :data:`SYNTHETIC_COLUMNS`), reproducibly."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    duplicates = n // 200
    people = n - duplicates
    crns = rng.sample(range(100_000, 1_000_000), people)
    places = _practitioners(people, rng)
    rows: list[dict[str, str]] = []
    for i in range(people):
        roll = rng.random()
        if roll < 0.85:
            sex = _pick(rng, _MALE)
        elif roll < 0.99:
            sex = _pick(rng, _FEMALE)
        else:
            sex = _pick(rng, _OTHER_SEX)
        custody = rng.random() < 0.4
        sentence = _pick(rng, _CUSTODY if custody else _COMMUNITY)
        born = today - timedelta(days=rng.randint(18 * 365 + 5, 75 * 365))
        if rng.random() < 0.02:
            start = today + timedelta(days=rng.randint(1, 60))
        else:
            start = today - timedelta(days=rng.randint(0, 730))
        end = "" if rng.random() < 0.05 else (start + timedelta(days=rng.randint(180, 1095)))
        first = rng.choice(_FIRST)
        family = f"{rng.choice(_FAMILY_START)}{rng.choice(_FAMILY_END)}"
        if rng.random() < 0.003:
            first, family = "*****", "*****"
        area, team, practitioner = places[i]
        row = {
            "crn": f"Z{crns[i]:06d}",
            "pnc": "" if rng.random() < 0.1 else f"1900/{i:07d}{chr(65 + i % 26)}",
            "first_name": first,
            "family_name": family,
            "date_of_birth": born.isoformat(),
            "sex": sex,
            "sentence_type": sentence,
            "rosh": "" if rng.random() < 0.001 else _pick(rng, _ROSH),
            "start_date": start.isoformat(),
            "end_date": end if isinstance(end, str) else end.isoformat(),
            "area": area,
            "team": team,
            "practitioner": practitioner,
            "ethnicity": _pick(rng, _ETHNICITY),
            "age_band": _age_band(born, today),
            "disability": _pick(rng, _DISABILITY),
        }
        rows.append(row)
    used = set(crns)
    for _ in range(duplicates):
        original = rows[rng.randrange(people)]
        number = rng.randrange(100_000, 1_000_000)
        while number in used:
            number = rng.randrange(100_000, 1_000_000)
        used.add(number)
        later = date.fromisoformat(original["start_date"]) + timedelta(days=rng.randint(1, 365))
        rows.append(
            {
                **original,
                "crn": f"Z{number:06d}",
                "start_date": later.isoformat(),
                "end_date": (later + timedelta(days=rng.randint(180, 730))).isoformat(),
            }
        )
    rng.shuffle(rows)
    return rows


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
    write_long_list_csv(synthetic_long_list(args.rows, args.seed, args.today), args.out)
    print(f"{args.out}: {args.rows} fictional people")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
