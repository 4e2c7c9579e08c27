"""Checking and counting a table of answers against a framework's view, with numpy.

Counting is ``np.bincount`` over the combined index
``(inspection · targets + target) · answer codes + answer``, block by block of rows shared
between the processors' threads, so a national-scale data set of millions of answers is
counted in one pass; per-inspection results are then read from the
count array. Sub-group counts add the group to the combined index the same way (and the
per-inspection counts are then the sum over the groups, with no second pass). Checking reads
the totals first and searches the rows one by one only for a problem the totals show.
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
from pinspect.thread_pool import in_threads, processors

__all__ = [
    "AnswerCounts",
    "answer_problems",
    "count_answers",
    "count_answers_by_group",
    "question_targets",
]

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


def question_targets(view: AnswerView, table: AnswerTable) -> IntArray:
    """For every question code of the table, the target it feeds (−1 for none)."""
    return np.asarray([view.feeds.get(q, -1) for q in table.questions], dtype=np.int64)


_ROWS_PER_BLOCK = 1 << 20
"""The most rows whose combined index is computed and counted at once (8 MiB of indices)."""

_ROWS_TO_SHARE = 1 << 18
"""From this many rows, the rows are split between threads, one block per processor at
least: numpy's indexing and counting release the interpreter's lock, so on a machine of two
processors the count takes about half the time, as the DuckDB and Polars it is compared with
in ``benchmarks/rate_national.py`` use every processor too."""

_COUNTS_IN_ONE_PASS = 1 << 22
"""Up to this many counts (32 MiB), a block's indices are counted over the whole range when
they spread wide; beyond it, only over the span each block covers, so the counts being added
to stay in the processor's caches and counting costs the same per answer at any size (one
pass over 20 million counts for 2,400 inspections took half as long again)."""


_BLOCKS_PER_PROCESSOR = 4
"""From :data:`_ROWS_TO_SHARE` rows, at least this many blocks per processor. The threads
take the blocks in turn, so a processor slowed by a busy machine takes fewer of them, and a
smaller block's indices stay in the processor's cache: rating 150 inspections (1.755 million
answers) took about 8% less time and 10% less processor time with four blocks a processor
than with one, medians of 31 alternating runs on two processors."""


def row_blocks(rows: int) -> list[slice]:
    """The rows of a table in blocks of at most :data:`_ROWS_PER_BLOCK`, and at least
    :data:`_BLOCKS_PER_PROCESSOR` blocks per processor from :data:`_ROWS_TO_SHARE` rows."""
    shares = processors() * _BLOCKS_PER_PROCESSOR if rows >= _ROWS_TO_SHARE else 1
    per_block = min(_ROWS_PER_BLOCK, -(-rows // shares)) or 1
    return [slice(start, start + per_block) for start in range(0, rows, per_block)] or [slice(0, 0)]


def _count(
    table: AnswerTable,
    question_target: IntArray,
    targets: int,
    case_code: IntArray,
    codes: int,
) -> IntArray:
    """``counts[code, target, answer]`` over every row.

    Rows of questions that feed no target (−1) and of cases with code −1 go to a spare target
    and a spare code, dropped afterwards, so no row is masked out one by one. The rows are
    counted block by block (:func:`row_blocks`, in threads): each block's indices are counted
    over the span they cover (rows of one inspection and case lie together in any file read
    in order) and added into the counts; a block whose indices spread wide is counted over
    the whole range instead.
    """
    spare_target = int(bool(np.any(question_target < 0)))
    spare_code = int(bool(np.any(case_code < 0)))
    width = (targets + spare_target) * ANSWER_CODES
    case_key = np.where(case_code < 0, codes, case_code) * width
    question_key = np.where(question_target < 0, targets, question_target) * ANSWER_CODES
    size = (codes + spare_code) * width
    whole = size <= _COUNTS_IN_ONE_PASS

    def count_block(rows: slice) -> tuple[int, IntArray]:
        key = case_key[table.case[rows]]
        key += question_key[table.question[rows]]
        key += table.answer[rows]
        if key.shape[0] == 0:
            return 0, np.zeros(0, dtype=np.int64)
        low, high = int(key.min()), int(key.max())
        if high - low < 8 * key.shape[0] or not whole:
            if low:
                key -= low
            return low, np.bincount(key, minlength=high - low + 1)
        return 0, np.bincount(key, minlength=size)

    counts = np.zeros(size, dtype=np.int64)
    for low, part in in_threads(count_block, row_blocks(table.rows)):
        counts[low : low + part.shape[0]] += part
    shaped = counts.reshape(codes + spare_code, targets + spare_target, ANSWER_CODES)
    return np.ascontiguousarray(shaped[:codes, :targets], dtype=np.int64)


def _case_inspection(table: AnswerTable) -> IntArray:
    if table.case_inspection is None:
        return np.zeros(len(table.cases), dtype=np.int64)
    return table.case_inspection


def count_answers(
    view: AnswerView, table: AnswerTable, *, question_target: IntArray | None = None
) -> AnswerCounts:
    """Count every answer of ``table`` onto the targets of ``view`` (one bincount).

    ``question_target`` is :func:`question_targets`, when the caller has it already.
    """
    if question_target is None:
        question_target = question_targets(view, table)
    counts = _count(
        table, question_target, len(view.targets), _case_inspection(table), len(table.inspections)
    )
    return AnswerCounts(view=view, inspections=table.inspections, counts=counts)


def count_answers_by_group(
    view: AnswerView,
    table: AnswerTable,
    case_group: IntArray,
    groups: int,
    *,
    question_target: IntArray | None = None,
    targets: int | None = None,
) -> IntArray:
    """Counts split by a per-case group code (0..groups−1; −1 leaves the case out).

    Returns ``counts[inspection, group, target, answer]``. ``targets`` is the number of
    targets ``question_target`` leads to, when it leads to fewer than the view's (the rest
    uncounted).
    """
    if case_group.shape != (len(table.cases),):
        raise ValueError("case_group needs one group code per case")
    if question_target is None:
        question_target = question_targets(view, table)
    n_targets = len(view.targets) if targets is None else targets
    n_inspections = len(table.inspections)
    case_code = np.where(case_group < 0, -1, _case_inspection(table) * groups + case_group)
    counts = _count(table, question_target, n_targets, case_code, n_inspections * groups)
    return counts.reshape(n_inspections, groups, n_targets, ANSWER_CODES)


def _repeat_problems(
    view: AnswerView, table: AnswerTable, row_target: IntArray, used: npt.NDArray[np.bool_]
) -> list[Problem]:
    """A problem for every answer that repeats an earlier answer of its case to its target."""
    problems: list[Problem] = []
    file = table.source
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
    return problems


def _may_repeat(table: AnswerTable, question_target: IntArray, targets: int) -> bool:
    """False when no case answers one target twice: as many (case, target) cells are answered
    as there are answers to targets.

    True when there may be a repeat (or the cells would need too much memory): the rows are
    then sorted to find each repeat.
    """
    cells = len(table.cases) * (targets + 1)
    if cells > 8 * table.rows + (1 << 20):
        return True
    slot = np.where(question_target < 0, targets, question_target)
    answered = np.zeros(cells, dtype=bool)

    def mark(rows: slice) -> None:
        # Threads only ever write True: a cell two blocks share ends True either way.
        key = table.case[rows] * (targets + 1)
        key += slot[table.question[rows]]
        answered[key] = True

    for _ in in_threads(mark, row_blocks(table.rows)):
        pass
    answered[targets :: targets + 1] = False  # the spare target of questions that feed none
    feeding = question_target >= 0
    if feeding.all():
        to_targets = table.rows
    else:
        per_question = np.bincount(table.question, minlength=len(table.questions))
        to_targets = int(per_question[feeding].sum())
    return int(np.count_nonzero(answered)) < to_targets


def _owner(question_id: str, catalogue: Catalogue) -> list[str]:
    return sorted(fid for fid, f in catalogue.items() if f.element(question_id) is not None)


def answer_problems(
    view: AnswerView,
    table: AnswerTable,
    catalogue: Catalogue,
    *,
    question_target: IntArray | None = None,
    answer_totals: IntArray | None = None,
) -> list[Problem]:
    """Every problem with ``table`` as answers for ``view``, each naming file, line and value.

    Unknown question ids (or ids of another framework), answers that do not fit the question's
    scale, answers to questions not answered from cases, and a case answered twice for one
    question (counting an answer under a mirrored id as the same question).

    ``question_target`` is :func:`question_targets` and ``answer_totals[target, answer]`` the
    counts over all inspections, when the caller has them; rows are only searched one by one
    for a problem the totals show.
    """
    problems: list[Problem] = []
    file = table.source

    def rows_where(mask: npt.NDArray[np.bool_]) -> list[int]:
        return [int(r) for r in np.flatnonzero(mask)]

    targets_of_question = (
        question_targets(view, table) if question_target is None else question_target
    )
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

    allowed = np.zeros((len(view.targets), ANSWER_CODES), dtype=bool)
    for index, target in enumerate(view.targets):
        for answer in Answer:
            allowed[index, answer] = target.accepts_answers() and answer.fits(target.scale)
    misfits = answer_totals is None or bool(np.any(answer_totals[~allowed]))
    if not misfits and not _may_repeat(table, targets_of_question, len(view.targets)):
        return sorted(problems, key=lambda p: (p.line or 0, p.field or "", p.message))
    row_target = targets_of_question[table.question]
    used = row_target >= 0
    misfit = np.zeros(table.rows, dtype=bool)
    if misfits:
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
                "met, part met, not met, met through stability or n/a"
                if answer in (Answer.YES, Answer.NO)
                else "yes, no or n/a"
            )
            message = f"answer {answer.word!r} does not fit {question_id}: expected {expected}"
        problems.append(Problem(file, table.line_of(row), "answer", message))

    problems.extend(_repeat_problems(view, table, row_target, used))
    return sorted(problems, key=lambda p: (p.line or 0, p.field or "", p.message))
