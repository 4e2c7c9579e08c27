"""Published inspections of the past, made up for the demo and the tests: a unit's trend across
framework editions and the national picture need inspections that were published before.

:func:`published_inspection` stores one inspection as publication leaves it: its complete
sample cases (case attributes drawn from a fictional long list, :mod:`pinspect.synthetic`) with
key-question answers, the lead inspector's proposed rating of every judged standard, the
publication record and the final ratings kept then. Nothing here is real: answers are drawn
at random around a given share of yes answers, reproducibly from a seed.
:func:`add_published_history` adds the demo's: three inspections of the demo PDU under two
framework editions, two PDUs of a second region, and a national inspection's cases.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from django.db import transaction

from pinspect.frameworks.model import Framework, RatedBy
from pinspect.sampling import long_list_from_records
from pinspect.sampling.draw import DrawnCase
from pinspect.scale.rating import Rating
from pinspect.synthetic import synthetic_long_list
from pinspect.web.assessments.models import CaseAnswer, CaseStatus, SampledCase
from pinspect.web.assessments.questions import case_questions
from pinspect.web.evidence.models import Judgement
from pinspect.web.evidence.sources import judged_standards
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.inspections.results import inspection_result
from pinspect.web.organisations.models import Level, Unit
from pinspect.web.reports.models import Publication
from pinspect.web.reports.published_ratings import keep_published_ratings
from pinspect.web.samples.drawing import case_attributes

__all__ = ["HISTORY", "PastInspection", "add_published_history", "published_inspection"]

# Cases per sample of an inspection (a published PDU report's sample is larger; these keep the
# demo quick to build while every sub-group table has cells above and below the threshold).
CASES = {"supervision": 40, "court_reports": 12, "victims": 10}


@dataclass(frozen=True)
class PastInspection:
    """One made-up published inspection: where, when, under which framework, and how well
    its cases went (the chance of a yes answer, varied per key question)."""

    unit_code: str
    title: str
    framework_id: str
    start: date
    end: date
    strength: float
    judged: Rating


def _sample_of(framework: Framework) -> dict[str, tuple[Any, ...]]:
    """The case questions of each sample the framework's case-based standards draw on; a
    national inspection's cases answer the framework they are inspected against (002
    decision 7)."""
    source = framework
    if framework.case_inspection is not None:
        source = catalogue()[framework.case_inspection.framework]
    samples = {
        s.sample.value
        for s in source.standards
        if s.rated_by is RatedBy.CASES and s.sample is not None
    }
    return {
        sample: case_questions(source, sample).key_questions
        for sample in sorted(samples)
        if sample in CASES
    }


def published_inspection(
    past: PastInspection, *, unit: Any, publisher: Any, seed: int
) -> Inspection:
    """Store ``past`` as a published inspection of ``unit`` (see the module docstring)."""
    rng = random.Random(seed)
    people = synthetic_long_list(400, seed, past.end)
    long_list = long_list_from_records(people, file="synthetic long list")
    with transaction.atomic():
        inspection = Inspection.objects.create(
            title=past.title,
            unit=unit,
            framework_id=past.framework_id,
            window_start=past.start,
            window_end=past.end,
            status=Status.PUBLISHED,
        )
        framework = inspection.framework
        chosen = rng.sample(list(long_list.cases), sum(CASES.values()))
        cases: list[SampledCase] = []
        questions: list[tuple[Any, ...]] = []
        for sample, forms in _sample_of(framework).items():
            for _ in range(CASES[sample]):
                person = chosen[len(cases)]
                cases.append(
                    SampledCase(
                        inspection=inspection,
                        reference=f"H{len(cases) + 1:04d}",
                        sample=sample,
                        stratum="",
                        status=CaseStatus.COMPLETE,
                        attributes=case_attributes(long_list, DrawnCase(person, "")),
                    )
                )
                questions.append(forms)
        SampledCase.objects.bulk_create(cases)
        saved = SampledCase.objects.filter(inspection=inspection).order_by("reference")
        lean: dict[str, float] = {}
        answers = []
        for case, forms in zip(saved, questions, strict=True):
            for form in forms:
                kq = form.key_question.id
                lean.setdefault(kq, rng.uniform(-0.12, 0.12))
                yes = rng.random() < past.strength + lean[kq]
                answers.append(CaseAnswer(case=case, question=kq, answer="yes" if yes else "no"))
        CaseAnswer.objects.bulk_create(answers)
        now = datetime.combine(past.end, datetime.min.time(), tzinfo=UTC)
        Judgement.objects.bulk_create(
            Judgement(
                inspection=inspection,
                standard=standard.id,
                rationale="Made-up demonstration judgement.",
                proposed_rating=int(past.judged),
                proposed_by=publisher,
                proposed_at=now,
                updated_by=publisher,
            )
            for standard in judged_standards(framework)
        )
        Publication.objects.create(inspection=inspection, published_by=publisher, published_at=now)
        keep_published_ratings(inspection, inspection_result(inspection))
    return inspection


HISTORY: tuple[PastInspection, ...] = (
    PastInspection(
        "EW-ASH-PDU1",
        "Ashmoor PDU inspection 2021",
        "hmip-2021-pdu-scored-27",
        date(2021, 6, 1),
        date(2021, 11, 30),
        0.6,
        Rating.REQUIRES_IMPROVEMENT,
    ),
    PastInspection(
        "EW-ASH-PDU1",
        "Ashmoor PDU inspection 2022",
        "hmip-2021-pdu-scored-27",
        date(2022, 6, 1),
        date(2022, 11, 30),
        0.68,
        Rating.REQUIRES_IMPROVEMENT,
    ),
    PastInspection(
        "EW-ASH-PDU1",
        "Ashmoor PDU inspection 2023",
        "hmip-2023-pdu",
        date(2022, 12, 1),
        date(2023, 5, 31),
        0.76,
        Rating.GOOD,
    ),
    PastInspection(
        "EW-BRK-PDU1",
        "Brackley North PDU inspection 2023",
        "hmip-2023-pdu",
        date(2023, 1, 1),
        date(2023, 6, 30),
        0.7,
        Rating.GOOD,
    ),
    PastInspection(
        "EW-BRK-PDU2",
        "Brackley South PDU inspection 2023",
        "hmip-2023-pdu",
        date(2023, 3, 1),
        date(2023, 8, 31),
        0.58,
        Rating.REQUIRES_IMPROVEMENT,
    ),
    PastInspection(
        "EW",
        "National inspection 2024",
        "hmip-2024-national",
        date(2024, 1, 1),
        date(2024, 6, 30),
        0.66,
        Rating.REQUIRES_IMPROVEMENT,
    ),
)


def _second_region(nation: Unit) -> None:
    region, _ = Unit.objects.get_or_create(
        code="EW-BRK", defaults={"name": "Brackley region", "level": Level.REGION, "parent": nation}
    )
    for code, name in (
        ("EW-BRK-PDU1", "Brackley North PDU"),
        ("EW-BRK-PDU2", "Brackley South PDU"),
    ):
        Unit.objects.get_or_create(
            code=code, defaults={"name": name, "level": Level.PDU, "parent": region}
        )


def add_published_history(nation: Unit, publisher: Any, *, seed: int = 2020) -> list[Inspection]:
    """The demo's published inspections (:data:`HISTORY`), once: none is added when the
    demo already has them."""
    if Inspection.objects.filter(title=HISTORY[0].title).exists():
        return []
    _second_region(nation)
    units = {u.code: u for u in Unit.objects.filter(code__in={p.unit_code for p in HISTORY})}
    return [
        published_inspection(past, unit=units[past.unit_code], publisher=publisher, seed=seed + n)
        for n, past in enumerate(HISTORY)
    ]
