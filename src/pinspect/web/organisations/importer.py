"""CSV import of units: ``code,name,level,parent`` with every row and field problem reported.

Rows may come in any order (a parent may follow its child). Nothing is written unless the
whole file is valid; existing units with the same code are updated.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction

from pinspect.problems import InputError, Problem
from pinspect.text import text_problem
from pinspect.web.audit.record import record_changes
from pinspect.web.organisations.models import LEVEL_ORDER, Unit, parent_level

__all__ = ["COLUMNS", "UnitRow", "import_units", "parse_units"]

COLUMNS = ("code", "name", "level", "parent")
# What each column may hold: the text rule with the database column's length.
_LENGTHS = {
    "code": Unit._meta.get_field("code").max_length,
    "name": Unit._meta.get_field("name").max_length,
    "level": Unit._meta.get_field("level").max_length,
    "parent": Unit._meta.get_field("code").max_length,
}


@dataclass(frozen=True)
class UnitRow:
    line: int
    code: str
    name: str
    level: str
    parent: str


def parse_units(text: str, *, file: str = "units.csv") -> list[UnitRow]:
    """Read and check the CSV; raise :class:`InputError` with every problem."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InputError.single(
            f"the header lacks {', '.join(missing)} (expected {','.join(COLUMNS)})",
            file=file,
            line=1,
        )
    reader.fieldnames = header
    problems: list[Problem] = []
    rows: list[UnitRow] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):
        values = {c: (raw.get(c) or "").strip() for c in COLUMNS}
        unstorable = {
            column: problem
            for column in COLUMNS
            if (problem := text_problem(values[column], max_length=_LENGTHS[column]))
        }
        if unstorable:
            problems.extend(
                Problem(file, line, column, f"the {column} {problem}")
                for column, problem in unstorable.items()
            )
            continue
        row = UnitRow(
            line, values["code"], values["name"], values["level"].lower(), values["parent"]
        )
        if not row.code:
            problems.append(Problem(file, line, "code", "the code is empty"))
        elif row.code in seen:
            problems.append(
                Problem(
                    file,
                    line,
                    "code",
                    f"{row.code!r} is listed twice (first on line {seen[row.code]})",
                )
            )
        else:
            seen[row.code] = line
        if not row.name:
            problems.append(Problem(file, line, "name", "the name is empty"))
        if row.level not in LEVEL_ORDER:
            problems.append(
                Problem(
                    file,
                    line,
                    "level",
                    f"{row.level!r} is not a level; expected {', '.join(LEVEL_ORDER)}",
                )
            )
        rows.append(row)
    problems.extend(_parent_problems(rows, file))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field or "")))
    return rows


def _parent_problems(rows: list[UnitRow], file: str) -> list[Problem]:
    levels = {r.code: r.level for r in rows if r.code}
    known = dict(
        Unit.objects.filter(code__in={r.parent for r in rows if r.parent}).values_list(
            "code", "level"
        )
    )
    problems = []
    for row in rows:
        if row.level not in LEVEL_ORDER:
            continue
        wanted = parent_level(row.level)
        if wanted is None:
            if row.parent:
                problems.append(Problem(file, row.line, "parent", "a nation has no parent"))
            continue
        if not row.parent:
            problems.append(
                Problem(file, row.line, "parent", f"a {row.level} needs a parent {wanted}")
            )
            continue
        level = levels.get(row.parent, known.get(row.parent))
        if level is None:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "parent",
                    f"no unit {row.parent!r} in the file or already stored",
                )
            )
        elif level != wanted:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "parent",
                    f"{row.parent!r} is a {level}; a {row.level} sits under a {wanted}",
                )
            )
    return problems


def import_units(text: str, *, actor: object, file: str = "units.csv") -> list[Unit]:
    """Check the whole file, then create or update every unit, parents first, audited."""
    rows = parse_units(text, file=file)
    ordered = sorted(rows, key=lambda r: LEVEL_ORDER.index(r.level))
    units: list[Unit] = []
    with transaction.atomic():
        for row in ordered:
            parent = Unit.objects.get(code=row.parent) if row.parent else None
            unit = Unit.objects.filter(code=row.code).first()
            old = (
                {}
                if unit is None
                else {"name": unit.name, "level": unit.level, "parent": unit.parent_id}
            )
            if unit is None:
                unit = Unit(code=row.code)
            unit.name, unit.level, unit.parent = row.name, row.level, parent
            unit.save()
            new = {"name": unit.name, "level": unit.level, "parent": unit.parent_id}
            record_changes(
                actor=actor, inspection=None, obj=unit, old=old, new=new, label=unit.code
            )
            units.append(unit)
    return units
