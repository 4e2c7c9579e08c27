"""Reading the rating inputs: case answers, judged ratings, attributes, departures, aggregates.

Each reader checks every row against the framework and raises one :class:`InputError` with
every problem (file, line, field and value); nothing is returned half-read.

* case answers — ``case_id,question,answer`` (optional ``sample``; an outcome met through
  stability records ``circumstances`` and ``planning``, 003 §4.11);
* judged ratings — ``standard,rating``;
* case attributes — ``case_id,<attribute>,…`` (``case_type``, ``unpaid_work_only`` and
  ``no_rehabilitative_requirements`` say what kind of case it is, 003 Annexe A §3);
* departures — ``target,rating,reason`` (001 §4.24);
* aggregated ratings — ``inspection,rating`` (000 R 1.2.2).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from pinspect.frameworks.applicability import (
    CASE_TYPE_COLUMN,
    FLAG_COLUMNS,
    parse_case_type,
    parse_flag,
)
from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import (
    Framework,
    KeyQuestion,
    Prompt,
    RatedBy,
    Sample,
    Standard,
)
from pinspect.problems import InputError, Problem
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_counts import answer_problems
from pinspect.ratings.answer_table import AnswerTable, coded_attribute
from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.outcome import STABILITY_RECORD, stability_record_problems
from pinspect.ratings.view import AnswerView, answer_view
from pinspect.scale.banding import BandingKind
from pinspect.scale.rating import Rating
from pinspect.tabular_file import FileLimits, read_tabular_file

__all__ = [
    "read_aggregate_ratings",
    "read_case_answers",
    "read_case_attributes",
    "read_departures",
    "read_judged_ratings",
    "with_attributes",
]


def _sample_of(catalogue: Catalogue, framework_id: str, element_id: str) -> Sample | None:
    framework = catalogue[framework_id]
    element = framework.element(element_id)
    if isinstance(element, Prompt):
        element = framework.key_question_of(element_id)
    if isinstance(element, KeyQuestion):
        return framework.standard_of(element.id).sample
    return None


def _sample_problem(
    text: str,
    *,
    case_id: str,
    question_id: str,
    line: int,
    case_sample: dict[str, tuple[str, int]],
    view: AnswerView,
    catalogue: Catalogue,
) -> tuple[str, bool] | None:
    """What is wrong with a row's ``sample`` (message, whether the row is unusable), or None."""
    try:
        sample = Sample(text.replace(" ", "_"))
    except ValueError:
        expected = ", ".join(s.value for s in Sample)
        return f"{text!r} is not a sample; expected one of {expected}", True
    first = case_sample.setdefault(case_id, (sample.value, line))
    if first[0] != sample.value:
        return (
            f"case {case_id!r} is in sample {sample.value!r} here but {first[0]!r} on line "
            f"{first[1]}",
            False,
        )
    target = view.feeds.get(question_id)
    if target is not None:
        wanted = _sample_of(catalogue, view.targets[target].framework, view.targets[target].id)
        if wanted is not None and wanted is not sample:
            return (
                f"{question_id} is answered from the {wanted.value} sample, not {sample.value!r}",
                False,
            )
    return None


