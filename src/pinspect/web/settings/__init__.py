"""Settings, secure by default; ``pinspect.web.settings.production`` adds HTTPS and hosts.

Everything that differs between installations comes from the environment (docs/settings.md):
``PINSPECT_DATA_DIR`` (default ``./data``), ``DATABASE_URL`` (PostgreSQL),
``PINSPECT_SECRET_KEY`` (required: the web application refuses to start without it, except the
demo, ``PINSPECT_DEMO=1``, which makes a demo-only key), ``PINSPECT_DEBUG=1`` for a development
run (off otherwise), and in production ``PINSPECT_ALLOWED_HOSTS``.
"""

from __future__ import annotations

import os
from pathlib import Path

import django_stubs_ext
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from pinspect.problems import InputError
from pinspect.settings import read_settings
from pinspect.web.secret_key import secret_key
from pinspect.web.storage import data_directory, database_settings

# Django's generic classes (ModelAdmin[Model], QuerySet[Model], …) subscriptable at run time,
# as the type annotations of the web app write them.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_directory()

_KEY = secret_key(os.environ, DATA_DIR)
SECRET_KEY = _KEY.value
# True when the key is the demo's own (printed as demo-only; refused by check --deploy).
PINSPECT_DEMO_KEY = _KEY.demo
# Debug pages show settings and source: only in a development run that asks for them.
DEBUG = os.environ.get("PINSPECT_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: WhiteNoise serves the static files in development runs too.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    # Background jobs (django-tasks' database backend): report files, imports, the draw.
    "django_tasks",
    "django_tasks_db",
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
    "pinspect.web.jobs",
    "pinspect.web.consistency",
    "pinspect.web.calibration",
]

MIDDLEWARE = [
    # First: refuses an oversize body (413) before anything reads it.
    "pinspect.web.security.RequestLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the application itself (hashed names cached for a year in production).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # One JSON line per request: method, path, status, time; never a body or a query string.
    "pinspect.web.request_log.RequestLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "pinspect.web.security.SecurityHeadersMiddleware",
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
CSRF_FAILURE_VIEW = "pinspect.web.errors.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# The installation's rating and sampling settings (pinspect.settings), read once at start-up
# from PINSPECT_SETTINGS_FILE and PINSPECT_<NAME> variables; pinspect.web.installation hands
# them to every call into the core.
try:
    PINSPECT_SETTINGS = read_settings(os.environ)
except InputError as error:
    raise ImproperlyConfigured(f"pinspect settings: {error}") from None

# Content-Security-Policy (django-csp): everything from this site only, no inline script or
# style (GOV.UK Frontend's start-up is in static files), no plugins, no framing, forms post
# only here. The report page alone allows its inline stylesheet (pinspect.web.reports.views).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page uses, turned off (pinspect.web.security).
PINSPECT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Login throttling (pinspect.web.accounts.throttle): an attempt is counted before the password
# is checked, so parallel attempts cannot pass the limits. Per username (from any address) and
# per address (over all usernames), within the window; a successful login clears the
# username's count.
AUTHENTICATION_BACKENDS = ["pinspect.web.accounts.backends.ThrottledModelBackend"]
PINSPECT_LOGIN_FAILURE_LIMIT = int(os.environ.get("PINSPECT_LOGIN_FAILURE_LIMIT", "5"))
PINSPECT_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("PINSPECT_LOGIN_ADDRESS_FAILURE_LIMIT", "30")
)
PINSPECT_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("PINSPECT_LOGIN_LOCKOUT_SECONDS", "900"))
# Proxies in front of the application that append the client's address to X-Forwarded-For;
# 0 (the default) takes the address of the connection itself.
PINSPECT_PROXY_COUNT = int(os.environ.get("PINSPECT_PROXY_COUNT", "0"))

# Request bodies: form fields and JSON up to Django's 2.5 MB in memory; a whole request over
# PINSPECT_MAX_REQUEST_BYTES (default: the largest upload allowed, plus 1 MB for the form) is
# refused with 413 before it is read. Uploaded files are kept in memory up to 2.5 MB, larger
# ones in a file without a name under the data directory (pinspect.web.upload_files), never
# in the system temporary directory: the operating system removes it when the request ends,
# however it ends.
PINSPECT_MAX_REQUEST_BYTES = int(os.environ.get("PINSPECT_MAX_REQUEST_BYTES", "0")) or None
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "pinspect.web.upload_files.DataDirectoryUploadHandler",
]
FILE_UPLOAD_TEMP_DIR = str(DATA_DIR / "uploading")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True, mode=0o700)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves the static files from the packages' own directories here (the demo and
# development runs need no collectstatic); production serves the collected, hashed copies.
WHITENOISE_USE_FINDERS = True

# Structured logs: one JSON object per line on standard error (pinspect.web.request_log). Request
# bodies, query strings and case content are never logged: a request is its method, path,
# status, duration and user id; Django's own warnings name the path and status, not the data.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "pinspect.web.request_log.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "pinspect.request": {"level": "INFO"},
        "pinspect.jobs": {"level": "INFO"},
        "django_tasks_db": {"level": "WARNING"},
    },
}

# Background jobs: django-tasks with its database backend, so the jobs live in the
# application's own database (SQLite or PostgreSQL) and need no other server. The workers are
# started by the serve command (pinspect.web.serving) with the web server.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A running job whose worker has not been heard from for this long (seconds) is taken as
# stopped and may be started again (a worker on this machine that no longer runs is seen at
# once).
PINSPECT_JOB_STALL_SECONDS = int(os.environ.get("PINSPECT_JOB_STALL_SECONDS", "30"))
# The files of an upload job (a long list, a survey) that failed or stopped are kept this
# many hours for "Try again", then deleted (pinspect.web.jobs.retention).
PINSPECT_UPLOAD_KEPT_HOURS = float(os.environ.get("PINSPECT_UPLOAD_KEPT_HOURS", "24"))
# Finished files of the jobs (report PDF, data annex), kept until the inspection changes.
PINSPECT_JOB_DIR = DATA_DIR / "jobs"
