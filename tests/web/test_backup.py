"""``pinspect_backup``: a copy of the SQLite database taken with the online backup API, that
opens as a database holding the same rows; refused for PostgreSQL (pg_dump) and over an
existing file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_backup_holds_the_same_rows(scenario: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("pinspect_backup", str(target))
        return
    call_command("pinspect_backup", str(target))
    with sqlite3.connect(target) as copy:
        titles = {row[0] for row in copy.execute("SELECT title FROM inspections_inspection")}
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
    copy.close()
    assert titles == {"PDU one 2024", "PDU one 2023", "PDU two 2024"}
    assert check == "ok"
    assert target.stat().st_mode & 0o077 == 0  # readable by its owner only
    with pytest.raises(CommandError, match="exists already"):
        call_command("pinspect_backup", str(target))
