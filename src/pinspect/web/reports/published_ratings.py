"""The final standard ratings of published inspections, kept at publication.

Seed 000 R 1.2.2 rates a regional key question from "Aggregated ratings for standard P 1.2
from all of the region's PDU inspections". A published inspection's ratings do not change, so
they are rated once, when it is published (:func:`keep_published_ratings`), and read from
:class:`~pinspect.web.reports.models.PublishedRating` afterwards. An inspection published
before its ratings were kept (or marked published by an administrator) is rated the first time
they are needed, and kept then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pinspect.ratings.aggregate import PublishedRatings
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.scale.rating import Rating
from pinspect.web.reports.models import PublishedRating

__all__ = ["keep_published_ratings", "published_ratings"]


def keep_published_ratings(inspection: Any, result: InspectionResult) -> PublishedRatings:
    """Keep the final rating of every standard of ``result`` for ``inspection`` (replacing
    any kept before); call inside the transaction that publishes it."""
    PublishedRating.objects.filter(inspection=inspection).delete()
    PublishedRating.objects.bulk_create(
        PublishedRating(
            inspection=inspection,
            standard_id=standard.id,
            rating=None if standard.rating is None else int(standard.rating),
        )
        for standard in result.standards
    )
    return PublishedRatings(
        framework=result.framework, ratings={s.id: s.rating for s in result.standards}
    )


def published_ratings(
    inspections: Sequence[Any], rate: Callable[[Any], InspectionResult]
) -> list[PublishedRatings]:
    """The kept ratings of each published inspection, in the order given; one not kept yet is
    rated with ``rate`` and kept."""
    kept: dict[int, dict[str, Rating | None]] = {}
    rows = PublishedRating.objects.filter(inspection__in=[i.pk for i in inspections])
    for inspection_id, standard_id, rating in rows.values_list(
        "inspection_id", "standard_id", "rating"
    ):
        kept.setdefault(inspection_id, {})[standard_id] = None if rating is None else Rating(rating)
    found = []
    for inspection in inspections:
        if inspection.pk in kept:
            found.append(PublishedRatings(inspection.framework_id, kept[inspection.pk]))
        else:
            found.append(keep_published_ratings(inspection, rate(inspection)))
    return found
