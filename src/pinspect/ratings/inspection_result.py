"""What rating an inspection returns: every standard, the overall rating, case data, breakdowns.

:func:`pinspect.ratings.inspection.rate_inspection` builds these; pages, the report and the
CLI's table read them as they are, and :mod:`pinspect.ratings.serialisation` writes them as
JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pinspect.ratings.breakdown import Breakdown
from pinspect.ratings.overall import OverallResult
from pinspect.ratings.standard import StandardResult

__all__ = ["CaseDataResult", "InspectionResult"]


@dataclass(frozen=True)
class CaseDataResult:
    """002 decision 7: the national inspection's cases as one data set, indicative only."""

    framework: str
    domain: str
    note: str
    source: str
    standards: tuple[StandardResult, ...]


@dataclass(frozen=True)
class InspectionResult:
    """Everything rated for one inspection."""

    framework: str
    inspection: str
    standards: tuple[StandardResult, ...]
    overall: OverallResult | None
    overall_reason: str | None
    case_data: CaseDataResult | None
    breakdowns: tuple[Breakdown, ...]
    settings: Mapping[str, Any]
    unused_questions: tuple[str, ...] = ()

    def standard(self, standard_id: str) -> StandardResult:
        for standard in self.standards:
            if standard.id == standard_id:
                return standard
        if self.case_data is not None:
            for standard in self.case_data.standards:
                if standard.id == standard_id:
                    return standard
        raise KeyError(f"no result for standard {standard_id!r}")
