"""Storing a drawn or prepared sample: the cases, the draw record and the audit event, in one
transaction, refused when the inspection is not in set-up or already has a sample."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from pinspect.sampling.selection import Selection
from pinspect.sampling.serialisation import analysis_record
from pinspect.web.assessments.models import SampledCase
from pinspect.web.audit.record import record_field
from pinspect.web.inspections.models import Inspection, Status
from pinspect.web.samples.drawing import DrawParameters, case_attributes, drawn_references
from pinspect.web.samples.models import CasePractitioner, Method, SampleDraw

__all__ = [
    "NewCase",
    "SampleRefusedError",
    "has_sample",
    "record_drawn_sample",
    "record_prepared_sample",
    "sample_refusal",
]


class SampleRefusedError(Exception):
    """The inspection may not take a sample now; the message says why."""


@dataclass(frozen=True)
class NewCase:
    """One case of a prepared sample (already validated)."""

    reference: str
    stratum: str
    sample: str
    reserve_rank: int | None
    attributes: dict[str, str]


def has_sample(inspection: Any) -> bool:
    return SampledCase.objects.filter(inspection=inspection).exists()


def sample_refusal(inspection: Any) -> str | None:
    """Why no sample may be drawn or uploaded now (None: it may)."""
    if inspection.status != Status.SET_UP:
        return (
            "A sample can be drawn or uploaded only while the inspection is in set-up; "
            f"this one is in {inspection.get_status_display().lower()}."
        )
    if has_sample(inspection):
        return (
            "This inspection already has a sample. It is never drawn again over an existing "
            "sample: replace cases from the reserve instead."
        )
    return None


def _lock(inspection: Any) -> Any:
    """Lock the inspection row for the transaction and check again, so two uploads at once
    cannot both create a sample."""
    locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
    refusal = sample_refusal(locked)
    if refusal is not None:
        raise SampleRefusedError(refusal)
    return locked


def _summary(cases: Sequence[SampledCase]) -> str:
    sample = [c.reference for c in cases if c.reserve_rank is None]
    reserve = [c.reference for c in cases if c.reserve_rank is not None]
    parts = [f"{len(sample)} sample cases"]
    if sample:
        parts[0] += f" ({sample[0]}–{sample[-1]})"
    parts.append(f"{len(reserve)} reserve cases")
    if reserve:
        parts[1] += f" ({reserve[0]}–{reserve[-1]})"
    return ", ".join(parts)


def _practitioner(item: Any) -> bytes:
    return "\x1f".join(item.case.practitioner_key).encode()


def _record_practitioners(inspection: Any, drawn: Selection) -> None:
    """A token per practitioner for the drawn cases: a hash keyed by a secret made for this
    draw and then forgotten, so the tokens group a practitioner's cases and name no one."""
    key = secrets.token_bytes(32)
    ids = dict(SampledCase.objects.filter(inspection=inspection).values_list("reference", "pk"))
    CasePractitioner.objects.bulk_create(
        CasePractitioner(
            case_id=ids[ref],
            token=hmac.new(key, _practitioner(item), "sha256").hexdigest()[:32],
        )
        for ref, item in drawn_references(drawn)
        if item.case.practitioner
    )


def record_drawn_sample(
    inspection: Any,
    drawn: Selection,
    parameters: DrawParameters,
    *,
    file_name: str,
    file_sha256: str,
    actor: Any,
) -> SampleDraw:
    """Create the drawn cases under pseudonymous references, the draw record and its audit
    event. Nothing identifying (CRN, PNC, name, date of birth) is stored."""
    with transaction.atomic():
        locked = _lock(inspection)
        cases = [
            SampledCase(
                inspection=locked,
                reference=ref,
                sample=drawn.sample.name,
                stratum=item.stratum,
                reserve_rank=item.reserve_rank,
                attributes=case_attributes(drawn.long_list, item),
            )
            for ref, item in drawn_references(drawn)
        ]
        SampledCase.objects.bulk_create(cases)
        _record_practitioners(locked, drawn)
        draw = SampleDraw.objects.create(
            inspection=locked,
            method=Method.DRAWN,
            sample=drawn.sample.name,
            seed=parameters.seed,
            settings=parameters.as_dict(),
            population=len(drawn.long_list.cases),
            eligible=len(drawn.eligibility.eligible),
            excluded=drawn.eligibility.counts(),
            analysis=analysis_record(drawn),
            sample_cases=len(drawn.sample.sample_cases),
            reserve_cases=len(drawn.sample.reserve_cases),
            file_name=file_name[:200],
            file_sha256=file_sha256,
            drawn_by=actor,
        )
        record_field(
            actor=actor,
            inspection=locked,
            obj=draw,
            field="sample",
            old="",
            new=f"drawn with seed {parameters.seed}: {_summary(cases)}; "
            f"long list SHA-256 {file_sha256}",
            label=f"sample ({drawn.sample.name})",
        )
    return draw


def record_prepared_sample(
    inspection: Any,
    cases: Sequence[NewCase],
    *,
    file_name: str,
    file_sha256: str,
    actor: Any,
) -> SampleDraw:
    """Create the cases of a validated prepared sample, its record and its audit event."""
    with transaction.atomic():
        locked = _lock(inspection)
        created = [
            SampledCase(
                inspection=locked,
                reference=case.reference,
                sample=case.sample,
                stratum=case.stratum,
                reserve_rank=case.reserve_rank,
                attributes=case.attributes,
            )
            for case in cases
        ]
        SampledCase.objects.bulk_create(created)
        samples = sorted({case.sample for case in cases})
        draw = SampleDraw.objects.create(
            inspection=locked,
            method=Method.PREPARED,
            sample=", ".join(samples)[:30],
            sample_cases=sum(1 for c in cases if c.reserve_rank is None),
            reserve_cases=sum(1 for c in cases if c.reserve_rank is not None),
            file_name=file_name[:200],
            file_sha256=file_sha256,
            drawn_by=actor,
        )
        record_field(
            actor=actor,
            inspection=locked,
            obj=draw,
            field="sample",
            old="",
            new=f"prepared sample uploaded: {_summary(created)}; file SHA-256 {file_sha256}",
            label="sample (prepared)",
        )
    return draw
