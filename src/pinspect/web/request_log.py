"""Structured logs: one JSON object per line, and one line per request that says what a person
running the service needs (method, path, status, time, user id) and nothing a person put in.

Case content never reaches a log: request bodies, query strings, form values, headers and
cookies are not read here, and the formatter writes only the record's message and a fixed set of
fields. The JSON comes from python-json-logger (docs/dependencies.md).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _LibraryJsonFormatter

__all__ = ["REQUEST_FIELDS", "JsonFormatter", "RequestLogMiddleware"]

logger = logging.getLogger("pinspect.request")

#: The fields a request's line carries, besides time, level, logger and message.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_id")


class JsonFormatter(_LibraryJsonFormatter):
    """``{"time", "level", "logger", "message", …}``: the message and the fields passed as
    ``extra`` (never the arguments' repr or a request object)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "{asctime}{levelname}{name}{message}")
        kwargs.setdefault("style", "{")
        kwargs.setdefault(
            "rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"}
        )
        # Django's request logger passes the request object itself; it is never written.
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "taskName", "request", "server_time"])
        super().__init__(*args, **kwargs)


class RequestLogMiddleware:
    """Logs every request at INFO on ``pinspect.request``: method, path (no query string),
    status, duration in milliseconds and the signed-in user's id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logger.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response
