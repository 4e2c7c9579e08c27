"""The QA sub-sample of an inspection, its second markings and the moderation decisions.

Seed 001 §4.13: "we are intensifying our focus on training, quality assurance and quality
control." A drawn case keeps its first marking in the case's own answers (the one that counts
for the rating); the second marker's answers live here, apart, so neither marker sees the
other's until both are complete (:mod:`pinspect.web.consistency.blind`). A moderation decision
records both answers as they were and the answer that now counts, which is written back to the
case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from pinspect.web.assessments.models import AnswerValue, CaseStatus


class QaSample(models.Model):
    """One per inspection: the share and seed it was drawn with, by whom and when."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="qa_sample"
    )
    share = models.FloatField()
    seed = models.PositiveIntegerField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"QA sub-sample of {self.inspection}"


class QaCase(models.Model):
    """A drawn case, its first and second markers, and the state of the second marking."""

    sample = models.ForeignKey(QaSample, on_delete=models.PROTECT, related_name="cases")
    case = models.OneToOneField(
        "assessments.SampledCase", on_delete=models.PROTECT, related_name="qa"
    )
    first_marker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    second_marker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="second_markings",
    )
    status = models.CharField(
        max_length=12, choices=CaseStatus.choices, default=CaseStatus.NOT_STARTED
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("case__reference",)

    def __str__(self) -> str:
        return f"second marking of {self.case.reference}"


class SecondAnswer(models.Model):
    """The second marker's answer to one prompt or key question of a drawn case."""

    qa_case = models.ForeignKey(QaCase, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    answer = models.CharField(max_length=4, choices=AnswerValue.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("qa_case", "question")
        constraints = (
            models.UniqueConstraint(fields=("qa_case", "question"), name="one_second_answer"),
        )

    def __str__(self) -> str:
        return f"{self.qa_case} {self.question}"


class Decision(models.TextChoices):
    FIRST = "first", "Keep the first marking"
    SECOND = "second", "Keep the second marking"
    THIRD = "third", "Record a third answer"


class Moderation(models.Model):
    """QA's resolution of one key question on which the two markers disagreed."""

    qa_case = models.ForeignKey(QaCase, on_delete=models.PROTECT, related_name="moderations")
    question = models.CharField(max_length=40)
    first_answer = models.CharField(max_length=4, choices=AnswerValue.choices)
    second_answer = models.CharField(max_length=4, choices=AnswerValue.choices)
    decision = models.CharField(max_length=6, choices=Decision.choices)
    answer = models.CharField(max_length=4, choices=AnswerValue.choices)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("qa_case", "question")
        constraints = (
            models.UniqueConstraint(fields=("qa_case", "question"), name="one_moderation"),
        )

    def __str__(self) -> str:
        return f"moderation of {self.qa_case.case.reference} {self.question}"
