"""Publication: the lead inspector (or an admin) publishes the report once the ratings panel
has signed off; the inspection moves from "panel" to "published" and its viewers can read it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from pinspect.web.audit.record import record_changes, record_field
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.inspections.results import inspection_result
from pinspect.web.panel.decisions import panel_rows, undecided
from pinspect.web.panel.departures import is_signed_off
from pinspect.web.reports.models import Publication
from pinspect.web.reports.published_ratings import keep_published_ratings

__all__ = ["PublicationRefusedError", "publish", "why_not_publishable"]


class PublicationRefusedError(ValueError):
    """The report cannot be published now; the message says why."""


def why_not_publishable(inspection: Any) -> str:
    """Why the inspection cannot be published now ('' when it can)."""
    if inspection.status != Status.PANEL:
        return (
            f"Only an inspection at the ratings panel can be published; this one is at "
            f"{inspection.get_status_display().lower()}"
        )
    if not is_signed_off(inspection):
        return "The ratings panel has not signed off its ratings"
    missing = undecided(panel_rows(inspection))
    if missing:
        return (
            "A rating changed after the panel signed off; the panel must reopen and decide "
            "again: " + ", ".join(missing)
        )
    return ""


def publish(inspection: Any, user: Any) -> Publication:
    """Publish the report (status panel → published), audited; refused unless the panel has
    signed off and every one of its decisions still stands."""
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        problem = why_not_publishable(locked)
        if problem:
            raise PublicationRefusedError(problem)
        publication = Publication.objects.create(
            inspection=locked, published_by=user, published_at=timezone.now()
        )
        record_field(
            actor=user,
            inspection=locked,
            obj=locked,
            field="status",
            old=locked.status,
            new=Status.PUBLISHED,
        )
        locked.status = Status.PUBLISHED
        locked.save(update_fields=["status"])
        # Rated once, now: aggregations of published inspections (000 R 1.2.2) read these.
        keep_published_ratings(locked, inspection_result(locked))
        record_changes(
            actor=user,
            inspection=locked,
            obj=publication,
            old={},
            new={
                "published_by": user.username,
                "published_at": publication.published_at.isoformat(),
            },
            label="Publication",
        )
        inspection.status = locked.status
        return publication
