"""Login throttle counters, failed logins (for site staff to see) and site flags (a demo
database is marked as one)."""

from __future__ import annotations

from django.db import models


class LoginFailure(models.Model):
    """One failed login. The username is kept as typed (it may not exist) with the address."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.ip} at {self.at:%Y-%m-%d %H:%M}"


class LoginThrottle(models.Model):
    """One throttle counter (:mod:`pinspect.web.accounts.throttle`): ``user:<username>`` or
    ``address:<ip>``, the attempts counted since ``window_start``, and until when it is
    locked."""

    key = models.CharField(max_length=200, unique=True)
    attempts = models.PositiveIntegerField(default=0)
    window_start = models.DateTimeField()
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.key

    @property
    def kind(self) -> str:
        """``user`` or ``address``."""
        return self.key.split(":", 1)[0]


class SiteFlag(models.Model):
    """A named fact about this database, e.g. ``demo`` written when the demo creates it."""

    name = models.CharField(max_length=40, unique=True)
    value = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
