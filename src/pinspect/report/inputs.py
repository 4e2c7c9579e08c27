"""What a report is made from: plain data, gathered from files by the CLI or from the database
by the web application, and handed to :func:`pinspect.report.build_report`.

Seed 001 §4.4 (the ratings table), §4.24 (departures with their reasons), seed 003 §5 (the
people-on-probation survey) and §4 (outcomes as baseline data) decide what a report holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import Framework
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inspection_result import InspectionResult

__all__ = ["PanelRecord", "Recommendation", "ReportInputs", "SurveyQuestion"]


@dataclass(frozen=True)
class Recommendation:
    """A recommendation written by the lead inspector, addressed to a named body."""

    addressed_to: str
    text: str


@dataclass(frozen=True)
class SurveyQuestion:
    """One question of the survey of people on probation (seed 003 §5) and its responses.

    ``responses`` maps each response option, in the order it was offered, to its count;
    ``prompts`` are the domain-one prompts the question informs.
    """

    id: str
    text: str
    responses: Mapping[str, int]
    prompts: tuple[str, ...] = ()


@dataclass(frozen=True)
class PanelRecord:
    """The ratings panel's decision on a standard or the overall rating (001 §4.16, §4.17, §4.24).

    ``target`` is a standard id or ``"overall"``; a departure's final rating and reason are also
    in the :class:`InspectionResult` (its ``departures``); this record says who decided, when.
    """

    target: str
    decision: Literal["verified", "departed"]
    decided_by: tuple[str, ...]
    decided_at: datetime
    proposed_by: str = ""
    reason: str = ""


@dataclass(frozen=True)
class SampleBasis:
    """What the ratings rest on: the sample drawn and what became of it.

    ``sample_size`` counts the sample as it stands: the cases drawn, less those ``withdrawn``,
    plus the reserve cases brought in to replace them (``reserve_used``);
    ``cases_inspected`` those of it complete.
    ``confidence_level`` and ``margin_of_error`` are the draw's (None for a prepared sample
    or a size given by hand). ``open_cases`` were still open when the inspection went to the
    ratings panel, for the lead inspector's ``open_cases_reason``.
    """

    sample_size: int
    cases_inspected: int
    reserve_used: int = 0
    withdrawn: int = 0
    confidence_level: float | None = None
    margin_of_error: float | None = None
    open_cases: int = 0
    open_cases_reason: str = ""


@dataclass(frozen=True)
class ReportInputs:
    """Everything one inspection's report is made from.

    ``result`` is the inspection rated with its judged ratings, departures and the diversity
    attributes as breakdowns (``by``); ``answers`` is the answer table it was rated from, used
    for the data annex, where case identifiers are replaced by pseudonyms keyed by
    ``pseudonym_key``. ``catalogue`` resolves questions of other frameworks that the answers
    use (the national inspection's PDU case data, regional key questions answered under the PDU
    ids they mirror); without it the bundled catalogue is used.
    """

    framework: Framework
    result: InspectionResult
    answers: AnswerTable
    title: str
    unit: str
    pseudonym_key: bytes
    mock: bool = False
    published_on: date | None = None
    recommendations: tuple[Recommendation, ...] = ()
    survey: tuple[SurveyQuestion, ...] = ()
    panel: tuple[PanelRecord, ...] = field(default=())
    catalogue: Catalogue | None = None
    basis: SampleBasis | None = None
