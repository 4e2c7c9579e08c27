"""A prepared sample: cases already drawn elsewhere, uploaded instead of a long list.

Columns ``reference,stratum[,sample][,reserve_rank][,<attribute>…]`` where an attribute is
one of the case attributes (sex, ethnicity, age_band, disability, religion,
sexual_orientation, case_type, unpaid_work_only, no_rehabilitative_requirements; the last
three say which prompts apply to the case, 003 Annexe A §3). References must already be
pseudonymous: a column that identifies a person (crn, pnc, names, date of birth) is refused,
never read. Every row is checked and every problem reported with its file, line and field;
nothing is saved unless the whole file is valid.
"""

from __future__ import annotations

from collections.abc import Sequence

from pinspect.frameworks.applicability import case_kind_attributes, case_kind_from
from pinspect.problems import InputError, Problem
from pinspect.web.assessments.models import ATTRIBUTE_NAMES
from pinspect.web.samples.recording import NewCase
from pinspect.web.samples.upload import table_rows

__all__ = ["COLUMNS", "IDENTIFYING_COLUMNS", "read_prepared_sample"]

REQUIRED = ("reference", "stratum")
OPTIONAL = ("sample", "reserve_rank", *ATTRIBUTE_NAMES)
COLUMNS = (*REQUIRED, *OPTIONAL)
IDENTIFYING_COLUMNS = frozenset(
    {"crn", "pnc", "first_name", "family_name", "name", "date_of_birth", "dob"}
)
_MAX_LENGTH = {"reference": 40, "stratum": 80, "sample": 30}
_MAX_ATTRIBUTE_LENGTH = 100
_DEFAULT_SAMPLE = "supervision"


def _header(header: Sequence[str], line: int, file: str) -> list[str]:
    columns = [cell.strip().lower().replace(" ", "_") for cell in header]
    while columns and not columns[-1]:
        columns.pop()
    if not columns:
        raise InputError.single(
            "the file is empty; expected a header: " + ",".join(REQUIRED), file=file, line=line
        )
    problems = []
    seen: set[str] = set()
    for column in columns:
        if not column:
            problems.append(Problem(file, line, None, "a header cell is empty"))
        elif column in IDENTIFYING_COLUMNS:
            problems.append(
                Problem(
                    file,
                    line,
                    column,
                    "a prepared sample must not identify people: remove this column "
                    "(cases are stored under pseudonymous references only)",
                )
            )
        elif column not in COLUMNS:
            problems.append(
                Problem(file, line, column, "unexpected column; expected " + ",".join(COLUMNS))
            )
        elif column in seen:
            problems.append(Problem(file, line, column, "this column appears more than once"))
        seen.add(column)
    problems.extend(
        Problem(file, line, column, "required column is missing")
        for column in REQUIRED
        if column not in columns
    )
    if problems:
        raise InputError(problems)
    return columns


class _Rows:
    """Checks rows one by one, remembering references and reserve ranks already seen."""

    def __init__(self, file: str, columns: Sequence[str]) -> None:
        self.file = file
        self.columns = columns
        self.references: dict[str, int] = {}
        self.ranks: dict[tuple[str, int], int] = {}

    def check(self, line: int, values: Sequence[str]) -> tuple[NewCase | None, list[Problem]]:
        file, columns = self.file, self.columns
        if len(values) > len(columns) and any(v.strip() for v in values[len(columns) :]):
            message = f"the row has more cells than the header's {len(columns)}"
            return None, [Problem(file, line, None, message)]
        cells = {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(columns)}
        problems = [
            Problem(file, line, column, f"at most {limit} characters")
            for column, limit in _MAX_LENGTH.items()
            if len(cells.get(column, "")) > limit
        ]
        ref = cells["reference"]
        if not ref:
            problems.append(Problem(file, line, "reference", "a reference is required"))
        elif ref in self.references:
            message = f"the same reference as line {self.references[ref]}"
            problems.append(Problem(file, line, "reference", message))
        else:
            self.references[ref] = line
        if not cells["stratum"]:
            problems.append(Problem(file, line, "stratum", "a stratum is required"))
        sample = cells.get("sample") or _DEFAULT_SAMPLE
        rank = self._rank(line, sample, cells.get("reserve_rank", ""), problems)
        attributes = {}
        for name in ATTRIBUTE_NAMES:
            value = cells.get(name, "")
            if len(value) > _MAX_ATTRIBUTE_LENGTH:
                message = f"at most {_MAX_ATTRIBUTE_LENGTH} characters"
                problems.append(Problem(file, line, name, message))
            elif value:
                attributes[name] = value
        try:
            kind = case_kind_from(attributes)
        except ValueError as error:
            column, message = str(error).split(": ", 1)
            problems.append(Problem(file, line, column, message))
        else:
            attributes.update(case_kind_attributes(kind))
        if problems:
            return None, problems
        return NewCase(ref, cells["stratum"], sample, rank, attributes), []

    def _rank(self, line: int, sample: str, text: str, problems: list[Problem]) -> int | None:
        if not text:
            return None
        if not text.isdigit() or int(text) < 1:
            message = "a reserve rank is a whole number from 1"
            problems.append(Problem(self.file, line, "reserve_rank", message))
            return None
        rank = int(text)
        if (sample, rank) in self.ranks:
            message = f"the same reserve rank as line {self.ranks[(sample, rank)]}"
            problems.append(Problem(self.file, line, "reserve_rank", message))
        self.ranks.setdefault((sample, rank), line)
        return rank


def read_prepared_sample(data: bytes, *, file: str) -> list[NewCase]:
    """Validate an uploaded prepared sample (.csv or .xlsx) and return its cases."""
    numbered = table_rows(data, file)
    if not numbered:
        raise InputError.single("the file is empty", file=file, line=1)
    header_line, header = numbered[0]
    rows = _Rows(file, _header(header, header_line, file))
    problems: list[Problem] = []
    cases: list[NewCase] = []
    for line, values in numbered[1:]:
        if not any(v.strip() for v in values):
            continue
        case, found = rows.check(line, values)
        problems.extend(found)
        if case is not None:
            cases.append(case)
    if not problems and not cases:
        problems.append(Problem(file, header_line + 1, None, "the file has a header but no cases"))
    elif not problems and not any(c.reserve_rank is None for c in cases):
        problems.append(
            Problem(file, None, None, "the file has no sample cases (every row is a reserve case)")
        )
    if problems:
        raise InputError(problems)
    return cases
