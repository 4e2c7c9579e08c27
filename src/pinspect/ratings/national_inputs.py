"""Reading a national data set: many inspections' answers in one long-format file.

The answers file (CSV through :func:`pinspect.tabular_file.read_tabular_file`, or Parquet read
with pyarrow) has one row per answer: ``inspection,case_id,question,answer`` and any other
columns are case attributes (sex, ethnicity, age band …), the same value on every row of a
case. The inspections file (CSV or XLSX) says ``inspection,framework,region`` for each
inspection; the region may be empty only for a framework whose cases are a national data set
(002 decision 7).

Every problem in either file is reported together with its file, line and field (for Parquet,
"line" is the row number, counting the first row of data as 1); nothing is returned
half-read. Columns are integer-coded once (each distinct text parsed once), so millions of
answers are read without a pass of Python code per row for Parquet files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.catalogue import Catalogue
from pinspect.problems import InputError, Problem
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import NOT_RECORDED, AnswerTable, CaseAttribute
from pinspect.tabular_file import FileLimits, read_tabular_file

__all__ = [
    "ANSWER_COLUMNS",
    "NationalAnswers",
    "NationalInspections",
    "read_national_answers",
    "read_national_inspections",
]

IntArray = npt.NDArray[np.int64]

ANSWER_COLUMNS = ("inspection", "case_id", "question", "answer")
"""The columns every national answers file has; any others are case attributes."""

_MAX_PROBLEMS_PER_KIND = 1000
"""Problems of one kind reported at most (then one line says how many more there were)."""


@dataclass(frozen=True)
class NationalInspections:
    """Each inspection's framework and region, in the order of the inspections file."""

    path: str
    frameworks: dict[str, str]
    regions: dict[str, str | None]
    lines: dict[str, int]


@dataclass(frozen=True)
class NationalAnswers:
    """One answer table per framework (its inspections in inspections-file order), all with
    the same case attributes."""

    inspections: NationalInspections
    tables: dict[str, AnswerTable]
    attributes: tuple[str, ...]


def read_national_inspections(
    path: str | Path, catalogue: Catalogue, limits: FileLimits | None = None
) -> NationalInspections:
    """Read ``inspection,framework,region``; every problem reported together."""
    data = read_tabular_file(path, required=("inspection", "framework", "region"), limits=limits)
    file = data.path
    problems: list[Problem] = []
    frameworks: dict[str, str] = {}
    regions: dict[str, str | None] = {}
    lines: dict[str, int] = {}
    for row in data.rows:
        label, framework_id, region = row.get("inspection"), row.get("framework"), row.get("region")
        ok = True
        if not label:
            problems.append(Problem(file, row.line, "inspection", "the inspection is empty"))
            ok = False
        elif label in lines:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "inspection",
                    f"inspection {label!r} is listed twice (first on line {lines[label]})",
                )
            )
            ok = False
        framework = catalogue.get(framework_id)
        if framework is None:
            known = ", ".join(sorted(catalogue))
            problems.append(
                Problem(
                    file,
                    row.line,
                    "framework",
                    f"unknown framework {framework_id!r}; known: {known}",
                )
            )
            ok = False
        elif not region and framework.case_inspection is None:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "region",
                    f"inspection {label!r} has no region; only a national inspection's cases "
                    "(002 decision 7) may have none",
                )
            )
            ok = False
        if ok:
            frameworks[label] = framework_id
            regions[label] = region or None
            lines[label] = row.line
    if problems:
        raise InputError(problems)
    return NationalInspections(file, frameworks, regions, lines)


@dataclass(frozen=True)
class _Column:
    """One text column integer-coded: ``codes[row]`` indexes ``values`` (distinct texts)."""

    values: list[str]
    codes: IntArray


def _coded(texts: Sequence[str]) -> _Column:
    index: dict[str, int] = {}
    codes = np.fromiter(
        (index.setdefault(t, len(index)) for t in texts), dtype=np.int64, count=len(texts)
    )
    return _Column(list(index), codes)


@dataclass(frozen=True)
class _Columns:
    file: str
    names: tuple[str, ...]
    columns: dict[str, _Column]
    lines: IntArray


