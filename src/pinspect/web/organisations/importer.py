"""CSV (or XLSX) import of units: ``code,name,level,parent`` with every row and field problem
reported.

The file is read by the core's one reader of tabular files
(:func:`pinspect.tabular_file.table_rows`: UTF-8, caps on rows and cells, NUL characters and
unpaired surrogates refused by line and column). Rows may come in any order (a parent may
follow its child). Nothing is written unless the whole file is valid; existing units with the
same code are updated.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from pinspect.problems import InputError, Problem
from pinspect.tabular_file import FileLimits, table_rows
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


def parse_units(
    data: bytes, *, file: str = "units.csv", limits: FileLimits | None = None
) -> list[UnitRow]:
    """Read and check the file; raise :class:`InputError` with every problem."""
    numbered = table_rows(data, file=file, limits=limits)
    first = next((i for i, (_, cells) in enumerate(numbered) if any(cells)), None)
    if first is None:
        raise InputError.single(
            "the file is empty; expected a header: " + ",".join(COLUMNS), file=file, line=1
        )
    header_line, header = numbered[first][0], [h.strip().lower() for h in numbered[first][1]]
    _check_header(header, header_line, file)
    position = {c: header.index(c) for c in COLUMNS}
    problems: list[Problem] = []
    rows: list[UnitRow] = []
    seen: dict[str, int] = {}
    for line, cells in numbered[first + 1 :]:
        if not any(cell.strip() for cell in cells):
            continue
        values = {c: (cells[i] if i < len(cells) else "").strip() for c, i in position.items()}
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
    if not problems and not rows:
        problems.append(Problem(file, header_line, None, "the file has a header but no units"))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field or "")))
    return rows


def _check_header(header: list[str], line: int, file: str) -> None:
    """Every column named once, none missing, none unknown."""
    problems: list[Problem] = []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problems.append(
            Problem(
                file,
                line,
                None,
                f"the header lacks {', '.join(missing)} (expected {','.join(COLUMNS)})",
            )
        )
    seen: set[str] = set()
    for column in header:
        if column in seen:
            problems.append(Problem(file, line, column, f"column {column!r} appears twice"))
        elif column and column not in COLUMNS:
            problems.append(
                Problem(
                    file,
                    line,
                    column,
                    f"unexpected column {column!r}; expected {','.join(COLUMNS)}",
                )
            )
        seen.add(column)
    if problems:
        raise InputError(problems)


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


def import_units(
    data: bytes, *, actor: object, file: str = "units.csv", limits: FileLimits | None = None
) -> list[Unit]:
    """Check the whole file, then create or update every unit, parents first, audited."""
    rows = parse_units(data, file=file, limits=limits)
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
