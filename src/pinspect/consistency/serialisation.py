"""One JSON shape per consistency result: the agreement table (the CLI's ``--format json``)
and the panel's view across inspections (the panel API, the page's JSON twin)."""

from __future__ import annotations

from typing import Any

from pinspect.consistency.across_inspections import PanelComparison
from pinspect.consistency.agreement_table import AgreementTable
from pinspect.consistency.domain_correlation import DomainCorrelation
from pinspect.consistency.what_if import BandComparison, RatingComparison
from pinspect.scale.rating import Rating
from pinspect.stats.agreement import Agreement, Figure

__all__ = [
    "agreement_json",
    "agreement_table_json",
    "domain_correlation_json",
    "figure_json",
    "panel_comparison_json",
]


def figure_json(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {
        "value": figure.value,
        "interval": None if figure.interval is None else list(figure.interval),
        "reason": figure.reason,
    }


def agreement_json(agreement: Agreement) -> dict[str, Any]:
    return {
        "cases": agreement.cases,
        "markers": agreement.markers,
        "answers_possible": agreement.categories,
        "raw_agreement": figure_json(agreement.raw),
        "kappa": figure_json(agreement.kappa),
        "kappa_kind": agreement.kappa_kind,
        "ac1": figure_json(agreement.ac1),
        "alpha": figure_json(agreement.alpha),
    }


def _band(comparison: BandComparison) -> dict[str, Any]:
    return {
        "first": comparison.first,
        "second": comparison.second,
        "cases": comparison.cases,
        "first_band": None if comparison.first_band is None else comparison.first_band.label,
        "second_band": None if comparison.second_band is None else comparison.second_band.label,
        "changes": comparison.changes,
    }


def _rating(comparison: RatingComparison) -> dict[str, Any]:
    return {
        "first": comparison.first,
        "second": comparison.second,
        "first_rating": None if comparison.first_rating is None else comparison.first_rating.label,
        "second_rating": (
            None if comparison.second_rating is None else comparison.second_rating.label
        ),
        "changes": comparison.changes,
        "reason": comparison.reason,
    }


def agreement_table_json(table: AgreementTable) -> dict[str, Any]:
    """The whole table as JSON-ready data."""
    return {
        "framework": table.framework,
        "markers": list(table.markers),
        "confidence_level": table.confidence_level,
        "interval_method": (
            f"percentile bootstrap over cases, {table.draws} resamples, seed {table.seed}"
        ),
        "flag": {"figure": table.flag_figure, "below": table.flag_below},
        "key_questions": [
            {
                "question": q.question,
                "standard": q.standard,
                **agreement_json(q.agreement),
                "flagged": q.flagged,
                "band_changes": q.band_changes,
                "bands": [_band(c) for c in q.bands],
            }
            for q in table.questions
        ],
        "standards": [
            {
                "standard": s.standard,
                "name": s.name,
                "key_questions": list(s.questions),
                **agreement_json(s.agreement),
                "flagged": s.flagged,
                "rating_changes": s.rating_changes,
                "ratings": [_rating(c) for c in s.ratings],
            }
            for s in table.standards
        ],
        "pairs": [
            {"first": p.first, "second": p.second, **agreement_json(p.agreement)}
            for p in table.pairs
        ],
    }


def _rating_label(rating: Rating | None) -> str | None:
    return None if rating is None else rating.label


def domain_correlation_json(correlation: DomainCorrelation) -> dict[str, Any]:
    """001 §4.14: every judged standard beside every case-based one, steps apart and flag."""
    return {
        "threshold_steps": correlation.threshold_steps,
        "pairs": [
            {
                "judged": {
                    "id": p.judged.id,
                    "name": p.judged.name,
                    "rating": _rating_label(p.judged.rating),
                },
                "case_based": {
                    "id": p.case_based.id,
                    "name": p.case_based.name,
                    "rating": _rating_label(p.case_based.rating),
                },
                "steps": p.steps,
                "flagged": p.flagged,
            }
            for p in correlation.pairs
        ],
    }


def panel_comparison_json(comparison: PanelComparison) -> dict[str, Any]:
    """001 §4.17: the panel page's view across inspections, as the API gives it."""
    return {
        "framework": comparison.framework,
        "inspections": [i.as_dict() for i in comparison.inspections],
        "standards": [
            {
                "id": s.id,
                "name": s.name,
                "rated_by": s.rated_by.value,
                "under_decision": _rating_label(s.under_decision),
                "key_questions": [{"id": k.id, "percent": k.percent} for k in s.key_questions],
                "distribution": [
                    {
                        "rating": c.rating.label,
                        "count": c.count,
                        "under_decision": c.under_decision,
                    }
                    for c in s.distribution
                ],
                "others": [p.as_dict() for p in s.others],
                "other_key_questions": [k.as_dict() for k in s.other_key_questions],
            }
            for s in comparison.standards
        ],
        "domain_correlation": domain_correlation_json(comparison.correlation),
        "notes": list(comparison.notes),
    }
