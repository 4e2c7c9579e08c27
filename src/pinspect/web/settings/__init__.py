"""Settings for development and tests; ``pinspect.web.settings.production`` hardens them.

Everything that differs between installations comes from the environment:
``PINSPECT_DATA_DIR`` (default ``./data``), ``DATABASE_URL`` (PostgreSQL), and in production
``PINSPECT_SECRET_KEY`` and ``PINSPECT_ALLOWED_HOSTS``.
"""

from __future__ import annotations

import os
from pathlib import Path

from pinspect.web.storage import data_directory, database_settings

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_directory()

SECRET_KEY = os.environ.get(
    "PINSPECT_SECRET_KEY", "development-only-secret-key-never-used-in-production"
)
DEBUG = os.environ.get("PINSPECT_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "pinspect.web.apps.WebConfig",
    "pinspect.web.accounts",
    "pinspect.web.organisations",
    "pinspect.web.inspections",
    "pinspect.web.assessments",
    "pinspect.web.audit",
    "pinspect.web.samples",
    "pinspect.web.evidence",
    "pinspect.web.panel",
    "pinspect.web.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "pinspect.web.urls"
WSGI_APPLICATION = "pinspect.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "inspections:list"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions: cookie only over HTTP (never to scripts), same-site, ended after a working day or
# when the browser closes. Production adds Secure.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Login throttling (pinspect.web.accounts.throttle): failures per username and IP address.
PINSPECT_LOGIN_FAILURE_LIMIT = 5
PINSPECT_LOGIN_LOCKOUT_SECONDS = 15 * 60

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

# Request bodies and case content are never logged: only Django's own warnings and errors
# (which name the path and status, not the data).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
