"""Counting block by block, in one thread or several, gives the counts of one pass, whatever
the order of the rows."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect import thread_pool
from pinspect.ratings import answer_counts
from pinspect.ratings.answer_table import AnswerTable


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 400), st.integers(1, 9), st.integers(0, 2**31), st.booleans())
def test_blocks_equal_one_pass(rows: int, block: int, seed: int, shuffled: bool) -> None:
    rng = np.random.default_rng(seed)
    cases, questions, targets, codes = 30, 12, 10, 7
    case = np.sort(rng.integers(0, cases, rows))
    if shuffled:
        rng.shuffle(case)
    table = AnswerTable(
        cases=tuple(f"C{i}" for i in range(cases)),
        questions=tuple(f"Q{i}" for i in range(questions)),
        case=case,
        question=rng.integers(0, questions, rows),
        answer=rng.integers(0, 3, rows),
    )
    question_target = rng.integers(-1, targets, questions)
    case_code = rng.integers(-1, codes, cases)
    one_pass = answer_counts._count(table, question_target, targets, case_code, codes)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(answer_counts, "_COUNTS_IN_ONE_PASS", 0)
        patch.setattr(answer_counts, "_ROWS_PER_BLOCK", block)
        blocks = answer_counts._count(table, question_target, targets, case_code, codes)
    assert np.array_equal(one_pass, blocks)
    with pytest.MonkeyPatch.context() as patch:
        # Shared between three threads, however few processors the machine has.
        patch.setattr(answer_counts, "_ROWS_TO_SHARE", 1)
        patch.setattr(answer_counts, "processors", lambda: 3)
        patch.setattr(thread_pool, "processors", lambda: 3)
        shared = answer_counts._count(table, question_target, targets, case_code, codes)
        repeats = answer_counts._may_repeat(table, question_target, targets)
    assert np.array_equal(one_pass, shared)
    assert repeats == answer_counts._may_repeat(table, question_target, targets)
    assert one_pass.sum() == np.count_nonzero(
        (question_target[table.question] >= 0) & (case_code[table.case] >= 0)
    )
