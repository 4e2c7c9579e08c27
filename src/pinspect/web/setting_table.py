"""Every ``PINSPECT_*`` setting of the web application, in one table, documented once.

Some are environment variables read when the application starts (the data directory, the
secret key, …); others are Django settings an installation may set in its own settings module
(upload limits, login throttling). docs/settings.md is generated from this table together with
the core's :data:`pinspect.settings.SETTINGS_TABLE`, and a test fails when the source names a
``PINSPECT_*`` setting this table does not list. This module imports nothing from Django so
the docs can be built without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["WEB_SETTINGS", "WebSetting"]


@dataclass(frozen=True)
class WebSetting:
    name: str
    kind: Literal["environment variable", "Django setting"]
    default: str
    help: str


WEB_SETTINGS: tuple[WebSetting, ...] = (
    WebSetting(
        "PINSPECT_DATA_DIR",
        "environment variable",
        "./data",
        "Directory of the SQLite database, uploads (uploads/) and uploads being received "
        "(uploading/).",
    ),
    WebSetting(
        "PINSPECT_SECRET_KEY",
        "environment variable",
        "none: required",
        "Django's secret key (sessions, CSRF); the application refuses to start without it, "
        "except the demo. A long random value kept secret: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'.",
    ),
    WebSetting(
        "PINSPECT_DEMO",
        "environment variable",
        "unset",
        "1: the demo; without PINSPECT_SECRET_KEY it makes a demo-only key in "
        "<data dir>/demo-secret-key (pinspect_demo sets it; check --deploy refuses such a key).",
    ),
    WebSetting(
        "PINSPECT_DEMO_KEY",
        "Django setting",
        "read only",
        "True when the secret key is the demo's own.",
    ),
    WebSetting(
        "PINSPECT_DEBUG",
        "environment variable",
        "0",
        "1: a development run, with Django's debug pages (never in production; check --deploy "
        "refuses it).",
    ),
    WebSetting(
        "PINSPECT_ALLOWED_HOSTS",
        "environment variable",
        "none: required in production",
        "Host names the server answers to, comma-separated.",
    ),
    WebSetting(
        "PINSPECT_SSL_REDIRECT",
        "environment variable",
        "1",
        "Production: redirect HTTP to HTTPS.",
    ),
    WebSetting(
        "PINSPECT_PROXY_COUNT",
        "environment variable",
        "0",
        "Proxies in front of the application that append the client's address to "
        "X-Forwarded-For; the login throttle then counts that address, not the proxy's.",
    ),
    WebSetting(
        "PINSPECT_LOGIN_FAILURE_LIMIT",
        "environment variable",
        "5",
        "Failed sign-ins for one username, from any address, before it is locked.",
    ),
    WebSetting(
        "PINSPECT_LOGIN_ADDRESS_FAILURE_LIMIT",
        "environment variable",
        "30",
        "Failed sign-ins from one address, over all usernames, before it is locked (high "
        "enough for an office behind one address).",
    ),
    WebSetting(
        "PINSPECT_LOGIN_LOCKOUT_SECONDS",
        "environment variable",
        "900",
        "How long failures count, and how long a lock lasts.",
    ),
    WebSetting(
        "PINSPECT_MAX_REQUEST_BYTES",
        "environment variable",
        "the largest upload limit + 1 MB",
        "The largest upload request (multipart body) accepted; larger is refused with 413 "
        "before it is read. Other bodies: Django's DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB.",
    ),
    WebSetting(
        "PINSPECT_PERMISSIONS_POLICY",
        "Django setting",
        "camera, microphone, location, … off",
        "The Permissions-Policy header.",
    ),
    WebSetting(
        "PINSPECT_DEMO_PASSWORD",
        "environment variable",
        "demo",
        "Password of the demo users.",
    ),
    WebSetting(
        "PINSPECT_SETTINGS",
        "Django setting",
        "read from PINSPECT_SETTINGS_FILE and PINSPECT_<NAME>",
        "The installation's rating and sampling settings (the table above), read once at "
        "start-up and handed to every call into the core.",
    ),
    WebSetting(
        "PINSPECT_LONGLIST_MAX_BYTES",
        "Django setting",
        "52428800 (50 MB)",
        "Largest long list or prepared sample accepted (a 250,000-row long list is about "
        "40 MB); a larger file is refused with a form error.",
    ),
    WebSetting(
        "PINSPECT_UPLOAD_MAX_BYTES",
        "Django setting",
        "20971520 (20 MB)",
        "Largest evidence document accepted (see evidence.md).",
    ),
    WebSetting(
        "PINSPECT_UPLOAD_TYPES",
        "Django setting",
        "PDF, DOCX, XLSX, ODT, ODS, CSV, TXT, PNG, JPEG",
        "The evidence documents' allow-list; only types whose bytes can be checked may be "
        "listed (see evidence.md).",
    ),
    WebSetting(
        "PINSPECT_UPLOAD_DIR",
        "Django setting",
        "<data dir>/uploads",
        "Where evidence documents are kept; never under a URL the web server serves.",
    ),
    WebSetting(
        "PINSPECT_BIND",
        "environment variable",
        "127.0.0.1:8000",
        "Address and port the serve command listens on (0.0.0.0:8000 in the container).",
    ),
    WebSetting(
        "PINSPECT_WEB_WORKERS",
        "environment variable",
        "2 × CPU cores + 1",
        "gunicorn worker processes of the serve command (see deployment.md).",
    ),
    WebSetting(
        "PINSPECT_WEB_THREADS",
        "environment variable",
        "1",
        "Threads per gunicorn worker (1: one request at a time per process, as measured best).",
    ),
    WebSetting(
        "PINSPECT_JOB_WORKERS",
        "environment variable",
        "1",
        "Background-job worker processes the serve command starts (report PDF, data annex).",
    ),
    WebSetting(
        "PINSPECT_JOB_NICE",
        "environment variable",
        "10",
        "How much lower the job workers' CPU priority is than the web server's (nice), so a "
        "report being made never slows a page.",
    ),
    WebSetting(
        "PINSPECT_UPLOAD_KEPT_HOURS",
        "environment variable",
        "24",
        "The uploaded files of a sample draw or survey import that failed or stopped are kept "
        "this many hours so that it can be tried again without a second upload, then deleted "
        "(pinspect_serve runs pinspect_delete_stale_uploads every few minutes; run it from cron "
        "otherwise).",
    ),
    WebSetting(
        "PINSPECT_JOB_STALL_SECONDS",
        "environment variable",
        "30",
        "A running job not heard from for this long is shown as stopped and may be started "
        "again (a worker on the same machine that no longer runs is seen at once).",
    ),
    WebSetting(
        "PINSPECT_JOB_DIR",
        "Django setting",
        "<data dir>/jobs",
        "Where finished report files are kept until the inspection changes.",
    ),
)
