"""``pinspect_backup FILE``: a consistent copy of the embedded SQLite database, taken with
SQLite's online backup API while the application keeps serving (readers and the writer carry
on; the copy is one moment of the database). Written under a temporary name and renamed, so a
backup interrupted half-way never looks complete. PostgreSQL is backed up with ``pg_dump``
(docs/deployment.md)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection


class Command(BaseCommand):
    help = (
        "Copy the SQLite database to FILE with SQLite's online backup API (safe while the "
        "application serves). For PostgreSQL use pg_dump (see docs/deployment.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="where to write the copy (must not exist)")

    def handle(self, *args: Any, **options: Any) -> None:  # noqa: ARG002
        if connection.vendor != "sqlite":
            raise CommandError(
                f"the database is {connection.vendor}: back it up with pg_dump "
                "(see docs/deployment.md)"
            )
        target = Path(options["file"]).resolve()
        if target.exists():
            raise CommandError(f"{target} exists already: name a new file")
        source = Path(str(connection.settings_dict["NAME"]))
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        with sqlite3.connect(source) as live, sqlite3.connect(partial) as copy:
            live.backup(copy, pages=1024)
        live.close()
        copy.close()
        os.replace(partial, target)
        target.chmod(0o600)
        self.stdout.write(f"Backed up {source.name} to {target}")
