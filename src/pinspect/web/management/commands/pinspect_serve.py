"""``pinspect_serve``: migrate, collect the static files, then serve with the production web
server and the background-job workers (:mod:`pinspect.web.serving`)."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from pinspect.web.serving import options_from, serve


class Command(BaseCommand):
    help = (
        "Migrate the database, collect the static files, then serve: gunicorn with several "
        "workers and the background-job workers, until stopped (SIGTERM or Ctrl-C). "
        "PINSPECT_BIND (default 127.0.0.1:8000), PINSPECT_WEB_WORKERS, PINSPECT_JOB_WORKERS: "
        "see docs/deployment.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", help="address:port to listen on (default PINSPECT_BIND)")
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="do not migrate first (a second app server beside one that migrates)",
        )

    def handle(self, *args: Any, **options: Any) -> None:  # noqa: ARG002
        if not options["no_migrate"]:
            call_command("migrate", verbosity=0, interactive=False)
        call_command("collectstatic", verbosity=0, interactive=False)
        settings = options_from(os.environ, bind=options["bind"])
        self.stdout.write(
            f"Serving on http://{settings.bind}/ ({settings.web_workers} web workers, "
            f"{settings.job_workers} job worker(s))"
        )
        self.stdout.flush()
        sys.exit(serve(settings))
