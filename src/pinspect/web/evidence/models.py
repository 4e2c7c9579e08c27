"""The evidence log of an inspection and the lead inspector's domain-one judgements.

Seed 001 §4.14: domain one evidence comes "primarily from data, documents and evidence
submitted by the organisation, and through interviews"; seed 004 introduction: evidence in
advance (EiA) and fieldwork, each prompt listing its sources. Seed 003 §5: the survey of people
on probation, its questions linked to domain one prompts.

Nothing here is deleted: a newer survey import supersedes the older one, which stays.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    MEETING = "meeting", "Fieldwork meeting"
    SURVEY = "survey", "Survey of people on probation"
    OTHER = "other", "Other evidence"


class EvidenceItem(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="evidence_items"
    )
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    title = models.CharField(max_length=200)
    date = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    attendees = models.TextField(
        blank=True, help_text="Meetings: who attended and their roles, one a line."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("kind", "-date", "-added_at", "-id")

    def __str__(self) -> str:
        return self.title


class EvidenceTag(models.Model):
    """An evidence item tagged to a prompt; ``source`` says which of the prompt's listed
    evidence sources it is (blank: a source the framework does not list)."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.CASCADE, related_name="tags")
    prompt = models.CharField(max_length=40)
    source = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ("prompt", "item")
        constraints = (
            models.UniqueConstraint(fields=("item", "prompt"), name="one_tag_per_item_prompt"),
        )

    def __str__(self) -> str:
        return f"{self.item} → {self.prompt}"


class StoredDocument(models.Model):
    """An uploaded file, kept outside the web root under the upload directory and served only
    through the document view (see :mod:`pinspect.web.evidence.uploads`)."""

    item = models.OneToOneField(EvidenceItem, on_delete=models.PROTECT, related_name="document")
    original_name = models.CharField(max_length=200)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    storage_name = models.CharField(
        max_length=200, help_text="Path relative to the upload directory."
    )

    def __str__(self) -> str:
        return self.original_name


class SurveyQuestion(models.Model):
    """One imported survey question (seed 003 §5.6, §5.7); its counts are SurveyResponse rows."""

    item = models.ForeignKey(
        EvidenceItem, on_delete=models.PROTECT, related_name="survey_questions"
    )
    position = models.PositiveIntegerField()
    question_id = models.CharField(max_length=40)
    text = models.TextField()
    prompts = models.JSONField(default=list)

    class Meta:
        ordering = ("item", "position")
        constraints = (
            models.UniqueConstraint(fields=("item", "question_id"), name="one_question_id"),
        )

    def __str__(self) -> str:
        return self.question_id


class SurveyResponse(models.Model):
    """How many respondents chose one option of a question."""

    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="responses")
    position = models.PositiveIntegerField()
    option = models.CharField(max_length=200)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ("question", "position")

    def __str__(self) -> str:
        return f"{self.question} {self.option}: {self.count}"


class Judgement(models.Model):
    """The lead inspector's answers and proposed rating for one judged standard (seed 001
    §4.14, §4.15, §4.16, §4.17). ``answers`` maps prompt and key question ids to "yes" or "no";
    ``proposed_rating`` is a :class:`pinspect.scale.rating.Rating` value (None: no proposal).
    ``version`` is 0 until the first save (optimistic locking, as for cases)."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.PROTECT, related_name="judgements"
    )
    standard = models.CharField(max_length=40)
    answers = models.JSONField(default=dict, blank=True)
    rationale = models.TextField(blank=True)
    proposed_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("inspection", "standard")
        constraints = (
            models.UniqueConstraint(
                fields=("inspection", "standard"), name="one_judgement_per_standard"
            ),
        )

    def __str__(self) -> str:
        return f"Judgement of {self.standard}"
