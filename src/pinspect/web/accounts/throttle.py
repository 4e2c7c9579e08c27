"""Login throttling that holds under parallel attempts: an attempt is **counted before** the
password is checked, in one locked row per counter, so no number of simultaneous requests gets
more password checks than the limit.

Two counters: one per username (from any address: a guesser cannot spread attempts over
addresses) and one per client address (over all usernames: one address cannot try one
password against many accounts).

- :func:`reserve_attempt` locks both rows (``SELECT … FOR UPDATE``, in key order; on SQLite
  the transaction itself is the lock), refuses when either counter is at its limit
  (``PINSPECT_LOGIN_FAILURE_LIMIT`` per username, ``PINSPECT_LOGIN_ADDRESS_FAILURE_LIMIT`` per
  address) or locked, and otherwise counts the attempt and commits — all before the password
  is checked. A counter that reaches its limit is locked for ``PINSPECT_LOGIN_LOCKOUT_SECONDS``;
  attempts older than that window no longer count.
- :func:`attempt_succeeded` gives the attempt back: the username's count is cleared, the
  address's is reduced by the one attempt (a valid account cannot wipe an address's failures).

A locked-out user waits for the window to pass, or site staff remove the counter in the admin.
The username is counted case-insensitively and never stored beyond the counter's key.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from pinspect.web.accounts.models import LoginFailure, LoginThrottle

__all__ = [
    "address_key",
    "attempt_succeeded",
    "client_ip",
    "record_failure",
    "reserve_attempt",
    "user_key",
]

_MAX_USERNAME = 150


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: the connection's, or with ``PINSPECT_PROXY_COUNT`` trusted
    proxies in front, the address the outermost of them saw (``X-Forwarded-For`` read from the
    right, so a client cannot choose it by sending the header itself)."""
    proxies = int(getattr(settings, "PINSPECT_PROXY_COUNT", 0))
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:45] or None
    return request.META.get("REMOTE_ADDR") or None


def user_key(username: str) -> str:
    return "user:" + username.strip().lower()[:_MAX_USERNAME]


def address_key(ip: str) -> str:
    return "address:" + ip


def _limits() -> dict[str, int]:
    return {
        "user": int(settings.PINSPECT_LOGIN_FAILURE_LIMIT),
        "address": int(settings.PINSPECT_LOGIN_ADDRESS_FAILURE_LIMIT),
    }


def _keys(username: str, ip: str | None) -> list[str]:
    keys = [user_key(username)]
    if ip:
        keys.append(address_key(ip))
    return sorted(keys)


def _expire(row: LoginThrottle, now: datetime, window: timedelta) -> None:
    """Forget attempts older than the window, and a lock that has run out."""
    if row.locked_until is not None and row.locked_until <= now:
        row.locked_until = None
        row.attempts = 0
        row.window_start = now
    elif row.locked_until is None and row.window_start + window <= now:
        row.attempts = 0
        row.window_start = now


def reserve_attempt(username: str, ip: str | None) -> bool:
    """Count one attempt for ``username`` from ``ip`` if both counters allow it (True); refuse
    without counting if either is at its limit (False). Commits before returning."""
    now = timezone.now()
    window = timedelta(seconds=int(settings.PINSPECT_LOGIN_LOCKOUT_SECONDS))
    limits = _limits()
    keys = _keys(username, ip)
    with transaction.atomic():
        LoginThrottle.objects.bulk_create(
            [LoginThrottle(key=key, window_start=now) for key in keys], ignore_conflicts=True
        )
        rows = list(LoginThrottle.objects.select_for_update().filter(key__in=keys).order_by("key"))
        for row in rows:
            _expire(row, now, window)
        allowed = all(row.locked_until is None and row.attempts < limits[row.kind] for row in rows)
        for row in rows:
            if allowed:
                row.attempts += 1
                if row.attempts >= limits[row.kind]:
                    row.locked_until = now + window
            row.save(update_fields=["attempts", "window_start", "locked_until"])
    return allowed


def attempt_succeeded(username: str, ip: str | None) -> None:
    """The reserved attempt was the right password: clear the username's count, give the
    address its attempt back."""
    limits = _limits()
    with transaction.atomic():
        for row in LoginThrottle.objects.select_for_update().filter(key__in=_keys(username, ip)):
            row.attempts = 0 if row.kind == "user" else max(0, row.attempts - 1)
            if row.attempts < limits[row.kind]:
                row.locked_until = None
            row.save(update_fields=["attempts", "locked_until"])


def record_failure(username: str, ip: str | None) -> None:
    """Keep a failed login for site staff to see (the username as typed, the address)."""
    LoginFailure.objects.create(username=username.strip().lower()[:_MAX_USERNAME], ip=ip)
