"""Recommendations: written by the lead inspector, each addressed to a named body. Every
change is audited; taking one out of the report is a recorded withdrawal, never a delete."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from pinspect.web.audit.record import record_changes, record_field
from pinspect.web.reports.models import Recommendation

__all__ = ["add_recommendation", "change_recommendation", "withdraw_recommendation"]


def _label(recommendation: Recommendation) -> str:
    return f"Recommendation to {recommendation.addressed_to}"[:120]


def add_recommendation(inspection: Any, user: Any, addressed_to: str, text: str) -> Recommendation:
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            inspection=inspection,
            addressed_to=addressed_to.strip(),
            text=text.strip(),
            created_by=user,
        )
        record_changes(
            actor=user,
            inspection=inspection,
            obj=recommendation,
            old={},
            new={"addressed_to": recommendation.addressed_to, "text": recommendation.text},
            label=_label(recommendation),
        )
        return recommendation


def change_recommendation(
    recommendation: Recommendation, user: Any, addressed_to: str, text: str
) -> Recommendation:
    if recommendation.withdrawn_at is not None:
        raise ValueError("A withdrawn recommendation cannot be changed")
    with transaction.atomic():
        old = {"addressed_to": recommendation.addressed_to, "text": recommendation.text}
        recommendation.addressed_to = addressed_to.strip()
        recommendation.text = text.strip()
        recommendation.save(update_fields=["addressed_to", "text", "updated_at"])
        record_changes(
            actor=user,
            inspection=recommendation.inspection,
            obj=recommendation,
            old=old,
            new={"addressed_to": recommendation.addressed_to, "text": recommendation.text},
            label=_label(recommendation),
        )
        return recommendation


def withdraw_recommendation(recommendation: Recommendation, user: Any) -> Recommendation:
    if recommendation.withdrawn_at is not None:
        raise ValueError("The recommendation is already withdrawn")
    with transaction.atomic():
        recommendation.withdrawn_by = user
        recommendation.withdrawn_at = timezone.now()
        recommendation.save(update_fields=["withdrawn_by", "withdrawn_at", "updated_at"])
        record_field(
            actor=user,
            inspection=recommendation.inspection,
            obj=recommendation,
            field="withdrawn_at",
            old="",
            new=recommendation.withdrawn_at.isoformat(),
            label=_label(recommendation),
        )
        return recommendation
