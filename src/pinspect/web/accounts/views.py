"""Log in and out (Django's views, with the throttled form and GOV.UK templates)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from pinspect.web.accounts.forms import ThrottledLoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass
