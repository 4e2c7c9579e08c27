"""``pinspect_audit_verify``: check the audit trail's hash chain and its database triggers."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from pinspect.web.audit.chain import verify_chain
from pinspect.web.audit.triggers import triggers_installed

_ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


def _anchor(text: str) -> tuple[int, str]:
    match = _ANCHOR.match(text.strip().lower())
    if match is None:
        raise CommandError(f"--expect takes SEQ:HASH (a number, a colon, 64 hex digits): {text!r}")
    return int(match.group(1)), match.group(2)


class Command(BaseCommand):
    help = (
        "Check every audit event's hash and its link to the one before, and that the database "
        "triggers refusing changes are in place. Names the first broken link and exits with "
        "status 1 if anything is wrong. Prints the head (SEQ:HASH) to record elsewhere and pass "
        "back later with --expect, which shows whether the trail was rewritten since."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="a head printed by an earlier run: that event must still have that hash",
        )

    def handle(self, *args: Any, **options: Any) -> None:  # noqa: ARG002
        anchors = [_anchor(text) for text in options["expect"]]
        report = verify_chain(expect=anchors)
        problems = []
        if report.broken is not None:
            problems.append(f"The audit trail is broken at {report.broken}.")
        if not triggers_installed(connection):
            problems.append(
                "The database triggers that refuse changes to the audit trail are missing; "
                "run migrate to install them."
            )
        if problems:
            if report.broken is not None:
                problems.append(
                    f"The {report.events:,} events before it are intact (up to event "
                    f"{report.head_seq})."
                )
            raise CommandError(" ".join(problems))
        self.stdout.write(
            f"The audit trail is intact: {report.events:,} events, each hash and link checked; "
            "the database refuses changes to it."
        )
        if report.events:
            self.stdout.write(
                f"Head: {report.head_seq}:{report.head_hash} (record it elsewhere; check it "
                f"later with --expect {report.head_seq}:{report.head_hash})"
            )