def read_case_answers(
    path: str | Path,
    framework: Framework,
    catalogue: Catalogue,
    limits: FileLimits | None = None,
) -> AnswerTable:
    """Read the case answers for ``framework`` (question ids as ``frameworks show`` prints
    them, or the ids of the key questions its key questions mirror)."""
    data = read_tabular_file(
        path,
        required=("case_id", "question", "answer"),
        optional=("sample", *STABILITY_RECORD),
        limits=limits,
    )
    file = data.path
    view = answer_view(framework, catalogue)
    problems: list[Problem] = []
    case_index: dict[str, int] = {}
    question_index: dict[str, int] = {}
    answer_words: dict[str, Answer | None] = {}
    case_sample: dict[str, tuple[str, int]] = {}
    cases: list[int] = []
    questions: list[int] = []
    codes: list[int] = []
    lines: list[int] = []
    for row in data.rows:
        case_id, question_id, word = row.get("case_id"), row.get("question"), row.get("answer")
        sample_text = row.get("sample").lower()
        ok = True
        if not case_id:
            problems.append(Problem(file, row.line, "case_id", "the case id is empty"))
            ok = False
        if not question_id:
            problems.append(Problem(file, row.line, "question", "the question id is empty"))
            ok = False
        if word not in answer_words:
            try:
                answer_words[word] = Answer.parse(word)
            except ValueError:
                answer_words[word] = None
        answer = answer_words[word]
        if answer is None:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "answer",
                    f"{word!r} is not an answer; expected yes, no or n/a (y, n, na accepted; "
                    "outcomes: met, part met, not met, met through stability)",
                )
            )
            ok = False
        if answer is Answer.MET_THROUGH_STABILITY:
            problems.extend(
                Problem(file, row.line, column, message)
                for column, message in stability_record_problems(
                    {column: row.get(column) for column in STABILITY_RECORD}
                )
            )
        if sample_text and case_id:
            sample_problem = _sample_problem(
                sample_text,
                case_id=case_id,
                question_id=question_id,
                line=row.line,
                case_sample=case_sample,
                view=view,
                catalogue=catalogue,
            )
            if sample_problem is not None:
                problems.append(Problem(file, row.line, "sample", sample_problem[0]))
                ok = ok and not sample_problem[1]
        if not ok or answer is None:
            continue
        cases.append(case_index.setdefault(case_id, len(case_index)))
        questions.append(question_index.setdefault(question_id, len(question_index)))
        codes.append(int(answer))
        lines.append(row.line)
    table = AnswerTable(
        cases=tuple(case_index),
        questions=tuple(question_index),
        case=np.asarray(cases, dtype=np.int64),
        question=np.asarray(questions, dtype=np.int64),
        answer=np.asarray(codes, dtype=np.int64),
        lines=np.asarray(lines, dtype=np.int64),
        source=file,
    )
    problems.extend(answer_problems(view, table, catalogue))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field or "")))
    return table


def read_case_attributes(
    path: str | Path, case_ids: Sequence[str], limits: FileLimits | None = None
) -> dict[str, dict[str, str]]:
    """Read ``case_id,<attribute>,…``: attribute name → case id → value."""
    data = read_tabular_file(path, required=("case_id",), extra=True, limits=limits)
    file = data.path
    names = [c for c in data.columns if c != "case_id"]
    problems: list[Problem] = []
    if not names:
        raise InputError.single("the header names no attribute after case_id", file=file, line=1)
    known = set(case_ids)
    values: dict[str, dict[str, str]] = {name: {} for name in names}
    seen: dict[str, int] = {}
    for row in data.rows:
        case_id = row.get("case_id")
        if not case_id:
            problems.append(Problem(file, row.line, "case_id", "the case id is empty"))
            continue
        if case_id in seen:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "case_id",
                    f"case {case_id!r} is listed twice (first on line {seen[case_id]})",
                )
            )
            continue
        seen[case_id] = row.line
        if case_id not in known:
            problems.append(
                Problem(
                    file, row.line, "case_id", f"case {case_id!r} has no answers in the cases file"
                )
            )
            continue
        for name in names:
            values[name][case_id] = row.get(name)
        problems.extend(
            Problem(file, row.line, name, message)
            for name, message in _case_kind_problems(row.get, names)
        )
    if problems:
        raise InputError(problems)
    return values


def _case_kind_problems(value: Callable[[str], str], names: Sequence[str]) -> list[tuple[str, str]]:
    """003 Annexe A §3: the case-type columns hold community or post_custody, and yes or no."""
    found: list[tuple[str, str]] = []
    for name in names:
        text = value(name).strip()
        if not text:
            continue
        try:
            if name == CASE_TYPE_COLUMN:
                parse_case_type(text)
            elif name in FLAG_COLUMNS:
                parse_flag(text)
        except ValueError as error:
            found.append((name, str(error)))
    return found


def with_attributes(table: AnswerTable, attributes: Mapping[str, Mapping[str, str]]) -> AnswerTable:
    """``table`` with the case attributes read by :func:`read_case_attributes`."""
    coded = tuple(coded_attribute(name, values, table.cases) for name, values in attributes.items())
    return replace(table, attributes=coded, _question_index={})


def _parse_rating(text: str, file: str, line: int, problems: list[Problem]) -> Rating | None:
    try:
        return Rating.parse(text)
    except ValueError as error:
        problems.append(Problem(file, line, "rating", str(error)))
        return None


def _standard_problem(
    framework: Framework, catalogue: Catalogue, standard_id: str
) -> tuple[Standard | None, str | None]:
    element = framework.element(standard_id)
    if isinstance(element, Standard):
        return element, None
    owners = sorted(
        f for f, fw in catalogue.items() if isinstance(fw.element(standard_id), Standard)
    )
    if owners:
        return None, f"{standard_id!r} is a standard of {', '.join(owners)}, not of {framework.id}"
    return None, f"{framework.id} has no standard {standard_id!r}"


