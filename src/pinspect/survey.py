"""The survey of people on probation: reading its results and showing their counts.

Seed 003 §5.6: "a short text survey which will be sent to all people on probation under the
supervision of the PDU that we are inspecting"; §5.7: "The standard questions we ask of people
on probation will link directly to the relevant domain one prompts in our broader framework."
§5.8: their views "should have the same status as other sources of evidence"; §5.9: they are
summarised "in a dedicated section in the inspection report".

Two CSV files (UTF-8, a byte-order mark allowed; or XLSX workbooks), read by the one reader of
tabular files (:func:`pinspect.tabular_file.table_rows`), make one survey:

* the **questions** file, header ``id,text,options,prompts``: one row per question; ``options``
  are the responses offered, in order, separated by ``|``; ``prompts`` the ids of the domain-one
  prompts the question informs, separated by spaces, commas or semicolons (may be empty);
* the **responses** file: one row per respondent, one column per question (headed by the
  question's id), each cell one of that question's options or blank (no answer). A
  ``respondent`` column may be present; it is read past and never kept.

:func:`parse_survey` checks both and reports **every** problem (file, line, field) in one
:class:`~pinspect.problems.InputError`; only counts per option survive, in the order offered.
:func:`shown_counts` applies small-number suppression (the ``suppress_below`` setting) for pages
and reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pinspect.frameworks.model import Framework, Prompt, RatedBy
from pinspect.problems import InputError, Problem
from pinspect.report.inputs import SurveyQuestion
from pinspect.stats.suppression import is_suppressed
from pinspect.tabular_file import FileLimits, extra_cells, table_rows

__all__ = [
    "QUESTION_COLUMNS",
    "RESPONDENT_COLUMN",
    "ShownCounts",
    "judged_prompt_ids",
    "parse_survey",
    "read_survey",
    "shown_counts",
]

QUESTION_COLUMNS = ("id", "text", "options", "prompts")
RESPONDENT_COLUMN = "respondent"
MAX_QUESTION_ID = 40
_QUESTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PROMPT_SEPARATORS = re.compile(r"[\s,;]+")


def _key(text: str) -> str:
    """How an option or a question id is matched: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


def judged_prompt_ids(framework: Framework) -> frozenset[str]:
    """The prompts of the framework's judged (domain one) standards, which a survey question may
    inform (seed 003 §5.7; judged standards: seed 001 §4.14)."""
    return frozenset(
        prompt.id
        for standard in framework.standards
        if standard.rated_by is RatedBy.JUDGEMENT
        for kq in standard.key_questions
        for prompt in kq.prompts
    )


@dataclass(frozen=True)
class _Question:
    id: str
    text: str
    options: tuple[str, ...]
    prompts: tuple[str, ...]


