"""Units of the probation service, each under the unit one level above it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Level(models.TextChoices):
    NATION = "nation", "Nation"
    REGION = "region", "Region"
    PDU = "pdu", "Probation delivery unit"
    TEAM = "team", "Area or team"


LEVEL_ORDER: tuple[str, ...] = tuple(Level.values)


def parent_level(level: str) -> str | None:
    """The level a unit of ``level`` sits under (None for a nation)."""
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index - 1] if index else None


class Unit(models.Model):
    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        ordering = ("code",)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_level_display()})"

    @staticmethod
    def ids_at_and_below(unit_ids: set[int]) -> set[int]:
        """The ids of the given units and of every unit below them (one query per level)."""
        found = set(unit_ids)
        frontier = set(found)
        while frontier:
            frontier = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier -= found
            found |= frontier
        return found

    def ancestors_and_self(self) -> list[Unit]:
        chain: list[Unit] = []
        unit: Unit | None = self
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain


class UnitViewer(models.Model):
    """A person of an inspected organisation who may see the *published* results of
    inspections of its unit (and of the units below it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="viewer_of"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="viewers")

    class Meta:
        constraints = (models.UniqueConstraint(fields=("user", "unit"), name="one_viewer_row"),)

    def __str__(self) -> str:
        return f"{self.user} views {self.unit}"


class UnitLead(models.Model):
    """A person who may create and lead inspections of the unit (and of the units below it).
    Site staff may create inspections of any unit without one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lead_of"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="leads")

    class Meta:
        constraints = (models.UniqueConstraint(fields=("user", "unit"), name="one_lead_row"),)

    def __str__(self) -> str:
        return f"{self.user} may lead inspections of {self.unit}"
