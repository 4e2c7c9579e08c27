"""Production settings: the base settings hardened so that ``manage.py check --deploy`` is
clean. ``PINSPECT_SECRET_KEY`` and ``PINSPECT_ALLOWED_HOSTS`` (comma-separated) are required."""

from __future__ import annotations

import os

from pinspect.web.settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["PINSPECT_SECRET_KEY"]
ALLOWED_HOSTS = [h.strip() for h in os.environ["PINSPECT_ALLOWED_HOSTS"].split(",") if h.strip()]

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("PINSPECT_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
