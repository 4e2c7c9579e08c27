"""Calibration exercises, their reference markings and the inspectors' markings of them.

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement". An exercise belongs to no
inspection: its case is fictional or pseudonymised, written by QA (no real names). QA enters
the agreed reference marking while the exercise is a draft and publishes it; from then on the
reference is fixed (a change is refused) and any inspector may mark the exercise once, blind.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from pinspect.frameworks.model import Framework
from pinspect.web.assessments.models import AnswerValue
from pinspect.web.frameworks import catalogue
from pinspect.web.inspections.models import validate_framework_id


class ExerciseStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Exercise(models.Model):
    """A reference case for calibration: its words, framework and state."""

    title = models.CharField(max_length=200)
    framework_id = models.CharField(max_length=60, validators=[validate_framework_id])
    sample = models.CharField(max_length=20, default="supervision")
    summary = models.TextField()
    status = models.CharField(
        max_length=10, choices=ExerciseStatus.choices, default=ExerciseStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-published_at", "-created_at", "title")

    def __str__(self) -> str:
        return f"calibration exercise {self.title}"

    @property
    def framework(self) -> Framework:
        return catalogue()[self.framework_id]

    @property
    def is_published(self) -> bool:
        return self.status == ExerciseStatus.PUBLISHED


class ReferenceAnswer(models.Model):
    """The agreed answer to one prompt or key question of an exercise."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="reference")
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=4, choices=AnswerValue.choices)

    class Meta:
        ordering = ("exercise", "question")
        constraints = (
            models.UniqueConstraint(fields=("exercise", "question"), name="one_reference_answer"),
        )

    def __str__(self) -> str:
        return f"{self.exercise} reference {self.question}"


class ExerciseMarking(models.Model):
    """One inspector's submitted marking of an exercise (one each)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="markings")
    marker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="calibration_markings"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("exercise", "submitted_at")
        constraints = (
            models.UniqueConstraint(fields=("exercise", "marker"), name="one_marking_each"),
        )

    def __str__(self) -> str:
        return f"marking of {self.exercise.title}"


class MarkingAnswer(models.Model):
    """An inspector's answer to one prompt or key question of an exercise."""

    marking = models.ForeignKey(ExerciseMarking, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=4, choices=AnswerValue.choices)

    class Meta:
        ordering = ("marking", "question")
        constraints = (
            models.UniqueConstraint(fields=("marking", "question"), name="one_marking_answer"),
        )

    def __str__(self) -> str:
        return f"{self.marking} {self.question}"
