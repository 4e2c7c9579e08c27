"""Survey results of people on probation (seed 003 §5), summarised for the report.

The report reads :func:`survey_questions`; its body is completed with the survey models.
"""

from __future__ import annotations

from typing import Any

from pinspect.report.inputs import SurveyQuestion

__all__ = ["survey_questions"]


def survey_questions(inspection: Any) -> tuple[SurveyQuestion, ...]:
    """Every imported survey question of the inspection with its response counts."""
    raise NotImplementedError
