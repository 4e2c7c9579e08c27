"""Error answers in words: JSON on the API (``{"detail": …, "errors": […]}``), a GOV.UK page
elsewhere. Django's error handlers (``handler400``, ``handler403``, ``handler404``,
``handler500`` in :mod:`pinspect.web.urls`) come here too, so no error shows Django's bare
pages or, with ``DEBUG`` off, anything about the code.

An oversize body is **413** wherever it is found: by
:class:`pinspect.web.security.RequestLimitMiddleware` from its declared length, or by Django
as it reads a body without one (``RequestDataTooBig``, which Django answers 400 by itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

__all__ = [
    "bad_request",
    "csrf_failure",
    "is_api",
    "not_found",
    "permission_denied",
    "refusal",
    "server_error",
    "size_text",
    "too_large",
]

_API_PREFIX = "/api/"


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(_API_PREFIX)


def size_text(size: int) -> str:
    """A size in words: "12.0 MB", "300 KB", "20 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def _page(
    request: HttpRequest | None,
    status: int,
    title: str,
    *,
    paragraphs: Sequence[str] = (),
    problems: Sequence[str] = (),
    back: str | None = None,
    home: bool = False,
) -> HttpResponse:
    context: dict[str, Any] = {
        "home": home,
        "title": title,
        "paragraphs": list(paragraphs),
        "problems": list(problems),
        "back": back,
    }
    # Without the request (server errors) the page renders without the signed-in header:
    # the error may be the database itself.
    html = loader.render_to_string("error.html", context, request=request)
    return HttpResponse(html, status=status)


def refusal(
    request: HttpRequest,
    status: int,
    detail: str,
    problems: Sequence[str] = (),
    *,
    back: str | None = None,
) -> HttpResponse:
    """A 4xx answer saying what was wrong: JSON on the API, a page elsewhere."""
    if is_api(request):
        body: dict[str, Any] = {"detail": detail}
        if problems:
            body["errors"] = [{"message": p} for p in problems]
        return JsonResponse(body, status=status)
    return _page(request, status, detail, problems=problems, back=back)


def too_large(request: HttpRequest, length: int | None, limit: int) -> HttpResponse:
    """413: the body is larger than ``limit``; nothing of it was read or saved."""
    sent = f" ({size_text(length)})" if length else ""
    message = (
        f"The request is too large{sent}: at most {size_text(limit)} is accepted here. "
        "Nothing was saved."
    )
    if is_api(request):
        return JsonResponse({"detail": message}, status=413)
    back = request.path if request.method == "POST" else None
    return _page(
        request,
        413,
        "What you sent is too large",
        problems=[message],
        paragraphs=["Shorten the text or choose a smaller file, then send the form again."],
        back=back,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        from django.conf import settings  # noqa: PLC0415

        return too_large(request, None, int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return refusal(request, 400, "The form sent more fields or files than any page has")
    return refusal(request, 400, "The request could not be understood")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:  # noqa: ARG001
    if is_api(request):
        return JsonResponse({"detail": "Forbidden"}, status=403)
    return _page(
        request,
        403,
        "You cannot do this",
        paragraphs=[
            "Your role in this inspection does not allow it, or the form has expired. "
            "Go back, reload the page and try again.",
            "If your work needs it, ask the inspection's lead inspector to change your role.",
        ],
        home=True,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:  # noqa: ARG001
    """``CSRF_FAILURE_VIEW``: a form posted without its token (another site, or a page open
    since before the session changed)."""
    detail = "The form could not be accepted: it has expired or did not come from this site"
    if is_api(request):
        return JsonResponse({"detail": detail}, status=403)
    return _page(
        request,
        403,
        "The form could not be accepted",
        paragraphs=[
            detail + ". Nothing was saved.",
            "Go back, reload the page and send the form again.",
        ],
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:  # noqa: ARG001
    if is_api(request):
        return JsonResponse({"detail": "Not found"}, status=404)
    return _page(
        request,
        404,
        "Page not found",
        paragraphs=[
            "If you typed the web address, check it is correct. "
            "If you followed a link, you may not have access to what it points to: ask the "
            "inspection's lead inspector to add you to its team."
        ],
        home=True,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": "Internal error; nothing more is shown"}, status=500)
    return _page(
        None,
        500,
        "Sorry, there is a problem with the service",
        paragraphs=[
            "Nothing you sent is shown here. Try again later: if you were saving a form, check "
            "whether it was saved before sending it again."
        ],
        home=True,
    )
