"""Sampled cases and their answers.

A case is known here only by a pseudonymous reference: the link to the person's record (CRN)
stays in the sample file held by the lead inspector, never in this database. ``version``
guards against two people overwriting each other (optimistic locking, see
:mod:`pinspect.web.assessments.saving`). A case replaced from the reserve is *withdrawn*
(``withdrawn_at`` and a reason, see :mod:`pinspect.web.samples.replacement`): it stays on
record but no longer counts in progress or results.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from pinspect.ratings.answer import Answer


class CaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"


class AnswerValue(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "n/a", "Not applicable"


class OutcomeValue(models.TextChoices):
    """An outcome judgement (003 §4.2, §4.11), stored in the core's words for it."""

    MET = Answer.MET.word, "Met"
    PART_MET = Answer.PART_MET.word, "Part met"
    NOT_MET = Answer.NOT_MET.word, "Not met"
    MET_THROUGH_STABILITY = Answer.MET_THROUGH_STABILITY.word, "Met through stability"


#: Every answer a case may hold, in words: yes/no/n/a, and the outcome scale's.
ANSWER_LABELS: dict[str, str] = {**dict(AnswerValue.choices), **dict(OutcomeValue.choices)}


# Diversity attributes recorded per case (003 §3; 004 introduction) and the case type that
# decides where a prompt applies (003 Annexe A §3).
ATTRIBUTE_NAMES: tuple[str, ...] = (
    "sex",
    "ethnicity",
    "age_band",
    "disability",
    "religion",
    "sexual_orientation",
    "case_type",
    "unpaid_work_only",
    "no_rehabilitative_requirements",
)


class SampledCase(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="cases"
    )
    reference = models.CharField(max_length=40)
    sample = models.CharField(max_length=30, default="supervision")
    stratum = models.CharField(max_length=80, blank=True)
    reserve_rank = models.PositiveIntegerField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_cases",
    )
    status = models.CharField(
        max_length=12, choices=CaseStatus.choices, default=CaseStatus.NOT_STARTED
    )
    attributes = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("inspection", "reference")
        constraints = (
            models.UniqueConstraint(fields=("inspection", "reference"), name="one_reference"),
        )

    def __str__(self) -> str:
        return self.reference

    @property
    def in_sample(self) -> bool:
        return self.reserve_rank is None

    @property
    def is_withdrawn(self) -> bool:
        """Replaced from the reserve: kept on record, counted nowhere."""
        return self.withdrawn_at is not None


class CaseAnswer(models.Model):
    """One answer to a prompt or key question for one case, with its evidence note."""

    case = models.ForeignKey(SampledCase, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=40)
    answer = models.CharField(
        max_length=max(len(a) for a in ANSWER_LABELS),
        choices=[*AnswerValue.choices, *OutcomeValue.choices],
        blank=True,
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("case", "question")
        constraints = (
            models.UniqueConstraint(fields=("case", "question"), name="one_answer_per_question"),
        )

    def __str__(self) -> str:
        return f"{self.case} {self.question}"
