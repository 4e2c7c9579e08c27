"""The panel's current departures and sign-off, as the rating engine and the other apps read
them (this module reads the record only; :mod:`pinspect.web.panel.decisions` writes it)."""

from __future__ import annotations

from typing import Any

from pinspect.ratings.departure import Departure
from pinspect.web.panel.models import DecisionKind, PanelDecision, PanelSignOff

__all__ = ["current_departures", "current_sign_off", "is_signed_off"]


def current_departures(inspection: Any) -> tuple[Departure, ...]:
    """001 §4.24: every departure the panel currently stands by, as the core's value."""
    rows = PanelDecision.objects.filter(
        inspection=inspection, superseded_at__isnull=True, decision=DecisionKind.DEPARTED
    ).order_by("target")
    return tuple(Departure(row.target, row.final, row.reason) for row in rows)


def current_sign_off(inspection: Any) -> PanelSignOff | None:
    """The sign-off in force (not reopened), if any."""
    return (
        PanelSignOff.objects.filter(inspection=inspection, reopened_at__isnull=True)
        .select_related("signed_by")
        .first()
    )


def is_signed_off(inspection: Any) -> bool:
    """Whether the panel's ratings are locked (signed off and not reopened)."""
    return PanelSignOff.objects.filter(inspection=inspection, reopened_at__isnull=True).exists()