def _rows(
    source: str | bytes, file: str, limits: FileLimits | None
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """The file's non-blank rows, read by the one reader of tabular files."""
    data = source.encode("utf-8", "surrogatepass") if isinstance(source, str) else source
    try:
        numbered = table_rows(data, file=file, limits=limits)
    except InputError as error:
        return [], list(error.problems)
    rows = [(line, [v.strip() for v in values]) for line, values in numbered]
    return [(n, v) for n, v in rows if any(v)], []


def _header(rows: list[tuple[int, list[str]]]) -> tuple[int, list[str]] | None:
    if not rows:
        return None
    line, header = rows[0]
    while header and not header[-1]:
        header.pop()
    return line, header


def _read_questions(
    text: str | bytes, file: str, framework: Framework, limits: FileLimits | None
) -> tuple[list[_Question], list[Problem]]:
    rows, problems = _rows(text, file, limits)
    if problems:
        return [], problems
    found = _header(rows)
    if found is None:
        return [], [
            Problem(
                file, 1, None, "the file is empty; expected a header: " + ",".join(QUESTION_COLUMNS)
            )
        ]
    header_line, header = found
    names = [h.lower() for h in header]
    for column in QUESTION_COLUMNS:
        if column not in names:
            problems.append(
                Problem(
                    file,
                    header_line,
                    column,
                    f"the header has no {column!r} column; expected " + ",".join(QUESTION_COLUMNS),
                )
            )
    for index, column in enumerate(names):
        if column in names[:index]:
            problems.append(
                Problem(file, header_line, column or None, f"column {column!r} appears twice")
            )
        elif column not in QUESTION_COLUMNS:
            problems.append(
                Problem(
                    file,
                    header_line,
                    column or None,
                    f"unexpected column {column!r}; expected " + ",".join(QUESTION_COLUMNS),
                )
            )
    if problems:
        return [], problems
    position = {name: names.index(name) for name in QUESTION_COLUMNS}
    known_prompts = judged_prompt_ids(framework)
    questions: list[_Question] = []
    seen: dict[str, int] = {}
    for line, values in rows[1:]:
        if len(values) > len(names) and any(values[len(names) :]):
            problems.append(
                Problem(
                    file,
                    line,
                    None,
                    f"the row has {len(values)} cells; the header has {len(names)}",
                )
            )
            continue
        cell = {n: (values[i] if i < len(values) else "") for n, i in position.items()}
        row_problems = _question_problems(
            cell, file, line=line, framework=framework, known_prompts=known_prompts, seen=seen
        )
        problems.extend(row_problems)
        if not row_problems:
            questions.append(
                _Question(
                    id=cell["id"],
                    text=cell["text"],
                    options=tuple(o.strip() for o in cell["options"].split("|")),
                    prompts=tuple(p for p in _PROMPT_SEPARATORS.split(cell["prompts"]) if p),
                )
            )
        if cell["id"]:
            seen.setdefault(_key(cell["id"]), line)
    if not problems and not questions:
        problems.append(Problem(file, header_line, None, "the file has a header but no questions"))
    return questions, problems


def _question_problems(
    cell: dict[str, str],
    file: str,
    *,
    line: int,
    framework: Framework,
    known_prompts: frozenset[str],
    seen: dict[str, int],
) -> list[Problem]:
    problems: list[Problem] = []
    question_id = cell["id"]
    if not question_id:
        problems.append(Problem(file, line, "id", "the question has no id"))
    elif len(question_id) > MAX_QUESTION_ID or not _QUESTION_ID.match(question_id):
        problems.append(
            Problem(
                file,
                line,
                "id",
                f"{question_id!r} is not a question id: use letters, digits, '.', '_' or '-', "
                f"at most {MAX_QUESTION_ID} characters",
            )
        )
    elif question_id.lower() == RESPONDENT_COLUMN:
        problems.append(
            Problem(file, line, "id", f"{RESPONDENT_COLUMN!r} names the respondent column")
        )
    elif _key(question_id) in seen:
        problems.append(
            Problem(
                file,
                line,
                "id",
                f"question {question_id!r} is already on line {seen[_key(question_id)]}",
            )
        )
    if not cell["text"]:
        problems.append(Problem(file, line, "text", "the question has no text"))
    options = [o.strip() for o in cell["options"].split("|")]
    if not cell["options"] or any(not o for o in options):
        problems.append(
            Problem(
                file, line, "options", "list the responses offered, separated by '|' (none empty)"
            )
        )
    elif len(options) < 2:
        problems.append(Problem(file, line, "options", "a question offers at least two responses"))
    else:
        keys = [_key(o) for o in options]
        for option, key in zip(options, keys, strict=True):
            if keys.count(key) > 1:
                problems.append(
                    Problem(file, line, "options", f"the response {option!r} is offered twice")
                )
                break
    for prompt_id in (p for p in _PROMPT_SEPARATORS.split(cell["prompts"]) if p):
        problems.extend(_prompt_problem(prompt_id, file, line, framework, known_prompts))
    return problems


def _prompt_problem(
    prompt_id: str, file: str, line: int, framework: Framework, known: frozenset[str]
) -> list[Problem]:
    if prompt_id in known:
        return []
    element = framework.element(prompt_id)
    if isinstance(element, Prompt):
        standard = framework.standard_of(framework.key_question_of(prompt_id).id)
        return [
            Problem(
                file,
                line,
                "prompts",
                f"{prompt_id} is a prompt of {standard.id}, which is not a judged (domain one) "
                "standard; survey questions inform domain one prompts (seed 003 §5.7)",
            )
        ]
    return [Problem(file, line, "prompts", f"{prompt_id!r} is not a prompt of {framework.id}")]


def _count_responses(
    text: str | bytes, file: str, questions: Sequence[_Question], limits: FileLimits | None
) -> tuple[dict[str, dict[str, int]], list[Problem]]:
    rows, problems = _rows(text, file, limits)
    if problems:
        return {}, problems
    found = _header(rows)
    if found is None:
        expected = ",".join(q.id for q in questions)
        return {}, [Problem(file, 1, None, f"the file is empty; expected a header: {expected}")]
    header_line, header = found
    by_key = {_key(q.id): q for q in questions}
    columns: list[_Question | None] = []
    seen: set[str] = set()
    for name in header:
        key = _key(name)
        if key in seen:
            problems.append(Problem(file, header_line, name, f"column {name!r} appears twice"))
        seen.add(key)
        if key == RESPONDENT_COLUMN:
            columns.append(None)
        elif key in by_key:
            columns.append(by_key[key])
        else:
            columns.append(None)
            problems.append(
                Problem(
                    file,
                    header_line,
                    name or None,
                    f"column {name!r} is not a question of the questions file",
                )
            )
    for question in questions:
        if _key(question.id) not in seen:
            problems.append(
                Problem(file, header_line, question.id, f"the header has no {question.id!r} column")
            )
    if problems:
        return {}, problems
    counts = {q.id: dict.fromkeys(q.options, 0) for q in questions}
    options = {q.id: {_key(o): o for o in q.options} for q in questions}
    for line, values in rows[1:]:
        extra = extra_cells(file, line, values, header)
        if extra is not None:
            problems.append(extra)
            continue
        for index, asked in enumerate(columns):
            value = values[index] if index < len(values) else ""
            if asked is None or not value:
                continue
            option = options[asked.id].get(_key(value))
            if option is None:
                problems.append(
                    Problem(
                        file,
                        line,
                        asked.id,
                        f"{value!r} is not a response to {asked.id}; expected one of "
                        + ", ".join(asked.options)
                        + " or blank",
                    )
                )
            else:
                counts[asked.id][option] += 1
    if not problems and len(rows) < 2:
        problems.append(Problem(file, header_line, None, "the file has a header but no responses"))
    return counts, problems


def parse_survey(
    questions_text: str | bytes,
    responses_text: str | bytes,
    *,
    framework: Framework,
    questions_file: str = "questions.csv",
    responses_file: str = "responses.csv",
    limits: FileLimits | None = None,
) -> tuple[SurveyQuestion, ...]:
    """The survey's questions with their response counts, in the questions file's order.

    Raises :class:`InputError` with every problem in both files (each naming its file, line and
    field): a missing or unexpected column, a question without id, text or options, a prompt id
    that is not a domain-one prompt of ``framework``, a response that is not one of the options.
    """
    questions, problems = _read_questions(questions_text, questions_file, framework, limits)
    if problems:
        raise InputError(problems)
    counts, problems = _count_responses(responses_text, responses_file, questions, limits)
    if problems:
        raise InputError(problems)
    return tuple(
        SurveyQuestion(id=q.id, text=q.text, responses=counts[q.id], prompts=q.prompts)
        for q in questions
    )


def read_survey(
    questions_path: str | Path, responses_path: str | Path, *, framework: Framework
) -> tuple[SurveyQuestion, ...]:
    """:func:`parse_survey` on two files; an unreadable file is an InputError."""
    texts: list[bytes] = []
    problems: list[Problem] = []
    for path in (questions_path, responses_path):
        try:
            texts.append(Path(path).read_bytes())
        except OSError as error:
            problems.append(
                Problem(str(path), None, None, f"cannot read the file: {error.strerror}")
            )
    if problems:
        raise InputError(problems)
    return parse_survey(
        texts[0],
        texts[1],
        framework=framework,
        questions_file=str(questions_path),
        responses_file=str(responses_path),
    )


@dataclass(frozen=True)
class ShownCounts:
    """A question's counts as a page or report may show them.

    ``rows`` pairs each option with its count as text: the number, or "fewer than N" when fewer
    than ``suppress_below`` respondents chose it. ``total`` (the number who answered) is None
    when any option is suppressed, so a hidden count cannot be worked out by subtraction.
    """

    rows: tuple[tuple[str, str], ...]
    total: int | None
    suppressed: bool


def shown_counts(responses: Iterable[tuple[str, int]], suppress_below: int) -> ShownCounts:
    """Small-number suppression of survey counts (the ``suppress_below`` setting; seed 003 §5
    sets no threshold, so the one used for case sub-groups applies, see
    :mod:`pinspect.stats.suppression`). An option chosen by nobody is suppressed too."""
    pairs = list(responses)
    rows: list[tuple[str, str]] = []
    suppressed = False
    for option, count in pairs:
        if is_suppressed(count, suppress_below):
            suppressed = True
            rows.append((option, f"fewer than {suppress_below}"))
        else:
            rows.append((option, str(count)))
    total = None if suppressed else sum(count for _, count in pairs)
    return ShownCounts(rows=tuple(rows), total=total, suppressed=suppressed)
