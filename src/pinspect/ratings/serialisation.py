"""The JSON shape of every rating result: one serialiser per result type.

``pinspect rate --format json``, the web API and anything else that writes a result as JSON
call these functions, so the shape is defined once. Pages and reports do not read this JSON:
they take the typed results themselves. Labels (``"Good"``, ``"Large majority"``) are written
for people and for outside tools; nothing in pinspect reads them back.
"""

from __future__ import annotations

from typing import Any

from pinspect.frameworks.model import AnswerScale
from pinspect.ratings.breakdown import Breakdown, GroupKeyQuestion, GroupResult
from pinspect.ratings.departure import Departure
from pinspect.ratings.inspection_result import CaseDataResult, InspectionResult
from pinspect.ratings.key_question import AggregateEvidence, KeyQuestionResult, PromptResult
from pinspect.ratings.outcome import OutcomeCounts
from pinspect.ratings.overall import OverallResult
from pinspect.ratings.standard import StandardResult
from pinspect.ratings.summary import (
    INDICATIVE_NOTE,
    RATING_ORDER,
    KeyQuestionSummary,
    RatingDistribution,
    StandardSummary,
    UnitSummary,
)
from pinspect.scale.counts import display_percent
from pinspect.scale.rating import Rating

__all__ = [
    "JSONObject",
    "aggregate_json",
    "breakdown_json",
    "case_data_json",
    "departure_json",
    "distribution_json",
    "group_json",
    "group_key_question_json",
    "inspection_json",
    "key_question_json",
    "key_question_summary_json",
    "outcomes_json",
    "overall_json",
    "prompt_json",
    "standard_json",
    "standard_summary_json",
    "unit_summary_json",
]

JSONObject = dict[str, Any]


def _label(rating: Rating | None) -> str | None:
    return None if rating is None else rating.label


def _probability(p: float | None) -> float | None:
    return None if p is None else round(p, 4)


def inspection_json(result: InspectionResult) -> JSONObject:
    """Everything rated for one inspection: what ``pinspect rate --format json`` prints."""
    data: JSONObject = {
        "framework": result.framework,
        "standards": [standard_json(s) for s in result.standards],
        "overall": None if result.overall is None else overall_json(result.overall),
        "overall_reason": result.overall_reason,
    }
    if result.inspection:
        data["inspection"] = result.inspection
    if result.case_data is not None:
        data["case_data"] = case_data_json(result.case_data)
    if result.breakdowns:
        data["breakdowns"] = [breakdown_json(b) for b in result.breakdowns]
    departures = [
        departure_json(s.departure, s.computed_rating) for s in result.standards if s.departure
    ]
    if result.overall is not None and result.overall.departure is not None:
        departures.append(departure_json(result.overall.departure, result.overall.computed_rating))
    data["departures"] = departures
    if result.unused_questions:
        data["unused_questions"] = list(result.unused_questions)
    data["settings"] = dict(result.settings)
    return data


def case_data_json(case_data: CaseDataResult) -> JSONObject:
    """002 decision 7: the national inspection's cases as one data set, indicative only."""
    return {
        "framework": case_data.framework,
        "domain": case_data.domain,
        "indicative": True,
        "note": case_data.note,
        "source": case_data.source,
        "standards": [standard_json(s) for s in case_data.standards],
    }


def standard_json(standard: StandardResult) -> JSONObject:
    data: JSONObject = {
        "id": standard.id,
        "name": standard.name,
        "rated_by": standard.rated_by.value,
        "rating": _label(standard.rating),
        "score": standard.score,
        "reason": standard.reason,
        "key_questions": [key_question_json(kq) for kq in standard.key_questions],
        "p_rating_differs": _probability(standard.p_rating_differs),
        "fragile": standard.fragile,
        "computed_rating": _label(standard.computed_rating),
        "scored": standard.scored,
        "next_band_needs": standard.next_band_needs,
    }
    if standard.departure is not None:
        data["departure"] = departure_json(standard.departure, standard.computed_rating)
    if standard.outcomes is not None:
        data["outcomes"] = outcomes_json(standard.outcomes)
    if standard.indicative:
        data["indicative"] = True
    return data


def key_question_json(kq: KeyQuestionResult) -> JSONObject:
    counted = kq.answer_scale is not AnswerScale.OUTCOME
    data: JSONObject = {
        "id": kq.id,
        "yes": kq.yes if counted else None,
        "no": kq.no if counted else None,
        "not_applicable": kq.not_applicable,
        "percent": kq.percent if counted else None,
        "band": None if kq.band is None else kq.band.label,
        "rating": _label(kq.rating),
        "interval": None if kq.interval is None else [round(v, 1) for v in kq.interval],
        "next_band_needs": kq.next_band_needs,
    }
    if kq.mirrors is not None:
        data["mirrors"] = kq.mirrors
    if kq.prompts:
        data["prompts"] = [prompt_json(p) for p in kq.prompts]
    if kq.outcomes is not None:
        data["outcomes"] = outcomes_json(kq.outcomes)
    if kq.aggregate is not None:
        data["aggregate"] = aggregate_json(kq.aggregate)
    return data


