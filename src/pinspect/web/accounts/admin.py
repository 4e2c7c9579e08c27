"""Failed logins and site flags are visible to site staff, read-only; a throttle counter may
be removed (that unlocks the username or address at once)."""

# ruff: noqa: ARG002  (Django hooks: fixed signatures, arguments unused here)
from __future__ import annotations

from typing import Any

from django.contrib import admin

from pinspect.web.accounts.models import LoginFailure, LoginThrottle, SiteFlag


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin[LoginFailure]):
    list_display = ("username", "ip", "at")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(LoginThrottle)
class LoginThrottleAdmin(admin.ModelAdmin[LoginThrottle]):
    list_display = ("key", "attempts", "window_start", "locked_until")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(SiteFlag)
class SiteFlagAdmin(admin.ModelAdmin[SiteFlag]):
    list_display = ("name", "value", "created_at")

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
