"""Checking a rating's inputs against the framework before anything is rated.

:func:`input_problems` collects every problem at once: answers that do not fit the framework
(:func:`pinspect.ratings.answer_counts.answer_problems`), yes or no answers to prompts that do
not apply to their case (003 Annexe A §3,
:func:`pinspect.ratings.case_kinds.applicability_problems`), judged ratings for standards that
are not judged (001 §4.15), departures for unknown or unrated targets (001 §4.24) and
breakdown attributes no case has. :func:`pinspect.ratings.inspection.rate_inspections` raises
them together as one :class:`~pinspect.problems.InputError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import Framework, RatedBy, Standard
from pinspect.problems import Problem
from pinspect.ratings.answer_counts import answer_problems
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.case_kinds import applicability_problems
from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.view import AnswerView
from pinspect.scale.rating import Rating

__all__ = ["input_problems"]

IntArray = npt.NDArray[np.int64]


def input_problems(
    framework: Framework,
    table: AnswerTable,
    view: AnswerView,
    *,
    catalogue: Catalogue,
    judged: Mapping[str, Mapping[str, Rating]],
    departures: Mapping[str, Sequence[Departure]],
    by: Sequence[str],
    question_target: IntArray,
    answer_totals: IntArray,
) -> list[Problem]:
    """Every problem with the inputs of the inspections in ``table``; empty when all is well."""
    problems = answer_problems(
        view, table, catalogue, question_target=question_target, answer_totals=answer_totals
    )
    problems.extend(applicability_problems(view, table, catalogue))
    for inspection_judged in judged.values():
        for standard_id in inspection_judged:
            element = framework.element(standard_id)
            if not isinstance(element, Standard):
                problems.append(
                    Problem(
                        None, None, "standard", f"{framework.id} has no standard {standard_id!r}"
                    )
                )
            elif element.rated_by is not RatedBy.JUDGEMENT:
                problems.append(
                    Problem(
                        None,
                        None,
                        "standard",
                        f"{standard_id} is rated by {element.rated_by.value}, not judged",
                    )
                )
    for inspection_departures in departures.values():
        for departure in inspection_departures:
            if departure.target == OVERALL:
                continue
            element = framework.element(departure.target)
            if not isinstance(element, Standard):
                problems.append(
                    Problem(
                        None, None, "target", f"{framework.id} has no standard {departure.target!r}"
                    )
                )
            elif element.rated_by is RatedBy.NOT_RATED:
                problems.append(
                    Problem(
                        None,
                        None,
                        "target",
                        f"{departure.target} is not rated; no departure applies",
                    )
                )
    known = {a.name for a in table.attributes}
    problems.extend(
        Problem(None, None, "by", f"no case attribute {name!r}") for name in by if name not in known
    )
    return problems
