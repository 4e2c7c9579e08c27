"""The kind of each case in an answer table, and the answers its kind refuses.

Seed 003 Annexe A §3: '*' prompts do not apply to unpaid-work-only cases or cases with no
rehabilitative requirements; "Post-custody cases only" prompts apply to post-custody cases
only. A case's kind comes from its attributes ``case_type``, ``unpaid_work_only`` and
``no_rehabilitative_requirements`` (:func:`pinspect.frameworks.applicability.case_kind_from`);
which prompts apply is :func:`pinspect.frameworks.applicability.not_asked`. Here the rule
meets the answers: :func:`applicability_problems` names every yes or no given to a prompt or
key question that does not apply to its case, and :func:`applicability_warning` says when
applicability could not be checked because the cases carry no case type.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.applicability import (
    CASE_KIND_COLUMNS,
    CASE_TYPE_COLUMN,
    CaseKind,
    case_kind_from,
    not_asked,
)
from pinspect.frameworks.catalogue import Catalogue
from pinspect.problems import Problem
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import NOT_RECORDED, AnswerTable
from pinspect.ratings.view import AnswerView

__all__ = ["applicability_problems", "applicability_warning", "case_kinds"]

IntArray = npt.NDArray[np.int64]


def case_kinds(table: AnswerTable) -> list[CaseKind | None]:
    """Per case of ``table``, its kind: None where its case type is not recorded, or where a
    value cannot be read (the readers of files, pages and the API refuse such values with their
    file, line and field; a table built elsewhere is rated as if the kind were not recorded)."""
    names = {a.name for a in table.attributes}
    if CASE_TYPE_COLUMN not in names:
        return [None] * len(table.cases)
    columns = [table.attribute(name) for name in CASE_KIND_COLUMNS if name in names]
    kinds: list[CaseKind | None] = []
    memo: dict[tuple[int, ...], CaseKind | None] = {}
    for index in range(len(table.cases)):
        key = tuple(int(c.codes[index]) for c in columns)
        if key not in memo:
            values = {
                c.name: "" if code == NOT_RECORDED else c.values[code]
                for c, code in zip(columns, key, strict=True)
            }
            try:
                memo[key] = case_kind_from(values)
            except ValueError:
                memo[key] = None
        kinds.append(memo[key])
    return kinds


def applicability_problems(
    view: AnswerView, table: AnswerTable, catalogue: Catalogue
) -> list[Problem]:
    """Seed 003 Annexe A §3: a problem for every yes or no answer to a prompt (or key
    question) that does not apply to its case, naming the case, the question and why."""
    kinds = case_kinds(table)
    problems: list[Problem] = []
    distinct = sorted({k for k in kinds if k is not None}, key=repr)
    if not distinct:
        return problems
    kind_code = np.asarray([-1 if k is None else distinct.index(k) for k in kinds], dtype=np.int64)
    reasons: list[dict[str, str]] = []
    for kind in distinct:
        merged: dict[str, str] = {}
        for framework_id in {t.framework for t in view.targets}:
            merged.update(
                {
                    f"{framework_id}:{element}": reason
                    for element, reason in not_asked(catalogue[framework_id], kind).items()
                }
            )
        reasons.append(merged)
    question_target = np.asarray([view.feeds.get(q, -1) for q in table.questions], dtype=np.int64)
    refused = np.zeros((len(distinct), len(table.questions)), dtype=bool)
    for code, target in enumerate(question_target):
        if target < 0:
            continue
        key = f"{view.targets[target].framework}:{view.targets[target].id}"
        for k, merged in enumerate(reasons):
            refused[k, code] = key in merged
    if not refused.any():
        return problems
    row_kind = kind_code[table.case]
    answered = (table.answer == Answer.YES) | (table.answer == Answer.NO)
    known = row_kind >= 0
    rows = np.flatnonzero(known & answered)
    rows = rows[refused[row_kind[rows], table.question[rows]]]
    for row in rows:
        r = int(row)
        case_id = table.cases[int(table.case[r])]
        question_id = table.questions[int(table.question[r])]
        target = view.targets[int(question_target[int(table.question[r])])]
        kind = distinct[int(row_kind[r])]
        reason = reasons[int(row_kind[r])][f"{target.framework}:{target.id}"]
        answer = Answer(int(table.answer[r])).word
        problems.append(
            Problem(
                table.source,
                table.line_of(r),
                "answer",
                f"case {case_id!r} ({kind.words}) answers {question_id} {answer!r}, but "
                f"{question_id} does not apply to it: {reason[:1].lower()}{reason[1:]} "
                "(003 Annexe A §3); answer it n/a or leave it out",
            )
        )
    return problems


def _cases_answering_marked_questions(
    view: AnswerView, table: AnswerTable, catalogue: Catalogue
) -> list[int]:
    """The cases (by index) that answer a key question with a prompt that does not apply to
    every case, or one of its prompts: the cases whose kind matters."""
    marked: set[tuple[str, str]] = set()
    for framework_id in {t.framework for t in view.targets}:
        for standard in catalogue[framework_id].standards:
            for kq in standard.key_questions:
                if any(not p.applicability.is_universal for p in kq.prompts):
                    marked.update((framework_id, q) for q in (kq.id, *(p.id for p in kq.prompts)))
    codes = [
        code
        for code, question in enumerate(table.questions)
        if (target := view.feeds.get(question)) is not None
        and (view.targets[target].framework, view.targets[target].id) in marked
    ]
    if not codes:
        return []
    rows = np.isin(table.question, np.asarray(codes, dtype=np.int64))
    return [int(c) for c in np.unique(table.case[rows])]


def applicability_warning(view: AnswerView, table: AnswerTable, catalogue: Catalogue) -> str | None:
    """Why applicability (003 Annexe A §3) was not checked for some cases, or None: the cases
    carry no ``case_type`` attribute, or some have none recorded. Only frameworks with
    prompts that do not apply to every case are concerned."""
    frameworks = {t.framework for t in view.targets}
    marked = any(
        not p.applicability.is_universal
        for f in frameworks
        for s in catalogue[f].standards
        for kq in s.key_questions
        for p in kq.prompts
    )
    if not marked or not table.cases:
        return None
    kinds = case_kinds(table)
    concerned = _cases_answering_marked_questions(view, table, catalogue)
    missing = sum(1 for index in concerned if kinds[index] is None)
    if not missing:
        return None
    columns = ", ".join(CASE_KIND_COLUMNS)
    if missing == len(concerned):
        return (
            "applicability was not checked: no case has a case type (give the attributes "
            f"{columns}), so answers to prompts that apply only to some cases "
            "(003 Annexe A §3) are counted as given"
        )
    return (
        f"applicability was not checked for {missing} of {len(concerned)} cases answering "
        f"key questions with such prompts: their case type is not recorded ({columns})"
    )
