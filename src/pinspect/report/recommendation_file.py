"""Reading the lead inspector's recommendations from a file: ``addressed_to,text``.

Each recommendation is addressed to a named body (the PDU, the region, HMPPS …). Every
problem in the file (a missing column, an empty addressee or text) is reported together with
its file, line and field; nothing is returned half-read.
"""

from __future__ import annotations

from pathlib import Path

from pinspect.problems import InputError, Problem
from pinspect.report.inputs import Recommendation
from pinspect.tabular_file import FileLimits, read_tabular_file

__all__ = ["read_recommendations"]


def read_recommendations(
    path: str | Path, limits: FileLimits | None = None
) -> tuple[Recommendation, ...]:
    """The recommendations of a CSV or XLSX file, in file order."""
    data = read_tabular_file(path, required=("addressed_to", "text"), limits=limits)
    problems: list[Problem] = []
    recommendations = []
    for row in data.rows:
        addressed_to, text = row.get("addressed_to"), row.get("text")
        if not addressed_to:
            problems.append(
                Problem(
                    data.path, row.line, "addressed_to", "name the body the recommendation is for"
                )
            )
        if not text:
            problems.append(Problem(data.path, row.line, "text", "the recommendation is empty"))
        if addressed_to and text:
            recommendations.append(Recommendation(addressed_to=addressed_to, text=text))
    if problems:
        raise InputError(problems)
    return tuple(recommendations)
