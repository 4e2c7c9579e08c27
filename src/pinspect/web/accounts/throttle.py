"""Login throttling: after ``PINSPECT_LOGIN_FAILURE_LIMIT`` failures for one username from
one address within ``PINSPECT_LOGIN_LOCKOUT_SECONDS``, further attempts are refused (even with
the right password) until the window passes. A successful login clears the failures."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from pinspect.web.accounts.models import LoginFailure

__all__ = ["clear_failures", "client_ip", "is_locked_out", "record_failure"]


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def _recent(username: str, ip: str | None):  # type: ignore[no-untyped-def]
    since = timezone.now() - timedelta(seconds=settings.PINSPECT_LOGIN_LOCKOUT_SECONDS)
    return LoginFailure.objects.filter(username=username.lower(), ip=ip, at__gte=since)


def is_locked_out(username: str, ip: str | None) -> bool:
    return _recent(username, ip).count() >= settings.PINSPECT_LOGIN_FAILURE_LIMIT


def record_failure(username: str, ip: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], ip=ip)


def clear_failures(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(username=username.lower(), ip=ip).delete()
