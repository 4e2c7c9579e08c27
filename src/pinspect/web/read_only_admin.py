"""The admin's view of records that only their own pages may change: read only.

Answers, decisions, draws and audit events are changed on the pages that check, lock and
audit them; nothing in the product deletes history, so the admin may only look.
"""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin

__all__ = ["ReadOnlyAdmin"]


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
