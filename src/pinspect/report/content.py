"""What a report holds, as plain frozen data: the sections in the order the report prints them.

:func:`pinspect.report.build_report` fills these from a rated inspection; the HTML, the PDF and
the data annex are all rendered from one :class:`Report`, so they cannot disagree. Case
references never reach a report: the case answers carry pseudonyms only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from pinspect.ratings.outcome import OutcomeCounts
from pinspect.report.inputs import Recommendation, SampleBasis
from pinspect.scale.counts import YesNoCounts, display_percent
from pinspect.scale.rating import Band, Rating

__all__ = [
    "BreakdownCell",
    "BreakdownGroup",
    "BreakdownTable",
    "CaseAnswerRow",
    "CaseDataSection",
    "DepartureRow",
    "KeyQuestionRow",
    "KeyQuestionTable",
    "OutcomeRow",
    "OutcomeSection",
    "PromptRow",
    "RatingRow",
    "Report",
    "SurveyResponse",
    "SurveyRow",
]

NOT_RATED_LABEL = "Not rated"


@dataclass(frozen=True)
class RatingRow:
    """One row of the ratings table (seed 001 §4.4): the overall rating, a domain heading, or a
    standard with its final rating (the panel's when it departed, 001 §4.24)."""

    kind: Literal["overall", "domain", "standard"]
    id: str
    name: str
    rating: Rating | None = None
    computed_rating: Rating | None = None
    departed: bool = False
    rated_by: str = ""
    score: int | None = None
    max_score: int | None = None
    fragile: bool | None = None
    p_rating_differs: float | None = None
    note: str = ""

    @property
    def rating_label(self) -> str:
        """The rating as the table prints it: blank for a domain heading."""
        if self.kind == "domain":
            return ""
        return NOT_RATED_LABEL if self.rating is None else self.rating.label


@dataclass(frozen=True, kw_only=True)
class PromptRow(YesNoCounts):
    """A prompt's counts, reported with its key question (001 §4.7); prompts are not rated."""

    id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class KeyQuestionRow(YesNoCounts):
    """A case-based key question: counts, percentage, band and rating (001 §4.7, §4.8, §4.9,
    §4.10), the interval of the percentage, and whether it decides a fragile standard rating."""

    id: str
    text: str
    band: Band | None
    rating: Rating | None
    interval: tuple[float, float] | None
    fragile: bool
    next_band_needs: int | None
    prompts: tuple[PromptRow, ...] = ()


@dataclass(frozen=True)
class KeyQuestionTable:
    """The key questions of one case-based standard."""

    standard_id: str
    standard_name: str
    rating: Rating | None
    fragile: bool | None
    p_rating_differs: float | None
    rows: tuple[KeyQuestionRow, ...]
    indicative: bool = False

    @property
    def rating_label(self) -> str:
        return NOT_RATED_LABEL if self.rating is None else self.rating.label


@dataclass(frozen=True)
class DepartureRow:
    """001 §4.24: a departure from the scoring rules, with its reasons and, when the panel's
    record is given, who decided and when."""

    target: str
    target_name: str
    computed: Rating | None
    final: Rating
    reason: str
    decided_by: tuple[str, ...] = ()
    decided_at: datetime | None = None
    proposed_by: str = ""


@dataclass(frozen=True)
class BreakdownCell:
    """One key question in one sub-group; no figures when the engine suppressed it."""

    key_question: str
    yes: int | None
    no: int | None
    percent: float | None
    suppressed: bool


@dataclass(frozen=True)
class BreakdownGroup:
    """A sub-group shown in a breakdown: its attribute values (None = not recorded)."""

    values: tuple[tuple[str, str | None], ...]
    cases: int
    cells: tuple[BreakdownCell, ...]

    @property
    def label(self) -> str:
        return ", ".join("Not recorded" if v is None else v for _, v in self.values)


@dataclass(frozen=True)
class BreakdownTable:
    """Key-question percentages by one attribute or a pair (003 §3.5, 001 §5.9). Only the
    groups whose case count the engine did not suppress are listed."""

    by: tuple[str, ...]
    key_questions: tuple[tuple[str, str], ...]
    groups: tuple[BreakdownGroup, ...]

    @property
    def title(self) -> str:
        return " and ".join(attribute_label(name) for name in self.by)


@dataclass(frozen=True)
class SurveyResponse:
    option: str
    count: int
    percent: float | None


@dataclass(frozen=True)
class SurveyRow:
    """One survey question for people on probation (003 §5.6, §5.7, §5.8, §5.9) and its
    responses."""

    id: str
    text: str
    prompts: tuple[str, ...]
    responses: tuple[SurveyResponse, ...]
    total: int


@dataclass(frozen=True)
class OutcomeRow:
    """Met / part met / not met counts and percentages of one outcome question (003 §4.2), and
    how many of the met relied on stability (003 §4.11)."""

    id: str
    text: str
    met: int
    part_met: int
    not_met: int
    not_applicable: int
    percent_met: float | None
    percent_part_met: float | None
    percent_not_met: float | None
    #: 003 §4.8, §4.11: of the met, how many relied on stability.
    met_through_stability: int = 0

    @classmethod
    def of(cls, row_id: str, text: str, counts: OutcomeCounts) -> OutcomeRow:
        """003 §4.2, §4.11: the row of one outcome question's counts; the percentages are of
        the cases judged met, part met or not met (met through stability counts as met)."""
        judged = counts.judged
        return cls(
            id=row_id,
            text=text,
            met=counts.met,
            part_met=counts.part_met,
            not_met=counts.not_met,
            not_applicable=counts.not_applicable,
            percent_met=display_percent(counts.met, judged),
            percent_part_met=display_percent(counts.part_met, judged),
            percent_not_met=display_percent(counts.not_met, judged),
            met_through_stability=counts.met_through_stability,
        )


@dataclass(frozen=True)
class OutcomeSection:
    """An outcomes standard as baseline data, not rated (003 §3.7, §4.10)."""

    standard_id: str
    standard_name: str
    rows: tuple[OutcomeRow, ...]
    total: OutcomeRow | None
    note: str


@dataclass(frozen=True)
class CaseDataSection:
    """002 decision 7: the national inspection's cases, indicative of a rating only."""

    framework_id: str
    framework_title: str
    label: str
    note: str
    ratings: tuple[RatingRow, ...]
    key_questions: tuple[KeyQuestionTable, ...]


@dataclass(frozen=True)
class CaseAnswerRow:
    """One answer of one case, for the data annex: pseudonym, never the case reference."""

    case: str
    sample: str
    question: str
    answer: str
    attributes: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """One inspection's report, every section in print order."""

    title: str
    unit: str
    mock: bool
    published_on: date | None
    framework_id: str
    framework_title: str
    framework_version: str
    licence: str
    ratings: tuple[RatingRow, ...]
    overall_note: str
    key_questions: tuple[KeyQuestionTable, ...]
    departures: tuple[DepartureRow, ...]
    breakdowns: tuple[BreakdownTable, ...]
    suppress_below: int
    survey: tuple[SurveyRow, ...]
    outcomes: tuple[OutcomeSection, ...]
    recommendations: tuple[Recommendation, ...]
    case_data: CaseDataSection | None
    method_notes: tuple[str, ...]
    confidence_level: float
    attribute_names: tuple[str, ...]
    case_answers: tuple[CaseAnswerRow, ...]
    basis: SampleBasis | None = None

    @property
    def slug(self) -> str:
        """A file-name stem made from the title and unit: ``inspection-of-example-pdu``."""
        text = re.sub(r"[^a-z0-9]+", "-", f"{self.title} {self.unit}".lower()).strip("-")
        return text[:60].strip("-") or "report"

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (ratings as their labels, dates as ISO text)."""
        data = _plain(self)
        assert isinstance(data, dict)
        return data


def attribute_label(name: str) -> str:
    """An attribute name as a heading: ``age_band`` → ``Age band``."""
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _plain(value: Any) -> Any:
    if isinstance(value, Rating | Band):
        return value.label
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value
