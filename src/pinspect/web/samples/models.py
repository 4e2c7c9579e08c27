"""How an inspection's sample came to be, and every replacement from its reserve.

A :class:`SampleDraw` records a sample drawn from an uploaded long list (or a prepared
sample uploaded instead): the seed, the settings, the counts, the analysis and the SHA-256
of the file — never a case's CRN, PNC, name or date of birth. With the same file, the
recorded seed and settings give the same sample again (:mod:`pinspect.sampling`), which is
how the lead inspector gets the sample key (reference → CRN) without it being stored here.

A :class:`Replacement` records a case withdrawn from the sample and the reserve case that
took its place, with who, when and why. Neither is ever changed or deleted.
"""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from django.db import models


class Method(models.TextChoices):
    DRAWN = "drawn", "Drawn from a long list"
    PREPARED = "prepared", "Prepared sample uploaded"


class _Permanent(models.Model):
    """A record that is written once and never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("sample history is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("sample history is never deleted")


class SampleDraw(_Permanent):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="sample_draws"
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    sample = models.CharField(max_length=30, default="supervision")
    seed = models.BigIntegerField(null=True, blank=True)
    settings = models.JSONField(default=dict, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    eligible = models.PositiveIntegerField(null=True, blank=True)
    excluded = models.JSONField(default=dict, blank=True)
    analysis = models.JSONField(default=dict, blank=True)
    sample_cases = models.PositiveIntegerField(default=0)
    reserve_cases = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    drawn_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("inspection", "-drawn_at", "-id")

    def __str__(self) -> str:
        return f"sample of {self.inspection_id} ({self.method})"


class Replacement(_Permanent):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="replacements"
    )
    withdrawn = models.ForeignKey(
        "assessments.SampledCase", on_delete=models.PROTECT, related_name="+"
    )
    replacement = models.ForeignKey(
        "assessments.SampledCase", on_delete=models.PROTECT, related_name="+"
    )
    reserve_rank = models.PositiveIntegerField()
    reason = models.TextField()
    replaced_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("inspection", "replaced_at", "id")

    def __str__(self) -> str:
        return f"{self.withdrawn} replaced by {self.replacement}"


class CasePractitioner(models.Model):
    """Which practitioner supervises a drawn case, as a token that groups a practitioner's
    cases (a keyed hash, never the name): used to keep an inspector from being given too many
    cases of one practitioner. Prepared samples have none."""

    case = models.OneToOneField(
        "assessments.SampledCase", on_delete=models.CASCADE, related_name="practitioner"
    )
    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return f"{self.case} practitioner {self.token}"
