"""Live results: the inspection's saved answers handed to the core's rating engine.

Only complete cases of the sample (not the reserve) count, so a half-assessed case does not
move the figures. The result is exactly what ``pinspect rate`` computes for the same answers
(:meth:`InspectionResult.as_dict` is the JSON both print).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from django.db.models import Max

from pinspect.problems import InputError
from pinspect.ratings.aggregate import aggregated_references, ratings_to_aggregate
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.departure import OVERALL
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from pinspect.web.assessments.models import ATTRIBUTE_NAMES, CaseAnswer, CaseStatus, SampledCase
from pinspect.web.audit.models import AuditEvent
from pinspect.web.evidence.judgements import proposed_ratings
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.installation import installation_settings
from pinspect.web.organisations.models import Unit
from pinspect.web.panel.departures import current_departures
from pinspect.web.reports.published_ratings import published_ratings

__all__ = [
    "aggregated_inspections",
    "aggregated_ratings",
    "complete_cases",
    "forget_published_results",
    "inspection_answers",
    "inspection_result",
    "last_change",
    "published_result",
]


def complete_cases(inspection: Any) -> Any:
    """Complete cases of the sample: not the reserve, not cases withdrawn and replaced."""
    return SampledCase.objects.filter(
        inspection=inspection,
        reserve_rank__isnull=True,
        withdrawn_at__isnull=True,
        status=CaseStatus.COMPLETE,
    )


def inspection_result(
    inspection: Any, settings: Settings | None = None, *, by: Sequence[str] = ()
) -> InspectionResult:
    """Rate the inspection from its complete cases, the lead inspector's proposed ratings of
    the judged standards (001 §4.15) and the panel's current departures (001 §4.24); ``by``
    names case attributes to break the key questions down by (those no complete case has are
    left out). The results page, its API twin, the panel and the report all use this one
    computation."""
    table = inspection_answers(inspection)
    recorded = {a.name for a in table.attributes}
    judged = {standard: p.rating for standard, p in proposed_ratings(inspection).items()}
    departures = current_departures(inspection)
    arguments: dict[str, Any] = {
        "catalogue": catalogue(),
        "settings": settings or installation_settings(),
        "judged": judged,
        "aggregate": aggregated_ratings(inspection, settings),
        "by": [name for name in by if name in recorded],
    }
    try:
        return rate_inspection(inspection.framework, table, departures=departures, **arguments)
    except InputError:
        if not any(d.target == OVERALL for d in departures):
            raise
    # The overall rating the panel departed from can no longer be computed (a rating under it
    # was withdrawn): rate without that departure; the panel page shows the decision as out of
    # date.
    kept = tuple(d for d in departures if d.target != OVERALL)
    return rate_inspection(inspection.framework, table, departures=kept, **arguments)


PUBLISHED_RESULTS_KEPT = 512
"""How many published inspections' results a process keeps (:func:`published_result`): a
few megabytes, more than the published inspections a panel, a unit's pages or a trend read."""


def published_result(inspection: Any, settings: Settings | None = None) -> InspectionResult:
    """The result of a published inspection, as :func:`inspection_result` rates it, rated once
    for each change to it: nothing in a published inspection is open to change in the app,
    yet the panel's view across inspections, a unit's summary and its trend read every
    published inspection on every request (a second each for a hundred inspections). The
    result is kept against the inspection, its :func:`last_change` and the settings, so an
    audited change (an administrator's correction, a PDU inspection published under a
    region) or other settings rate it again. An inspection not published is always rated."""
    settings = settings or installation_settings()
    if inspection.status != Status.PUBLISHED:
        return inspection_result(inspection, settings)
    return _published_result(inspection.pk, _last_change_of(inspection), settings)


@functools.lru_cache(maxsize=PUBLISHED_RESULTS_KEPT)
def _published_result(inspection_id: int, _change: int, settings: Settings) -> InspectionResult:
    """The rating :func:`published_result` keeps; ``_change``, the inspection's newest audit
    event, is read only as part of the key, so a change to the inspection rates it again."""
    return inspection_result(Inspection.objects.get(pk=inspection_id), settings)


def forget_published_results() -> None:
    """Let go of every kept result (a test's database is emptied under the process)."""
    _published_result.cache_clear()


def last_change(inspection_id: int) -> int:
    """The newest audit event (0 when none) of the inspection and of the inspections whose
    ratings its own aggregate (a region's published PDU inspections, 000 R 1.2.2): a file or
    a result made after it is current, and a PDU inspection published later makes the
    region's report out of date."""
    return _last_change_of(Inspection.objects.get(pk=inspection_id))


def _last_change_of(inspection: Any) -> int:
    read = [inspection.pk, *(other.pk for other in aggregated_inspections(inspection))]
    newest = AuditEvent.objects.filter(inspection_id__in=read).aggregate(seq=Max("seq"))
    return int(newest["seq"] or 0)


def aggregated_ratings(inspection: Any, settings: Settings | None = None) -> list[Rating]:
    """Seed 000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
    inspections generate a rating for key question R 1.2.2". The core's
    :func:`~pinspect.ratings.aggregate.ratings_to_aggregate` picks them from the final ratings
    kept when each inspection below this one's unit was published (rated then, not on every
    request); how they combine is the ``aggregate_rule`` setting."""
    below = aggregated_inspections(inspection)
    if not below:
        return []
    kept = published_ratings(below, lambda other: inspection_result(other, settings))
    return ratings_to_aggregate(inspection.framework, kept)


def aggregated_inspections(inspection: Any) -> list[Any]:
    """The published inspections below this one's unit whose ratings its own aggregate
    (000 R 1.2.2: a region's PDU inspections), in the order they were created; none when its
    framework aggregates nothing."""
    targets = {r.framework for r in aggregated_references(inspection.framework)}
    if not targets:
        return []
    units = Unit.ids_at_and_below({inspection.unit_id})
    units.discard(inspection.unit_id)
    return list(
        Inspection.objects.filter(
            unit_id__in=units, framework_id__in=targets, status=Status.PUBLISHED
        ).order_by("pk")
    )


def inspection_answers(inspection: Any) -> AnswerTable:
    """The answer table of the inspection's complete cases, with their recorded attributes."""
    cases = complete_cases(inspection)
    references = dict(cases.values_list("pk", "reference"))
    rows = (
        CaseAnswer.objects.filter(case_id__in=references)
        .exclude(answer="")
        .values_list("case_id", "question", "answer")
        .order_by("case_id", "question")
    )
    triples = [(references[c], q, Answer.parse(a)) for c, q, a in rows]
    attributes: dict[str, dict[str, str]] = {name: {} for name in ATTRIBUTE_NAMES}
    for pk, values in cases.values_list("pk", "attributes"):
        for name in ATTRIBUTE_NAMES:
            if values.get(name):
                attributes[name][references[pk]] = str(values[name])
    recorded = {k: v for k, v in attributes.items() if v}
    return AnswerTable.from_answers(triples, attributes=recorded)
