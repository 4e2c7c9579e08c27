"""The login form. Throttling is in the authentication backend
(:mod:`pinspect.web.accounts.backends`); the form says when an attempt was refused by it."""

from __future__ import annotations

from typing import ClassVar

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from pinspect.web.accounts.backends import locked_out
from pinspect.web.text_rules import TextRulesMixin

__all__ = ["ThrottledLoginForm"]


class ThrottledLoginForm(TextRulesMixin, AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
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
