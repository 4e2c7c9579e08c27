"""Case answers carried across a crosswalk, to rate them under another edition.

Only key questions that ask the same carry: a case's yes or no to a key question is an answer
to the key question it is paired with as ``equal``, and to no other. Answers to key questions
paired any other way, or to prompts (whose wording and lettering may differ), are left behind
and listed, never guessed. Seed 001 §4.7: ratings rest on the key-question judgements, so a
carried answer rates the same under both editions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from pinspect.crosswalks.model import Crosswalk, Level
from pinspect.crosswalks.relationship import Relationship
from pinspect.ratings.answer_table import AnswerTable

__all__ = ["CarriedAnswers", "carry_answers"]


@dataclass(frozen=True, eq=False)
class CarriedAnswers:
    """The carried table, which question became which, and the questions left behind."""

    table: AnswerTable
    carried: dict[str, str]
    left_behind: tuple[str, ...]


def carry_answers(answers: AnswerTable, crosswalk: Crosswalk) -> CarriedAnswers:
    """``answers`` given under ``crosswalk``'s ``from`` edition, as answers under its ``to``."""
    equal = {
        r.from_id: r.to_id
        for r in crosswalk.at(Level.KEY_QUESTION)
        if r.relationship is Relationship.EQUAL and r.from_id and r.to_id
    }
    carried = {q: equal[q] for q in answers.questions if q in equal}
    left_behind = tuple(q for q in answers.questions if q not in equal)
    new_questions = tuple(dict.fromkeys(carried.values()))
    position = {q: i for i, q in enumerate(new_questions)}
    mapping = np.array(
        [position[carried[q]] if q in carried else -1 for q in answers.questions],
        dtype=np.int64,
    )
    new_codes = mapping[answers.question] if answers.rows else answers.question
    keep = new_codes >= 0
    table = replace(
        answers,
        questions=new_questions,
        case=answers.case[keep],
        question=new_codes[keep],
        answer=answers.answer[keep],
        lines=None if answers.lines is None else answers.lines[keep],
        _question_index={},
    )
    return CarriedAnswers(table=table, carried=carried, left_behind=left_behind)
