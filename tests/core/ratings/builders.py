"""Builders for answer tables in rating tests: cases answering key questions yes/no."""

from __future__ import annotations

from collections.abc import Mapping

from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable


def answers_for(
    counts: Mapping[str, tuple[int, ...]],
    *,
    cases: int | None = None,
) -> list[tuple[str, str, Answer]]:
    """``{question: (yes, no[, n/a])}`` → answer triples; case ids C0001… reused per question."""
    rows: list[tuple[str, str, Answer]] = []
    for question, numbers in counts.items():
        yes, no, *rest = numbers
        na = rest[0] if rest else 0
        answers = [Answer.YES] * yes + [Answer.NO] * no + [Answer.NOT_APPLICABLE] * na
        if cases is not None:
            assert len(answers) <= cases
        rows.extend((f"C{i:04d}", question, answer) for i, answer in enumerate(answers))
    return rows


def table_for(
    counts: Mapping[str, tuple[int, ...]],
    attributes: Mapping[str, Mapping[str, str]] | None = None,
) -> AnswerTable:
    return AnswerTable.from_answers(answers_for(counts), attributes=attributes)
