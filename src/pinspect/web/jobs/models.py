"""A background job: one row per inspection and kind, started again for each attempt.

A job makes a file (the report PDF, the data annex) or takes an upload in (a long list to draw
the sample from, a survey). An upload's files wait as :class:`JobInput` rows beside the job, in
the database, until the transaction that writes what the job made of them deletes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    REPORT_PDF = "report_pdf", "the report (PDF)"
    ANNEX_CSV = "annex_csv", "the data annex (CSV)"
    ANNEX_XLSX = "annex_xlsx", "the data annex (XLSX)"
    ANNEX_ODS = "annex_ods", "the data annex (ODS)"
    SAMPLE_DRAW = "sample_draw", "the sample draw"
    SURVEY_IMPORT = "survey_import", "the survey import"

    @property
    def takes_upload(self) -> bool:
        """The job reads uploaded files and writes rows, rather than making a file."""
        return self in (Kind.SAMPLE_DRAW, Kind.SURVEY_IMPORT)


class State(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class Job(models.Model):
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    # Each start (and retry) is a new attempt; a worker finishing an older one is ignored.
    attempt = models.PositiveIntegerField(default=1)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The worker writes here while it runs (host:pid, and the last time it was heard from).
    worker = models.CharField(max_length=120, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=120, blank=True)
    # Why the job failed, in words (never case content).
    error = models.TextField(blank=True)
    # The inspection's last audit event when the file was made: the file is current while no
    # newer event exists.
    made_from = models.PositiveBigIntegerField(null=True, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    download_name = models.CharField(max_length=200, blank=True)
    media_type = models.CharField(max_length=120, blank=True)
    # What an upload job was started with besides its files (the form's settings; never case
    # content), and what it did, in words, once done.
    parameters = models.JSONField(default=dict, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("inspection", "kind"), name="one_job_per_file"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of inspection {self.inspection_id}: {self.state}"


class JobInput(models.Model):
    """An uploaded file an upload job reads: kept only until the job's writes commit (they
    delete it in the same transaction), or a new upload replaces it."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="inputs")
    # The form field the file came in (``file``, ``questions``, ``responses``…).
    field = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=("job", "field"), name="one_input_per_field"),
        )

    def __str__(self) -> str:
        return f"{self.field} of job {self.job_id}"