def prompt_json(prompt: PromptResult) -> JSONObject:
    return {
        "id": prompt.id,
        "yes": prompt.yes,
        "no": prompt.no,
        "not_applicable": prompt.not_applicable,
        "percent": prompt.percent,
    }


def aggregate_json(evidence: AggregateEvidence) -> JSONObject:
    """000 R 1.2.2: the ratings aggregated, counted by rating, and the rating they give."""
    return {
        "of": evidence.of,
        "rule": evidence.rule,
        "inspections": len(evidence.ratings),
        "ratings": {r.label: evidence.ratings.count(r) for r in Rating if r in evidence.ratings},
        "rating": _label(evidence.rating),
    }


def outcomes_json(outcomes: OutcomeCounts) -> JSONObject:
    """Outcome counts and percentages (003 §4.2); ``met_through_stability`` (003 §4.11), how
    many of the met relied on stability, is given when any did, so results recorded before
    stability could be answered keep their shape."""
    judged = outcomes.judged
    data: JSONObject = {
        "met": outcomes.met,
        "part_met": outcomes.part_met,
        "not_met": outcomes.not_met,
        "not_applicable": outcomes.not_applicable,
        "percent": {
            "met": display_percent(outcomes.met, judged),
            "part_met": display_percent(outcomes.part_met, judged),
            "not_met": display_percent(outcomes.not_met, judged),
        },
    }
    if outcomes.met_through_stability:
        data["met_through_stability"] = outcomes.met_through_stability
    return data


def overall_json(overall: OverallResult) -> JSONObject:
    data: JSONObject = {
        "score": overall.score,
        "max": overall.max_score,
        "rating": overall.rating.label,
        "banding": overall.banding.value,
        "p_rating_differs": _probability(overall.p_rating_differs),
        "fragile": overall.fragile,
        "computed_rating": overall.computed_rating.label,
    }
    if overall.departure is not None:
        data["departure"] = departure_json(overall.departure, overall.computed_rating)
    return data


def departure_json(departure: Departure, computed: Rating | None) -> JSONObject:
    """001 §4.24: the computed rating kept beside the panel's final one, with the reasons."""
    return {
        "target": departure.target,
        "computed": _label(computed),
        "final": departure.final.label,
        "reason": departure.reason.strip(),
        "source": "001 §4.24",
    }


def breakdown_json(breakdown: Breakdown) -> JSONObject:
    return {"by": list(breakdown.by), "groups": [group_json(g) for g in breakdown.groups]}


def group_json(group: GroupResult) -> JSONObject:
    return {
        "values": dict(group.values),
        "cases": group.cases,
        "key_questions": [group_key_question_json(kq) for kq in group.key_questions],
    }


def group_key_question_json(kq: GroupKeyQuestion) -> JSONObject:
    return {
        "id": kq.id,
        "yes": kq.yes,
        "no": kq.no,
        "not_applicable": kq.not_applicable,
        "percent": kq.percent,
        "suppressed": kq.suppressed,
    }


def unit_summary_json(summary: UnitSummary) -> JSONObject:
    shown = summary.shown
    return {
        "framework": summary.framework,
        "inspections": len(summary.inspections),
        "shown": shown,
        "reason": summary.reason,
        "standards": [standard_summary_json(s) for s in summary.standards] if shown else None,
        "overall": None if summary.overall is None else distribution_json(summary.overall),
        "key_questions": [key_question_summary_json(k) for k in summary.key_questions]
        if shown
        else None,
        "note": INDICATIVE_NOTE,
        "suppress_below": summary.suppress_below,
    }


def distribution_json(distribution: RatingDistribution) -> dict[str, int]:
    data = {r.label: distribution.count(r) for r in RATING_ORDER}
    data["Not rated"] = distribution.not_rated
    return data


def standard_summary_json(summary: StandardSummary) -> JSONObject:
    return {
        "id": summary.id,
        "name": summary.name,
        "rated_by": summary.rated_by.value,
        "ratings": distribution_json(summary.ratings),
    }


def key_question_summary_json(summary: KeyQuestionSummary) -> JSONObject:
    hidden = summary.suppressed
    data: JSONObject = {
        "standard": summary.standard,
        "id": summary.id,
        "inspections": summary.inspections,
        "yes": None if hidden else summary.yes,
        "no": None if hidden else summary.no,
        "not_applicable": None if hidden else summary.not_applicable,
        "percent": None if hidden else summary.percent,
        "indicative": True,
        "suppressed": hidden,
    }
    if summary.case_data:
        data["case_data"] = True
    return data
