"""An inspection and its team: membership and role are per inspection."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from pinspect.frameworks.model import Framework
from pinspect.frameworks.unit_levels import UNIT_LEVEL_NAMES, fits_unit_level, unit_level_of
from pinspect.web.frameworks import catalogue


class Status(models.TextChoices):
    SET_UP = "set_up", "Set-up"
    FIELDWORK = "fieldwork", "Fieldwork"
    PANEL = "panel", "Ratings panel"
    PUBLISHED = "published", "Published"


STATUS_ORDER: tuple[str, ...] = tuple(Status.values)


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    LEAD = "lead", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"
    QA = "qa", "Quality assurance"
    PANEL = "panel", "Ratings panel member"
    VIEWER = "viewer", "Viewer"


def validate_framework_id(value: str) -> None:
    if value not in catalogue():
        raise ValidationError(f"{value!r} is not a framework in the catalogue")


def framework_problem(framework_id: str, unit: Any) -> str:
    """Why the framework cannot be used for an inspection of the unit ('' when it can)."""
    found = catalogue().get(framework_id)
    if found is None or not unit:
        return ""
    if fits_unit_level(found, unit.level):
        return ""
    wanted = unit_level_of(found)
    return (
        f"{found.title} is for inspecting {UNIT_LEVEL_NAMES.get(wanted or '', 'no unit')}, "
        f"not {UNIT_LEVEL_NAMES.get(unit.level, unit.level)}: choose a framework for "
        f"{UNIT_LEVEL_NAMES.get(unit.level, unit.level)}"
    )


class Inspection(models.Model):
    title = models.CharField(max_length=200)
    unit = models.ForeignKey(
        "organisations.Unit", on_delete=models.PROTECT, related_name="inspections"
    )
    framework_id = models.CharField(max_length=60, validators=[validate_framework_id])
    window_start = models.DateField()
    window_end = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SET_UP)
    mock = models.BooleanField(
        default=False, help_text="A mock inspection run by a provider on itself."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    open_cases = models.PositiveIntegerField(
        default=0,
        help_text="Sample cases open when the inspection moved to the panel.",
    )
    open_cases_reason = models.TextField(
        blank=True,
        help_text="Why the lead moved the inspection to the panel with sample cases open.",
    )

    class Meta:
        ordering = ("-window_start", "id")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")),
                name="window_ends_after_start",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """The rules for every inspection saved through a form, the admin's included: the
        window ends on or after its start, a new inspection starts in set-up (it reaches
        later statuses only through the gates of :mod:`pinspect.web.inspections.gates`), and
        its framework is one for the unit's level."""
        errors: dict[str, str] = {}
        if self.window_start and self.window_end and self.window_end < self.window_start:
            errors["window_end"] = "The window must end on or after its start"
        if self._state.adding and self.status != Status.SET_UP:
            errors["status"] = (
                "A new inspection starts in set-up: it moves on from there when its sample, "
                "team and cases are ready"
            )
        problem = framework_problem(self.framework_id, self.unit_id and self.unit)
        if problem:
            errors["framework_id"] = problem
        if errors:
            raise ValidationError(errors)

    @property
    def framework(self) -> Framework:
        return catalogue()[self.framework_id]


class Membership(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=12, choices=Role.choices)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("inspection", "user"), name="one_role_per_inspection"),
        )

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} on {self.inspection}"
