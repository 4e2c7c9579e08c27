"""What the report needs beyond the ratings: recommendations, the publication record and the
inspection's pseudonym key for the data annex.

Nothing here is deleted: a recommendation taken out of the report is withdrawn (who, when),
and every edit is in the audit trail.
"""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models

KEY_BYTES = 32


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


class _KeptQuerySet(models.QuerySet[Any]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("report records are never deleted")


class Recommendation(models.Model):
    """A recommendation written by the lead inspector, addressed to a named body."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="recommendations"
    )
    addressed_to = models.CharField(max_length=200)
    text = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = _KeptQuerySet.as_manager()

    class Meta:
        ordering = ("inspection", "created_at", "id")

    def __str__(self) -> str:
        return f"Recommendation to {self.addressed_to}"[:120]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("a recommendation is withdrawn, never deleted")


class Publication(models.Model):
    """The inspection's publication: who published it and when (once)."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="publication"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()

    objects = _KeptQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Published {self.published_at:%Y-%m-%d}"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("a publication is never deleted")


class PublishedRating(models.Model):
    """The final rating of one standard of a published inspection (departures applied),
    kept when it is published: aggregations of published inspections (000 R 1.2.2) read it
    instead of rating the inspection again on every request."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="published_ratings"
    )
    standard_id = models.CharField(max_length=30)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("inspection", "standard_id"), name="one_published_rating_per_standard"
            ),
        )

    def __str__(self) -> str:
        return f"{self.standard_id}: {self.rating}"


class PseudonymKey(models.Model):
    """The inspection's secret key for the annex's case pseudonyms. Never shown, never
    exported: without it a pseudonym cannot be linked back to a case reference."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="+"
    )
    key = models.BinaryField(default=new_key, editable=False)

    def __str__(self) -> str:
        return "pseudonym key"  # the key itself is never shown

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("a pseudonym key is never deleted")


def pseudonym_key(inspection: Any) -> bytes:
    """The inspection's key, created on first use."""
    record, _ = PseudonymKey.objects.get_or_create(inspection=inspection)
    return bytes(record.key)
