"""``pinspect_delete_stale_uploads``: delete the files of upload jobs that failed or stopped
longer ago than ``PINSPECT_UPLOAD_KEPT_HOURS`` (:mod:`pinspect.web.jobs.retention`).
``pinspect_serve`` runs it every few minutes; an installation served otherwise runs it from
cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from pinspect.web.jobs.retention import delete_stale_uploads, kept_hours


class Command(BaseCommand):
    help = (
        "Delete the uploaded files (long lists, survey answers) of sample draws and survey "
        "imports that failed or stopped longer ago than PINSPECT_UPLOAD_KEPT_HOURS (default "
        "24), which were kept only so that they could be tried again."
    )

    def handle(self, *args: Any, **options: Any) -> None:  # noqa: ARG002
        count = delete_stale_uploads(timezone.now())
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted the files of {count} upload job(s) unused for over {kept_hours()} hours."
            )
