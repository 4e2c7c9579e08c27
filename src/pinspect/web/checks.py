"""Deployment checks (``manage.py check --deploy``) beyond Django's own: they fail (errors,
not warnings) on what would leave a real installation open.

- ``pinspect.E001``: the secret key is the demo's or one this project has published;
- ``pinspect.E002``: ``DEBUG`` is on;
- ``pinspect.E003``: the audit table's triggers are missing (``migrate`` installs them); a
  database check, run with ``--database default``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.db import DatabaseError, connection

from pinspect.web.secret_key import is_public_key

__all__ = ["audit_triggers_check", "debug_check", "secret_key_check"]


@register(Tags.security, deploy=True)
def secret_key_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:  # noqa: ARG001
    if is_public_key(str(settings.SECRET_KEY)) or getattr(settings, "PINSPECT_DEMO_KEY", False):
        return [
            Error(
                "The secret key is a demo key or one published with pinspect: anyone can "
                "forge sessions with it.",
                hint="Set PINSPECT_SECRET_KEY to a long random value kept secret.",
                id="pinspect.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def debug_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:  # noqa: ARG001
    if settings.DEBUG:
        return [
            Error(
                "DEBUG is on: error pages would show settings and source code.",
                hint="Unset PINSPECT_DEBUG (it is off unless set to 1).",
                id="pinspect.E002",
            )
        ]
    return []


@register(Tags.database, deploy=True)
def audit_triggers_check(
    app_configs: Any = None,  # noqa: ARG001
    databases: Any = None,
    **kwargs: Any,  # noqa: ARG001
) -> list[CheckMessage]:
    """Run with ``check --deploy --database default`` (database checks need a database)."""
    from pinspect.web.audit.triggers import table_exists, triggers_installed  # noqa: PLC0415

    if not databases:
        return []
    try:
        installed = not table_exists(connection) or triggers_installed(connection)
    except DatabaseError:
        return []  # no database yet: migrate creates the table and its triggers
    if not installed:
        return [
            Error(
                "The audit table's triggers are missing: raw SQL could change the audit trail.",
                hint="Run migrate, which installs them.",
                id="pinspect.E003",
            )
        ]
    return []
