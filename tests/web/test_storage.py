"""Storage: SQLite in the data directory in WAL mode, PostgreSQL from DATABASE_URL;
migrations committed; production settings pass the deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from pinspect.web.storage import database_settings


def test_sqlite_file_in_the_data_directory(tmp_path: Path) -> None:
    config = database_settings({"PINSPECT_DATA_DIR": str(tmp_path / "data")})
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "data" / "pinspect.sqlite3")
    assert (tmp_path / "data").is_dir()


def test_postgresql_from_database_url() -> None:
    config = database_settings({"DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test"})
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == ("test", "127.0.0.1", 5432)


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("WAL is a SQLite journal mode")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pinspect.web", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=False,
    )


def test_migrations_are_committed() -> None:
    result = _manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_pass_the_deployment_checks() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="pinspect.web.settings.production",
        PINSPECT_SECRET_KEY="x" * 20 + "-a-long-random-production-key-" + "y" * 20,
        PINSPECT_ALLOWED_HOSTS="pinspect.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
