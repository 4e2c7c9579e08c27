"""``login_required`` that sends anonymous users to the sign-in page."""

from django.contrib.auth.decorators import login_required

__all__ = ["login_required"]
