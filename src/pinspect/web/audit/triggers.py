"""Database triggers that refuse ``UPDATE`` and ``DELETE`` on the audit table (and, on
PostgreSQL, ``TRUNCATE``), so not even raw SQL or a queryset update can change the trail
without first dropping them — which needs the table owner's rights and breaks no hash by itself,
but leaves the chain to show any edit (:mod:`pinspect.web.audit.chain`). On PostgreSQL also the
function ``pinspect_audit_head()`` the chain appends with: it takes the chain's advisory lock
and then reads the head, in one call.

They are installed by migration ``audit 0002`` and again after every ``migrate`` (a
``post_migrate`` receiver; idempotent), because SQLite drops a table's triggers whenever a
migration rebuilds the table. The test suite's flush between transactional tests (it empties
every table) removes them for the flush only: ``tests/web/conftest.py`` calls
:func:`remove_triggers` just before it, and the flush's own ``post_migrate`` installs them
again. Nothing in the application removes them.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

__all__ = [
    "ensure_triggers",
    "install_triggers",
    "remove_triggers",
    "table_exists",
    "triggers_installed",
]

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"

_SQLITE_NAMES = ("audit_auditevent_no_update", "audit_auditevent_no_delete")
_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE refused'); END",
    f"CREATE TRIGGER IF NOT EXISTS audit_auditevent_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE refused'); END",
]
_SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {name}" for name in _SQLITE_NAMES]

_PG_NAMES = ("audit_auditevent_append_only", "audit_auditevent_no_truncate")
# Any fixed 64-bit number, the same in every process: the key of the chain's advisory lock.
LOCK_KEY = 0x70696E7370656374  # "pinspect"
_PG_INSTALL = [
    "CREATE OR REPLACE FUNCTION pinspect_audit_head(OUT seq bigint, OUT hash varchar) "
    "RETURNS record LANGUAGE plpgsql VOLATILE AS $$ BEGIN "
    f"PERFORM pg_advisory_xact_lock({LOCK_KEY}); "
    f"SELECT e.seq, e.hash INTO seq, hash FROM {TABLE} e ORDER BY e.seq DESC LIMIT 1; "
    "END $$",
    "CREATE OR REPLACE FUNCTION pinspect_audit_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"RAISE EXCEPTION '{MESSAGE}: % refused', TG_OP USING ERRCODE = 'restrict_violation'; "
    "END $$",
    f"DROP TRIGGER IF EXISTS audit_auditevent_append_only ON {TABLE}",
    f"CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION pinspect_audit_append_only()",
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON {TABLE}",
    f"CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION pinspect_audit_append_only()",
]
_PG_REMOVE = [f"DROP TRIGGER IF EXISTS {name} ON {TABLE}" for name in _PG_NAMES]


def _statements(connection: BaseDatabaseWrapper, install: bool) -> list[str]:
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    if connection.vendor == "postgresql":
        return _PG_INSTALL if install else _PG_REMOVE
    raise NotImplementedError(f"no audit triggers for {connection.vendor}")


def table_exists(connection: BaseDatabaseWrapper) -> bool:
    with connection.cursor() as cursor:
        return TABLE in connection.introspection.table_names(cursor)


def install_triggers(connection: BaseDatabaseWrapper) -> None:
    """Create the triggers (again); harmless when they exist."""
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=True):
            cursor.execute(statement)


def remove_triggers(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=False):
            cursor.execute(statement)


def triggers_installed(connection: BaseDatabaseWrapper) -> bool:
    """Are all the triggers in place?"""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            wanted: tuple[str, ...] = _SQLITE_NAMES
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal",
                [TABLE],
            )
            wanted = _PG_NAMES
        present = {row[0] for row in cursor.fetchall()}
    return set(wanted) <= present


def ensure_triggers(sender: Any, *, using: str = "default", **kwargs: Any) -> None:  # noqa: ARG001
    """``post_migrate`` receiver: (re)install the triggers once the audit table exists."""
    from django.db import connections  # noqa: PLC0415

    connection = connections[using]
    if connection.vendor in ("sqlite", "postgresql") and table_exists(connection):
        install_triggers(connection)
