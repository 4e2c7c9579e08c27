"""Where the data lives: SQLite in a data directory (WAL mode) or PostgreSQL from DATABASE_URL.

SQLite is the default so that one person can run an inspection on a laptop; PostgreSQL is for
a team. WAL mode lets readers carry on while one writer saves (many inspectors reading, a few
saving at a time).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url

__all__ = ["data_directory", "database_settings", "enable_sqlite_wal"]


def data_directory(environ: Mapping[str, str] | None = None) -> Path:
    """``PINSPECT_DATA_DIR``, default ``./data``."""
    env = os.environ if environ is None else environ
    return Path(env.get("PINSPECT_DATA_DIR", "data")).resolve()


def database_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Django's ``DATABASES['default']``: PostgreSQL (or any) from ``DATABASE_URL``, else
    ``pinspect.sqlite3`` in the data directory (created if missing)."""
    env = os.environ if environ is None else environ
    url = env.get("DATABASE_URL", "").strip()
    if url.startswith("sqlite"):
        # A SQLite file named by URL (a worker pointed at another data directory's database):
        # the same busy timeout and write transactions as the default.
        parsed = dict(dj_database_url.parse(url))
        parsed["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
        return parsed
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    directory = data_directory(env)
    directory.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(directory / "pinspect.sqlite3"),
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        "TEST": {"NAME": str(directory / "test-pinspect.sqlite3")},
    }


def enable_sqlite_wal(sender: Any, connection: Any, **kwargs: Any) -> None:  # noqa: ARG001
    """``connection_created`` receiver: WAL journal and a busy timeout on every SQLite
    connection (in-memory databases cannot use WAL and are left as they are)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