def _read_csv(path: str | Path, limits: FileLimits | None) -> _Columns:
    data = read_tabular_file(path, required=ANSWER_COLUMNS, extra=True, limits=limits)
    columns = {
        name: _coded([row.cells.get(name, "") for row in data.rows]) for name in data.columns
    }
    lines = np.fromiter((row.line for row in data.rows), dtype=np.int64, count=len(data.rows))
    return _Columns(data.path, data.columns, columns, lines)


def _read_parquet(path: str | Path) -> _Columns:
    import pyarrow as pa  # noqa: PLC0415  (only Parquet input needs it)
    import pyarrow.compute as pc  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    file = str(path)
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as error:
        raise InputError.single(f"cannot read the Parquet file: {error}", file=file) from None
    names = tuple(name.strip().lower() for name in table.column_names)
    problems = [
        Problem(
            file,
            None,
            column,
            f"the file has no {column!r} column; expected " + ",".join(ANSWER_COLUMNS),
        )
        for column in ANSWER_COLUMNS
        if column not in names
    ]
    problems.extend(
        Problem(file, None, name, f"column {name!r} appears twice")
        for position, name in enumerate(names)
        if name in names[:position]
    )
    if problems:
        raise InputError(problems)
    if table.num_rows == 0:
        raise InputError.single("the file has no rows", file=file)
    columns: dict[str, _Column] = {}
    for name, column in zip(names, table.columns, strict=True):
        try:
            text = pc.cast(column, pa.string())
        except pa.ArrowException as error:
            raise InputError.single(
                f"column {name!r} cannot be read as text: {error}", file=file, field=name
            ) from None
        text = pc.utf8_trim_whitespace(pc.fill_null(text, ""))
        encoded = pc.dictionary_encode(text).combine_chunks()
        columns[name] = _Column(
            [str(v) for v in encoded.dictionary.to_pylist()],
            encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64),
        )
    lines = np.arange(1, table.num_rows + 1, dtype=np.int64)
    return _Columns(file, names, columns, lines)


class _Problems:
    """Problems collected by kind, at most :data:`_MAX_PROBLEMS_PER_KIND` of each kind."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.found: list[Problem] = []

    def rows(self, lines: IntArray, rows: IntArray, field: str, message: str) -> None:
        for row in rows[:_MAX_PROBLEMS_PER_KIND].tolist():
            self.found.append(Problem(self.file, int(lines[row]), field, message))
        if rows.shape[0] > _MAX_PROBLEMS_PER_KIND:
            more = rows.shape[0] - _MAX_PROBLEMS_PER_KIND
            self.found.append(
                Problem(self.file, None, field, f"and {more:,} more rows with: {message}")
            )


def read_national_answers(
    path: str | Path, inspections: NationalInspections, limits: FileLimits | None = None
) -> NationalAnswers:
    """Read the answers file (``.parquet`` with pyarrow, else CSV or XLSX) into one answer
    table per framework. Answers are not yet checked against the frameworks' questions:
    rating does that, naming the file and line of each problem."""
    suffix = Path(path).suffix.lower()
    data = _read_parquet(path) if suffix == ".parquet" else _read_csv(path, limits)
    problems = _Problems(data.file)
    lines = data.lines
    for name in ANSWER_COLUMNS:
        column = data.columns[name]
        if "" in column.values:
            empty = np.flatnonzero(column.codes == column.values.index(""))
            problems.rows(lines, empty, name, f"the {name.replace('_', ' ')} is empty")

    answer_column = data.columns["answer"]
    answer_code = np.full(len(answer_column.values), -1, dtype=np.int64)
    for code, word in enumerate(answer_column.values):
        try:
            answer_code[code] = int(Answer.parse(word)) if word else -1
        except ValueError:
            bad = np.flatnonzero(answer_column.codes == code)
            problems.rows(
                lines,
                bad,
                "answer",
                f"{word!r} is not an answer; expected yes, no or n/a (y, n, na accepted; "
                "outcomes: met, part met, not met)",
            )
    answers = answer_code[answer_column.codes]

    inspection_column = data.columns["inspection"]
    unknown = [
        code
        for code, label in enumerate(inspection_column.values)
        if label and label not in inspections.frameworks
    ]
    for code in unknown:
        label = inspection_column.values[code]
        problems.rows(
            lines,
            np.flatnonzero(inspection_column.codes == code),
            "inspection",
            f"inspection {label!r} is not in the inspections file {inspections.path}",
        )
    answered = set(inspection_column.values)
    for label, line in inspections.lines.items():
        if label not in answered:
            problems.found.append(
                Problem(
                    inspections.path, line, "inspection", f"inspection {label!r} has no answers"
                )
            )

    attribute_names = tuple(n for n in data.names if n not in ANSWER_COLUMNS)
    case_column = data.columns["case_id"]
    case_key = inspection_column.codes * len(case_column.values) + case_column.codes
    keys, first_row, case_of_row = np.unique(case_key, return_index=True, return_inverse=True)
    for name in attribute_names:
        column = data.columns[name]
        first_code = column.codes[first_row]
        differs = np.flatnonzero(column.codes != first_code[case_of_row])
        for row in differs[:_MAX_PROBLEMS_PER_KIND].tolist():
            case = int(case_of_row[row])
            problems.found.append(
                Problem(
                    data.file,
                    int(lines[row]),
                    name,
                    f"case {case_column.values[int(case_column.codes[row])]!r} has "
                    f"{name} {column.values[int(column.codes[row])]!r} here but "
                    f"{column.values[int(first_code[case])]!r} on line "
                    f"{int(lines[first_row[case]])}",
                )
            )
        if differs.shape[0] > _MAX_PROBLEMS_PER_KIND:
            problems.found.append(
                Problem(
                    data.file,
                    None,
                    name,
                    f"and {differs.shape[0] - _MAX_PROBLEMS_PER_KIND:,} more rows whose "
                    f"{name} differs from the case's first row",
                )
            )
    if problems.found:
        raise InputError(problems.found)

    tables: dict[str, AnswerTable] = {}
    framework_ids = sorted(set(inspections.frameworks.values()))
    case_inspection_code = inspection_column.codes[first_row]
    for framework_id in framework_ids:
        labels = tuple(
            label for label, fid in inspections.frameworks.items() if fid == framework_id
        )
        tables[framework_id] = _framework_table(
            data,
            labels,
            answers=answers,
            case_of_row=case_of_row,
            first_row=first_row,
            case_inspection_code=case_inspection_code,
            attribute_names=attribute_names,
        )
    del keys
    return NationalAnswers(inspections, tables, attribute_names)


def _framework_table(
    data: _Columns,
    labels: tuple[str, ...],
    *,
    answers: IntArray,
    case_of_row: IntArray,
    first_row: IntArray,
    case_inspection_code: IntArray,
    attribute_names: tuple[str, ...],
) -> AnswerTable:
    """The answer table of the inspections ``labels`` (all of one framework)."""
    inspection_column = data.columns["inspection"]
    position = np.full(len(inspection_column.values), -1, dtype=np.int64)
    for index, label in enumerate(labels):
        position[inspection_column.values.index(label)] = index
    rows = np.flatnonzero(position[inspection_column.codes] >= 0)
    cases_used, case = np.unique(case_of_row[rows], return_inverse=True)
    question_column = data.columns["question"]
    questions_used, question = np.unique(question_column.codes[rows], return_inverse=True)
    case_column = data.columns["case_id"]
    case_rows = first_row[cases_used]
    attributes = []
    for name in attribute_names:
        column = data.columns[name]
        texts = [column.values[c] for c in column.codes[case_rows].tolist()]
        distinct = sorted({t for t in texts if t})
        value_code = {v: i for i, v in enumerate(distinct)}
        codes = np.asarray([value_code.get(t, NOT_RECORDED) for t in texts], dtype=np.int64)
        attributes.append(CaseAttribute(name, tuple(distinct), codes))
    return AnswerTable(
        cases=tuple(case_column.values[c] for c in case_column.codes[case_rows].tolist()),
        questions=tuple(question_column.values[q] for q in questions_used.tolist()),
        case=case.astype(np.int64),
        question=question.astype(np.int64),
        answer=answers[rows],
        lines=data.lines[rows],
        source=data.file,
        inspections=labels,
        case_inspection=position[case_inspection_code[cases_used]],
        attributes=tuple(attributes),
    )