def read_judged_ratings(
    path: str | Path,
    framework: Framework,
    catalogue: Catalogue,
    limits: FileLimits | None = None,
) -> dict[str, Rating]:
    """Read ``standard,rating``: the lead inspector's or panel's rating of judged standards
    (001 §4.15, §4.16, §4.17). A rating for a standard rated from cases is refused."""
    data = read_tabular_file(path, required=("standard", "rating"), limits=limits)
    file = data.path
    problems: list[Problem] = []
    ratings: dict[str, Rating] = {}
    seen: dict[str, int] = {}
    for row in data.rows:
        standard_id = row.get("standard")
        standard, message = _standard_problem(framework, catalogue, standard_id)
        if standard is None:
            problems.append(Problem(file, row.line, "standard", message or ""))
        elif standard.rated_by is not RatedBy.JUDGEMENT:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "standard",
                    f"{standard_id} is rated by {standard.rated_by.value}, not judged; "
                    "a judged rating is not accepted for it",
                )
            )
            standard = None
        elif standard_id in seen:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "standard",
                    f"{standard_id} is rated twice (first on line {seen[standard_id]})",
                )
            )
            standard = None
        rating = _parse_rating(row.get("rating"), file, row.line, problems)
        if standard is not None and rating is not None:
            seen[standard_id] = row.line
            ratings[standard_id] = rating
    if problems:
        raise InputError(problems)
    return ratings


def read_departures(
    path: str | Path,
    framework: Framework,
    catalogue: Catalogue,
    limits: FileLimits | None = None,
) -> list[Departure]:
    """Read ``target,rating,reason`` (001 §4.24): every departure needs its reasons."""
    data = read_tabular_file(path, required=("target", "rating", "reason"), limits=limits)
    file = data.path
    problems: list[Problem] = []
    departures: list[Departure] = []
    seen: dict[str, int] = {}
    for row in data.rows:
        target = row.get("target")
        ok = True
        if target.lower() == OVERALL:
            target = OVERALL
            if framework.banding.kind is BandingKind.NONE:
                problems.append(
                    Problem(file, row.line, "target", f"{framework.id} has no overall rating")
                )
                ok = False
        else:
            standard, message = _standard_problem(framework, catalogue, target)
            if standard is None:
                problems.append(Problem(file, row.line, "target", message or ""))
                ok = False
            elif standard.rated_by is RatedBy.NOT_RATED:
                problems.append(
                    Problem(
                        file, row.line, "target", f"{target} is not rated; no departure applies"
                    )
                )
                ok = False
        if ok and target in seen:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "target",
                    f"two departures for {target} (first on line {seen[target]})",
                )
            )
            ok = False
        rating = _parse_rating(row.get("rating"), file, row.line, problems)
        reason = row.get("reason")
        if not reason.strip():
            problems.append(
                Problem(
                    file,
                    row.line,
                    "reason",
                    f"the departure for {target or '?'} has no reason: 001 §4.24 requires "
                    'departures "with the reasons being clearly set out"',
                )
            )
            ok = False
        if ok and rating is not None:
            seen[target] = row.line
            departures.append(Departure(target=target, final=rating, reason=reason))
    if problems:
        raise InputError(problems)
    return departures


def read_aggregate_ratings(
    path: str | Path, framework: Framework, limits: FileLimits | None = None
) -> list[Rating]:
    """Read ``inspection,rating``: the ratings of the standard the framework aggregates
    (000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
    inspections")."""
    data = read_tabular_file(path, required=("inspection", "rating"), limits=limits)
    file = data.path
    aggregates = [kq.id for s in framework.standards for kq in s.key_questions if kq.aggregate_of]
    aggregates += [s.id for s in framework.standards if s.aggregate_of is not None]
    if not aggregates:
        raise InputError.single(
            f"{framework.id} rates nothing from other inspections' ratings", file=file
        )
    problems: list[Problem] = []
    ratings: list[Rating] = []
    seen: dict[str, int] = {}
    for row in data.rows:
        inspection = row.get("inspection")
        ok = True
        if not inspection:
            problems.append(Problem(file, row.line, "inspection", "the inspection is empty"))
            ok = False
        elif inspection in seen:
            problems.append(
                Problem(
                    file,
                    row.line,
                    "inspection",
                    f"inspection {inspection!r} is listed twice (first on line {seen[inspection]})",
                )
            )
            ok = False
        rating = _parse_rating(row.get("rating"), file, row.line, problems)
        if ok and rating is not None:
            seen[inspection] = row.line
            ratings.append(rating)
    if problems:
        raise InputError(problems)
    return ratings
