"""Double markings: the answers several markers gave to the same questions for the same cases.

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases." A markings file is long-format, one answer a row:
``case,question,marker,answer`` with ``yes``, ``no`` or ``n/a`` (CSV or XLSX). Every problem
in the file is reported together, naming the file, line and field; nothing is returned
half-read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pinspect.frameworks.model import AnswerScale, Framework, KeyQuestion, RatedBy
from pinspect.problems import InputError, Problem
from pinspect.ratings.answer import Answer
from pinspect.tabular_file import FileLimits, read_tabular_file

__all__ = ["MARKING_ANSWERS", "Marking", "Markings", "read_markings"]

MARKING_ANSWERS = (Answer.YES, Answer.NO, Answer.NOT_APPLICABLE)
"""The answers a marking may give, in the order of their category numbers (0, 1, 2)."""


@dataclass(frozen=True)
class Marking:
    """One marker's answer to one question for one case."""

    case: str
    question: str
    marker: str
    answer: Answer

    @property
    def category(self) -> int:
        """The answer's nominal category: 0 yes, 1 no, 2 n/a."""
        return MARKING_ANSWERS.index(self.answer)


@dataclass(frozen=True)
class Markings:
    """Every marking, with the questions and markers in the order they first appear."""

    markings: tuple[Marking, ...]
    questions: tuple[str, ...] = field(init=False)
    markers: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        seen: set[tuple[str, str, str]] = set()
        for marking in self.markings:
            key = (marking.case, marking.question, marking.marker)
            if key in seen:
                raise ValueError(f"{marking.marker} marked {marking.question} twice for a case")
            seen.add(key)
        object.__setattr__(self, "questions", _first_seen(m.question for m in self.markings))
        object.__setattr__(self, "markers", _first_seen(m.marker for m in self.markings))

    def __iter__(self) -> Iterator[Marking]:
        return iter(self.markings)

    def for_questions(self, questions: Iterable[str]) -> Markings:
        wanted = set(questions)
        return Markings(tuple(m for m in self.markings if m.question in wanted))

    def by_case(self) -> dict[tuple[str, str], dict[str, Answer]]:
        """(case, question) → marker → answer."""
        units: dict[tuple[str, str], dict[str, Answer]] = {}
        for marking in self.markings:
            units.setdefault((marking.case, marking.question), {})[marking.marker] = marking.answer
        return units


def _first_seen(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _case_key_question(framework: Framework, question: str) -> KeyQuestion | None:
    element = framework.element(question)
    if not isinstance(element, KeyQuestion) or element.answer_scale is not AnswerScale.YES_NO:
        return None
    if framework.standard_of(question).rated_by is not RatedBy.CASES:
        return None
    return element


def read_markings(
    path: str | Path, framework: Framework | None = None, limits: FileLimits | None = None
) -> Markings:
    """Read a markings file (within ``limits``, the installation's caps on a file); with
    ``framework``, every question must be one of its case-based key questions. Raises
    :class:`InputError` with every problem (file, line, field)."""
    table = read_tabular_file(
        path, required=("case", "question", "marker", "answer"), limits=limits
    )
    problems: list[Problem] = []
    markings: list[Marking] = []
    first_line: dict[tuple[str, str, str], int] = {}
    for row in table.rows:
        cells = {name: row.get(name) for name in ("case", "question", "marker", "answer")}
        empty = [name for name, value in cells.items() if not value]
        problems.extend(
            Problem(table.path, row.line, name, f"the {name} is empty") for name in empty
        )
        answer: Answer | None = None
        if cells["answer"]:
            try:
                answer = Answer.parse(cells["answer"])
            except ValueError:
                answer = None
            if answer not in MARKING_ANSWERS:
                problems.append(
                    Problem(
                        table.path,
                        row.line,
                        "answer",
                        f"{cells['answer']!r} is not a marking; expected yes, no or n/a",
                    )
                )
                answer = None
        if (
            framework is not None
            and cells["question"]
            and _case_key_question(framework, cells["question"]) is None
        ):
            problems.append(
                Problem(
                    table.path,
                    row.line,
                    "question",
                    f"{cells['question']!r} is not a case-based key question of {framework.id}",
                )
            )
        key = (cells["case"], cells["question"], cells["marker"])
        if not empty and key in first_line:
            problems.append(
                Problem(
                    table.path,
                    row.line,
                    "marker",
                    f"{cells['marker']!r} already marked {cells['question']!r} for this case "
                    f"on line {first_line[key]}",
                )
            )
            continue
        first_line.setdefault(key, row.line)
        if empty or answer is None:
            continue
        markings.append(Marking(cells["case"], cells["question"], cells["marker"], answer))
    if problems:
        raise InputError(problems)
    return Markings(tuple(markings))
