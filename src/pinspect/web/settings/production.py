"""Production settings: the base settings (already secure by default) with HTTPS, secure
cookies, HSTS and the installation's host names, so that ``manage.py check --deploy`` is clean.

Required: ``PINSPECT_SECRET_KEY`` (a long random value, never a demo or published key) and
``PINSPECT_ALLOWED_HOSTS`` (comma-separated). The WSGI entry (:mod:`pinspect.web.wsgi`) uses
these settings unless ``DJANGO_SETTINGS_MODULE`` names others.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from pinspect.web.secret_key import is_public_key
from pinspect.web.settings import *  # noqa: F403
from pinspect.web.settings import SECRET_KEY

if is_public_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "PINSPECT_SECRET_KEY is a demo or published key; production needs a secret one"
    )

DEBUG = False
try:
    ALLOWED_HOSTS = [
        h.strip() for h in os.environ["PINSPECT_ALLOWED_HOSTS"].split(",") if h.strip()
    ]
except KeyError:
    raise ImproperlyConfigured(
        "PINSPECT_ALLOWED_HOSTS is not set: the host names this server answers to, comma-separated"
    ) from None

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("PINSPECT_SSL_REDIRECT", "1") == "1"
# A load balancer checks health over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for a year by WhiteNoise) and compressed copies, from collectstatic
    # (the serve command runs it before starting).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
