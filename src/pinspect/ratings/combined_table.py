"""Many inspections' answer tables as one, to be rated together.

The web holds each inspection's answers apart; the national picture
(:func:`pinspect.ratings.national.national_picture`) rates every published inspection of a
framework together, as ``pinspect national`` does from one long-format file.
:func:`combined_answer_table` joins one-inspection tables under their labels: cases are kept
apart per inspection (two inspections may both have a case ``C0001``), questions and
attribute values are re-coded to the union, and a case with no value for an attribute another
inspection records is "not recorded".
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from pinspect.ratings.answer_table import NOT_RECORDED, AnswerTable, CaseAttribute

__all__ = ["combined_answer_table"]


def combined_answer_table(tables: Mapping[str, AnswerTable]) -> AnswerTable:
    """One table of every inspection in ``tables`` (label → its one-inspection table), in
    the mapping's order; raises ValueError when there is none."""
    if not tables:
        raise ValueError("no answer table to combine")
    questions = tuple(sorted({q for t in tables.values() for q in t.questions}))
    question_index = {q: i for i, q in enumerate(questions)}
    names = tuple(dict.fromkeys(a.name for t in tables.values() for a in t.attributes))
    values = {
        name: tuple(
            sorted(
                {
                    v
                    for t in tables.values()
                    for a in t.attributes
                    if a.name == name
                    for v in a.values
                }
            )
        )
        for name in names
    }
    cases: list[str] = []
    case_columns, question_columns, answer_columns, owners = [], [], [], []
    codes: dict[str, list[np.ndarray]] = {name: [] for name in names}
    for position, (label, table) in enumerate(tables.items()):
        offset = len(cases)
        cases.extend(f"{label}/{case}" for case in table.cases)
        case_columns.append(table.case + offset)
        recode = np.asarray([question_index[q] for q in table.questions], dtype=np.int64)
        question_columns.append(recode[table.question] if table.rows else table.question)
        answer_columns.append(table.answer)
        owners.append(np.full(len(table.cases), position, dtype=np.int64))
        held = {a.name: a for a in table.attributes}
        for name in names:
            attribute = held.get(name)
            if attribute is None:
                codes[name].append(np.full(len(table.cases), NOT_RECORDED, dtype=np.int64))
                continue
            index = {v: i for i, v in enumerate(values[name])}
            mapping = np.asarray(
                [index[v] for v in attribute.values] + [NOT_RECORDED], dtype=np.int64
            )
            codes[name].append(mapping[attribute.codes])  # NOT_RECORDED (-1) maps to the last
    return AnswerTable(
        cases=tuple(cases),
        questions=questions,
        case=np.concatenate(case_columns).astype(np.int64),
        question=np.concatenate(question_columns).astype(np.int64),
        answer=np.concatenate(answer_columns).astype(np.int64),
        inspections=tuple(tables),
        case_inspection=np.concatenate(owners),
        attributes=tuple(
            CaseAttribute(name, values[name], np.concatenate(codes[name])) for name in names
        ),
    )
