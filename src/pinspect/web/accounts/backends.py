"""Every password check goes through the throttle (:mod:`pinspect.web.accounts.throttle`):
the sign-in page, the admin's sign-in and any other caller of ``authenticate``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from pinspect.web.accounts.throttle import (
    attempt_succeeded,
    client_ip,
    record_failure,
    reserve_attempt,
)

__all__ = ["LOCKED_OUT", "ThrottledModelBackend", "locked_out"]

#: Set on the request when an attempt was refused by the throttle, so the form can say so.
LOCKED_OUT = "pinspect_login_locked_out"


def locked_out(request: HttpRequest | None) -> bool:
    return bool(getattr(request, LOCKED_OUT, False))


class ThrottledModelBackend(ModelBackend):
    """Django's username-and-password backend, after :func:`reserve_attempt`. A refused
    attempt never reaches the password hasher and stops every other backend too."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        ip = client_ip(request) if request is not None else None
        if not reserve_attempt(str(username), ip):
            if request is not None:
                setattr(request, LOCKED_OUT, True)
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(str(username), ip)
        else:
            attempt_succeeded(str(username), ip)
        return user
