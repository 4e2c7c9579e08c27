"""The login form. Throttling is in the authentication backend
(:mod:`pinspect.web.accounts.backends`); the form says when an attempt was refused by it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from pinspect.web.accounts.backends import locked_out

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise
from pinspect.web.text_rules import TextRulesMixin

__all__ = ["ThrottledLoginForm"]


class ThrottledLoginForm(TextRulesMixin, AuthenticationForm):
    # Django declares it on the instance; here it is the class's, as Django's own forms do.
    error_messages: ClassVar[dict[str, str | StrPromise]] = {  # type: ignore[misc]
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password",
        "locked_out": "Too many failed attempts. Wait {minutes} minutes, then try again",
    }

    def get_invalid_login_error(self) -> forms.ValidationError:
        if locked_out(self.request):
            minutes = max(1, round(int(settings.PINSPECT_LOGIN_LOCKOUT_SECONDS) / 60))
            message = self.error_messages["locked_out"].format(minutes=minutes)
            return forms.ValidationError(message, code="locked_out")
        return super().get_invalid_login_error()
