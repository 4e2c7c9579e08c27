"""The ratings panel's record: a decision per standard and the overall rating, and sign-offs.

Seed 001 §4.16, §4.17: the lead inspector proposes domain-one ratings "to the panel in a
structured process, for verification"; §4.24: the panel may depart from the scoring rules
"with the reasons being clearly set out". Nothing here is ever deleted: a new decision on a
target supersedes the current one (both are kept), and reopening a sign-off is written on the
sign-off it reopens.
"""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from pinspect.scale.rating import Rating

RATING_CHOICES = [(rating.value, rating.label) for rating in Rating]


class DecisionKind(models.TextChoices):
    VERIFIED = "verified", "Verified"
    DEPARTED = "departed", "Departed"


class _KeptQuerySet(models.QuerySet[Any]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the panel's record is never deleted")


class PanelDecision(models.Model):
    """One decision on one target (a standard id or ``overall``).

    ``computed_rating`` is the rating the panel saw when it decided (for a judged standard, the
    lead inspector's proposal); a decision whose computed rating no longer matches the current
    computation is out of date and must be taken again before sign-off.
    """

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="panel_decisions"
    )
    target = models.CharField(max_length=40)
    computed_rating = models.PositiveSmallIntegerField(choices=RATING_CHOICES)
    decision = models.CharField(max_length=10, choices=DecisionKind.choices)
    final_rating = models.PositiveSmallIntegerField(choices=RATING_CHOICES)
    reason = models.TextField(blank=True)
    proposed_by = models.CharField(max_length=150, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    decided_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)

    objects = _KeptQuerySet.as_manager()

    class Meta:
        ordering = ("inspection", "target", "decided_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("inspection", "target"),
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_decision_per_target",
            ),
        )

    def __str__(self) -> str:
        return f"{self.target}: {self.decision} ({Rating(self.final_rating).label})"

    @property
    def computed(self) -> Rating:
        return Rating(self.computed_rating)

    @property
    def final(self) -> Rating:
        return Rating(self.final_rating)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("the panel's record is never deleted")


class PanelSignOff(models.Model):
    """The panel's sign-off, which locks its decisions; reopening (with a reason) is written
    on the sign-off it reopens, and a later sign-off is a new record."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="panel_sign_offs"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField()
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(blank=True)

    objects = _KeptQuerySet.as_manager()

    class Meta:
        ordering = ("inspection", "signed_at", "id")
        constraints = (
            models.UniqueConstraint(
                fields=("inspection",),
                condition=models.Q(reopened_at__isnull=True),
                name="one_open_sign_off_per_inspection",
            ),
        )

    def __str__(self) -> str:
        return f"Signed off {self.signed_at:%Y-%m-%d %H:%M}"

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("the panel's record is never deleted")
