"""Middleware that refuses what must never be read, and headers on every response.

- :class:`RequestLimitMiddleware` (first in ``MIDDLEWARE``): a request whose declared body is
  larger than it may be is answered **413** before a byte of it is read — JSON on the API, a
  page with the error summary elsewhere. Form fields and JSON bodies may be at most
  ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (Django's 2.5 MB); a multipart body (an upload) at most
  :func:`max_request_bytes`. A body without a declared length is limited by Django as it is
  read (:mod:`pinspect.web.errors` turns that into the same 413). An :class:`InputError` that
  reaches a page (a rule checked where the data is stored, see :mod:`pinspect.web.text_rules`)
  is answered 400 with its problems, never 500.
- :class:`SecurityHeadersMiddleware`: ``Permissions-Policy`` (features no page uses),
  ``Cross-Origin-Resource-Policy: same-origin``, and ``Cache-Control: no-store`` on every
  response to a signed-in user that does not set its own (pages hold case data; the browser
  must not keep them). Content-Security-Policy is django-csp's; ``X-Frame-Options``,
  ``X-Content-Type-Options``, ``Referrer-Policy`` and ``Cross-Origin-Opener-Policy`` are
  Django's.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from pinspect.problems import InputError
from pinspect.web import errors

__all__ = [
    "RequestLimitMiddleware",
    "SecurityHeadersMiddleware",
    "body_limit",
    "max_request_bytes",
]

_MULTIPART = "multipart/form-data"
_FORM_MARGIN = 1024 * 1024


def max_request_bytes() -> int:
    """The largest multipart request accepted: ``PINSPECT_MAX_REQUEST_BYTES``, or by default
    the largest upload any page accepts (long list, evidence document) plus 1 MB for the
    form's other fields."""
    configured = getattr(settings, "PINSPECT_MAX_REQUEST_BYTES", None)
    if configured:
        return int(configured)
    from pinspect.web.evidence.uploads import max_bytes  # noqa: PLC0415 - app modules load late
    from pinspect.web.samples.upload import max_upload_bytes  # noqa: PLC0415

    return max(max_bytes(), max_upload_bytes()) + _FORM_MARGIN


def body_limit(request: HttpRequest) -> int:
    """How large this request's body may be."""
    content_type = request.META.get("CONTENT_TYPE", "")
    if content_type.startswith(_MULTIPART):
        return max_request_bytes()
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def _declared_length(request: HttpRequest) -> int | None:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None


class RequestLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        length = _declared_length(request)
        if length is None:
            return errors.refusal(request, 400, "The request's Content-Length is not a number")
        limit = body_limit(request)
        if length > limit:
            return errors.too_large(request, length, limit)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, InputError):
            return errors.refusal(
                request, 400, "This could not be saved", [str(p) for p in exception.problems]
            )
        return None


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        policy = getattr(settings, "PINSPECT_PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        return response
