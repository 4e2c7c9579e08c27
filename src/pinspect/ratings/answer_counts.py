"""Checking and counting a table of answers against a framework's view, with numpy.

Counting is one ``np.bincount`` over the combined index
``(inspection · targets + target) · answer codes + answer``, so a national-scale data set of
millions of answers is counted in one pass; per-inspection results are then read from the
count array. Sub-group counts add the group to the combined index the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.catalogue import Catalogue
from pinspect.problems import Problem
from pinspect.ratings.answer import ANSWER_CODES, Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.view import AnswerView

__all__ = ["AnswerCounts", "answer_problems", "count_answers", "count_answers_by_group"]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class AnswerCounts:
    """How many of each answer every target received, per inspection.

    ``counts[inspection, target, answer]`` with targets in the order of ``view.targets``.
    """

    view: AnswerView
    inspections: tuple[str, ...]
    counts: IntArray

    def for_target(
        self, inspection: int, element_id: str, framework_id: str | None = None
    ) -> IntArray:
        framework = self.view.framework if framework_id is None else framework_id
        row: IntArray = self.counts[inspection, self.view.target_index(framework, element_id)]
        return row


def _target_of_question(view: AnswerView, table: AnswerTable) -> IntArray:
    """For every question code of the table, the target it feeds (−1 for none)."""
    return np.asarray([view.feeds.get(q, -1) for q in table.questions], dtype=np.int64)


def count_answers(view: AnswerView, table: AnswerTable) -> AnswerCounts:
    """Count every answer of ``table`` onto the targets of ``view`` (one bincount)."""
    row_target = _target_of_question(view, table)[table.question]
    used = row_target >= 0
    n_targets = len(view.targets)
    n_inspections = len(table.inspections)
    combined = (table.row_inspection[used] * n_targets + row_target[used]) * ANSWER_CODES
    combined += table.answer[used]
    counts = np.bincount(combined, minlength=n_inspections * n_targets * ANSWER_CODES)
    return AnswerCounts(
        view=view,
        inspections=table.inspections,
        counts=counts.reshape(n_inspections, n_targets, ANSWER_CODES).astype(np.int64),
    )


def count_answers_by_group(
    view: AnswerView, table: AnswerTable, case_group: IntArray, groups: int
) -> IntArray:
    """Counts split by a per-case group code (0..groups−1; −1 leaves the case out).

    Returns ``counts[inspection, group, target, answer]``.
    """
    if case_group.shape != (len(table.cases),):
        raise ValueError("case_group needs one group code per case")
    row_target = _target_of_question(view, table)[table.question]
    row_group = case_group[table.case]
    used = (row_target >= 0) & (row_group >= 0)
    n_targets = len(view.targets)
    n_inspections = len(table.inspections)
    combined = table.row_inspection[used] * groups + row_group[used]
    combined = (combined * n_targets + row_target[used]) * ANSWER_CODES + table.answer[used]
    size = n_inspections * groups * n_targets * ANSWER_CODES
    counts = np.bincount(combined, minlength=size)
    return counts.reshape(n_inspections, groups, n_targets, ANSWER_CODES).astype(np.int64)


def _owner(question_id: str, catalogue: Catalogue) -> list[str]:
    return sorted(fid for fid, f in catalogue.items() if f.element(question_id) is not None)


def answer_problems(view: AnswerView, table: AnswerTable, catalogue: Catalogue) -> list[Problem]:
    """Every problem with ``table`` as answers for ``view``, each naming file, line and value.

    Unknown question ids (or ids of another framework), answers that do not fit the question's
    scale, answers to questions not answered from cases, and a case answered twice for one
    question (counting an answer under a mirrored id as the same question).
    """
    problems: list[Problem] = []
    file = table.source

    def rows_where(mask: npt.NDArray[np.bool_]) -> list[int]:
        return [int(r) for r in np.flatnonzero(mask)]

    targets_of_question = _target_of_question(view, table)
    for code, question_id in enumerate(table.questions):
        if targets_of_question[code] >= 0 or question_id in view.unused:
            continue
        owners = _owner(question_id, catalogue)
        if owners:
            message = f"{question_id!r} belongs to {', '.join(owners)}, not to {view.framework}"
        else:
            message = (
                f"unknown question {question_id!r}: not a key question or prompt id of "
                f"{view.framework}"
            )
        for row in rows_where(table.question == code):
            problems.append(Problem(file, table.line_of(row), "question", message))

    row_target = targets_of_question[table.question]
    allowed = np.zeros((len(view.targets), ANSWER_CODES), dtype=bool)
    for index, target in enumerate(view.targets):
        for answer in Answer:
            allowed[index, answer] = target.accepts_answers() and answer.fits(target.scale)
    used = row_target >= 0
    misfit = np.zeros(table.rows, dtype=bool)
    misfit[used] = ~allowed[row_target[used], table.answer[used]]
    for row in rows_where(misfit):
        target = view.targets[int(row_target[row])]
        answer = Answer(int(table.answer[row]))
        question_id = table.questions[int(table.question[row])]
        if target.aggregate:
            message = (
                f"{question_id} is rated from other inspections' ratings (give them with "
                "--aggregate), not answered per case"
            )
        elif not target.accepts_answers():
            message = f"{question_id} is answered in narrative, not per case"
        else:
            expected = (
                "met, part met, not met or n/a"
                if answer in (Answer.YES, Answer.NO)
                else "yes, no or n/a"
            )
            message = f"answer {answer.word!r} does not fit {question_id}: expected {expected}"
        problems.append(Problem(file, table.line_of(row), "answer", message))

    rows = np.flatnonzero(used)
    keys = table.case[rows] * len(view.targets) + row_target[rows]
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    repeated = np.flatnonzero(sorted_keys[1:] == sorted_keys[:-1]) + 1
    for position in repeated:
        row = int(rows[order[position]])
        start = int(position)
        while start > 0 and sorted_keys[start - 1] == sorted_keys[position]:
            start -= 1
        first = int(rows[order[start]])
        case_id = table.cases[int(table.case[row])]
        target = view.targets[int(row_target[row])]
        first_line = table.line_of(first)
        first_id = table.questions[int(table.question[first])]
        where = f" on line {first_line}" if first_line is not None else ""
        given = table.questions[int(table.question[row])]
        problems.append(
            Problem(
                file,
                table.line_of(row),
                "question",
                f"case {case_id!r} answers {target.id} twice: {given} here and {first_id}{where}",
            )
        )
    return sorted(problems, key=lambda p: (p.line or 0, p.field or "", p.message))
