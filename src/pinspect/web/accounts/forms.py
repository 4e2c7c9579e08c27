"""The login form, throttled."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from pinspect.web.accounts.throttle import (
    clear_failures,
    client_ip,
    is_locked_out,
    record_failure,
)


class ThrottledLoginForm(AuthenticationForm):
    error_messages: ClassVar[dict[str, str]] = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password",
        "locked_out": "Too many failed attempts. Wait 15 minutes, then try again",
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else None
        if username and is_locked_out(username, ip):
            raise forms.ValidationError(self.error_messages["locked_out"], code="locked_out")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                record_failure(username, ip)
            raise
        clear_failures(username, ip)
        return cleaned
