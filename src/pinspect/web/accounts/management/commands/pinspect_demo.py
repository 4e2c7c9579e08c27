"""``pinspect_demo``: create the demo database, users and inspection, then serve it through
the production server (``pinspect_serve``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pinspect.web.demo import (
    DEMO_ANALYST,
    DEMO_CALIBRATION_INSPECTORS,
    DEMO_USERS,
    DemoRefusedError,
    build_demo,
)
from pinspect.web.secret_key import DEMO_KEY_FILE
from pinspect.web.startup import clean_up_interrupted


class Command(BaseCommand):
    help = (
        "Create the database, the demo users (admin, lead, inspector, qa, panel, viewer, "
        "analyst; "
        "password 'demo' unless PINSPECT_DEMO_PASSWORD is set) and a synthetic PDU inspection "
        "with a drawn sample, half assessed; then serve on 127.0.0.1:8000 with the production "
        "server and the background-job workers (pinspect_serve). Refuses a database "
        "that is not a demo database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="set up, do not serve")
        parser.add_argument("--people", type=int, default=3000, help="size of the long list")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:  # noqa: ARG002
        call_command("migrate", verbosity=0, interactive=False)
        try:
            summary = build_demo(people=options["people"])
        except DemoRefusedError as error:
            raise CommandError(str(error)) from None
        out = self.stdout
        out.write(f"Inspection: {summary.inspection.title} ({summary.inspection.framework_id})")
        if summary.long_list:
            out.write(
                f"Long list {summary.long_list} people, {summary.eligible} eligible; sample "
                f"{summary.sample} cases with a reserve of {summary.reserve}; "
                f"{summary.assessed} assessed"
            )
        out.write("Demo users (all with the password below):")
        for username, role in DEMO_USERS:
            out.write(f"  {username:<10} {role.label}")
        for username in DEMO_CALIBRATION_INSPECTORS:
            out.write(f"  {username:<10} Inspector (another inspection; calibration exercises)")
        out.write(f"  {DEMO_ANALYST:<10} Analyst (the national picture only)")
        out.write(f"Password: {summary.password}")
        if settings.PINSPECT_DEMO_KEY:
            out.write(
                f"Secret key: DEMO ONLY, generated for this demo and kept in "
                f"{settings.DATA_DIR / DEMO_KEY_FILE}; never use it anywhere else "
                "(a real installation sets PINSPECT_SECRET_KEY)"
            )
        if not options["no_serve"]:
            clean_up_interrupted()
            # The same production server as `make serve` (gunicorn and the job workers), on the
            # demo's SQLite database in WAL mode; WhiteNoise serves the static files.
            call_command("pinspect_serve", bind=options["addrport"], no_migrate=True)
