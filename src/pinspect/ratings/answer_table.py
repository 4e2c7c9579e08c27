"""A columnar table of case answers: integer-coded arrays, counted with numpy.

One row per answer: the case (index into ``cases``), the question as the answer file gave it
(index into ``questions``: a key question id such as ``P2.1.3`` or a prompt id such as
``P2.1.3.a``) and the answer code (:class:`~pinspect.ratings.answer.Answer`). Cases belong to
an inspection (index into ``inspections``) and may carry attributes (sex, ethnicity, age band
…), each integer-coded per case, used for sub-group breakdowns. Nothing here knows a
framework: :mod:`pinspect.ratings.view` decides which framework element each question feeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from pinspect.ratings.answer import ANSWER_CODES, Answer

__all__ = ["NOT_RECORDED", "AnswerTable", "CaseAttribute", "coded_attribute"]

IntArray = npt.NDArray[np.int64]

NOT_RECORDED = -1
"""The attribute code of a case whose attribute value is not recorded."""


@dataclass(frozen=True, eq=False)
class CaseAttribute:
    """One attribute of the cases: its distinct values and, per case, the index of its value."""

    name: str
    values: tuple[str, ...]
    codes: IntArray

    def __post_init__(self) -> None:
        if self.codes.ndim != 1:
            raise ValueError("attribute codes must be one-dimensional")
        if self.codes.size and (
            self.codes.min() < NOT_RECORDED or self.codes.max() >= len(self.values)
        ):
            raise ValueError(f"attribute {self.name!r} has codes outside its values")


@dataclass(frozen=True, eq=False)
class AnswerTable:
    """Answers as parallel integer arrays (see the module docstring)."""

    cases: tuple[str, ...]
    questions: tuple[str, ...]
    case: IntArray
    question: IntArray
    answer: IntArray
    lines: IntArray | None = None
    source: str | None = None
    inspections: tuple[str, ...] = ("",)
    case_inspection: IntArray | None = None
    attributes: tuple[CaseAttribute, ...] = ()
    _question_index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        rows = self.case.shape
        for name in ("question", "answer"):
            if getattr(self, name).shape != rows:
                raise ValueError(f"column {name!r} has a different length from column 'case'")
        if self.lines is not None and self.lines.shape != rows:
            raise ValueError("column 'lines' has a different length from column 'case'")
        if self.case.ndim != 1:
            raise ValueError("answer columns must be one-dimensional")
        _check_range(self.case, len(self.cases), "case")
        _check_range(self.question, len(self.questions), "question")
        _check_range(self.answer, ANSWER_CODES, "answer")
        if not self.inspections:
            raise ValueError("an answer table needs at least one inspection")
        if self.case_inspection is not None:
            if self.case_inspection.shape != (len(self.cases),):
                raise ValueError("case_inspection needs one inspection per case")
            _check_range(self.case_inspection, len(self.inspections), "case_inspection")
        for attribute in self.attributes:
            if attribute.codes.shape != (len(self.cases),):
                raise ValueError(f"attribute {attribute.name!r} needs one value per case")
        self._question_index.update({q: i for i, q in enumerate(self.questions)})

    @classmethod
    def from_answers(
        cls,
        answers: Iterable[tuple[str, str, Answer]],
        *,
        attributes: Mapping[str, Mapping[str, str]] | None = None,
        source: str | None = None,
    ) -> AnswerTable:
        """Build a one-inspection table from ``(case_id, question_id, answer)`` triples.

        ``attributes`` maps an attribute name to ``{case_id: value}``; cases missing from it
        (or with an empty value) are "not recorded".
        """
        case_index: dict[str, int] = {}
        question_index: dict[str, int] = {}
        cases: list[int] = []
        questions: list[int] = []
        codes: list[int] = []
        for case_id, question_id, answer in answers:
            cases.append(case_index.setdefault(case_id, len(case_index)))
            questions.append(question_index.setdefault(question_id, len(question_index)))
            codes.append(int(answer))
        case_ids = tuple(case_index)
        table_attributes = tuple(
            coded_attribute(name, values, case_ids) for name, values in (attributes or {}).items()
        )
        return cls(
            cases=case_ids,
            questions=tuple(question_index),
            case=np.asarray(cases, dtype=np.int64),
            question=np.asarray(questions, dtype=np.int64),
            answer=np.asarray(codes, dtype=np.int64),
            source=source,
            attributes=table_attributes,
        )

    @property
    def rows(self) -> int:
        return int(self.case.shape[0])

    @property
    def row_inspection(self) -> IntArray:
        """The inspection index of every row."""
        if self.case_inspection is None:
            return np.zeros(self.rows, dtype=np.int64)
        return self.case_inspection[self.case]

    def question_code(self, question_id: str) -> int | None:
        return self._question_index.get(question_id)

    def attribute(self, name: str) -> CaseAttribute:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        known = ", ".join(a.name for a in self.attributes) or "none"
        raise KeyError(f"no case attribute {name!r}; known attributes: {known}")

    def line_of(self, row: int) -> int | None:
        return None if self.lines is None else int(self.lines[row])


def coded_attribute(
    name: str, values: Mapping[str, str], case_ids: tuple[str, ...]
) -> CaseAttribute:
    """Integer-code one attribute for ``case_ids``; empty or missing values are not recorded."""
    distinct = sorted({v for v in values.values() if v.strip()})
    index = {v: i for i, v in enumerate(distinct)}
    codes = np.fromiter(
        (index.get(values.get(case_id, ""), NOT_RECORDED) for case_id in case_ids),
        dtype=np.int64,
        count=len(case_ids),
    )
    return CaseAttribute(name=name, values=tuple(distinct), codes=codes)


def _check_range(column: IntArray, size: int, name: str) -> None:
    if column.size and (column.min() < 0 or column.max() >= size):
        raise ValueError(f"column {name!r} holds codes outside 0..{size - 1}")
