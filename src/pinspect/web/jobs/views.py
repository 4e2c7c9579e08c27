"""The pages of a report file made in the background: start it, watch it, download it.

``/reports/{id}/pdf/`` and ``/reports/{id}/annex/{csv,xlsx,ods}/`` show the job (a progress bar
that updates with JavaScript, and without it by refreshing every few seconds) and start it
(``POST``); ``…/progress/`` is the same state as JSON; ``…/file/`` is the finished file
(still offered, marked out of date, once the inspection has changed, until a new one is
made). Who may read the report (VIEW_REPORT) may start, see and download its files; nobody else
learns that a job exists.

The upload jobs (the sample draw, the survey import) have the same page and JSON twin, under
their upload page (``/samples/{id}/draw/job/``, ``/evidence/{id}/survey/import/job/``), behind
the upload page's own permission: :func:`upload_job_page` and :func:`upload_job_progress`.
Once done, the page says what was saved and links to it; after a failure it says why and, while
the files are kept, offers "Try again".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pinspect.report import ANNEX_FORMATS
from pinspect.web.jobs.files import file_path
from pinspect.web.jobs.models import Kind
from pinspect.web.jobs.status import Seen, job_status, start_job
from pinspect.web.permissions import Action, permission_required

__all__ = [
    "annex_download",
    "annex_page",
    "annex_progress",
    "pdf_download",
    "pdf_page",
    "pdf_progress",
    "upload_job_page",
    "upload_job_progress",
]

_Response = TypeVar("_Response", HttpResponse, FileResponse)

#: Seconds between refreshes of the page without JavaScript (and between polls with it).
REFRESH_SECONDS = 2


def _annex_kind(fmt: str) -> Kind:
    if fmt not in ANNEX_FORMATS:
        raise Http404("No such annex format")
    return Kind(f"annex_{fmt}")


def _urls(inspection: Any, kind: Kind) -> dict[str, str]:
    if kind == Kind.REPORT_PDF:
        names, args = ("reports:pdf", "reports:pdf_progress", "reports:pdf_file"), [inspection.pk]
    else:
        names = ("reports:annex", "reports:annex_progress", "reports:annex_file")
        args = [inspection.pk, kind.removeprefix("annex_")]
    page, progress, download = (reverse(name, args=args) for name in names)
    return {"page": page, "progress": progress, "file": download}


def _no_store(response: _Response) -> _Response:
    response["Cache-Control"] = "no-store"
    return response


def _page(request: HttpRequest, inspection: Any, kind: Kind) -> HttpResponse:
    urls = _urls(inspection, kind)
    if request.method == "POST":
        start_job(inspection, kind, request.user)
        return redirect(urls["page"])
    status = job_status(inspection, kind)
    context = {
        "inspection": inspection,
        "status": status,
        "title": kind.label[0].upper() + kind.label[1:],
        "urls": urls,
        "refresh": REFRESH_SECONDS,
        "ready": status.seen.downloadable,
        "not_done": "The file was not made",
        "back": {
            "url": reverse("reports:report", args=[inspection.pk]),
            "words": "Back to the report",
        },
    }
    return _no_store(render(request, "jobs/job.html", context))


def _progress(inspection: Any, kind: Kind) -> HttpResponse:
    status = job_status(inspection, kind)
    body = status.as_json()
    body["file"] = _urls(inspection, kind)["file"] if status.seen.downloadable else None
    return _no_store(JsonResponse(body))


def _download(inspection: Any, kind: Kind) -> FileResponse:
    status = job_status(inspection, kind)
    if not status.seen.downloadable or status.job is None:
        raise Http404("The file is not ready: start it from the report's downloads")
    job = status.job
    try:
        handle = file_path(job.file_name).open("rb")
    except FileNotFoundError:
        raise Http404("The file is no longer kept: make it again") from None
    response = FileResponse(
        handle, as_attachment=True, filename=job.download_name, content_type=job.media_type
    )
    return _no_store(response)


@permission_required(Action.VIEW_REPORT)
def pdf_page(request: HttpRequest, inspection: Any) -> HttpResponse:
    return _page(request, inspection, Kind.REPORT_PDF)


@permission_required(Action.VIEW_REPORT)
def pdf_progress(request: HttpRequest, inspection: Any) -> HttpResponse:  # noqa: ARG001
    return _progress(inspection, Kind.REPORT_PDF)


@permission_required(Action.VIEW_REPORT)
def pdf_download(request: HttpRequest, inspection: Any) -> FileResponse:  # noqa: ARG001
    return _download(inspection, Kind.REPORT_PDF)


@permission_required(Action.VIEW_REPORT)
def annex_page(request: HttpRequest, inspection: Any, fmt: str) -> HttpResponse:
    return _page(request, inspection, _annex_kind(fmt))


@permission_required(Action.VIEW_REPORT)
def annex_progress(request: HttpRequest, inspection: Any, fmt: str) -> HttpResponse:  # noqa: ARG001
    return _progress(inspection, _annex_kind(fmt))


@permission_required(Action.VIEW_REPORT)
def annex_download(request: HttpRequest, inspection: Any, fmt: str) -> FileResponse:  # noqa: ARG001
    return _download(inspection, _annex_kind(fmt))


@dataclass(frozen=True)
class UploadPages:
    """The pages around an upload job: its own, the upload form's and the result's."""

    title: str
    not_done: str
    page: str  # URL names, each taking the inspection's id
    progress: str
    form: str
    form_words: str
    result: str
    result_words: str
    breadcrumbs: str


UPLOAD_PAGES = {
    Kind.SAMPLE_DRAW: UploadPages(
        title="Drawing the sample",
        not_done="The sample was not drawn",
        page="samples:draw_job",
        progress="samples:draw_job_progress",
        form="samples:draw",
        form_words="Back to drawing the sample",
        result="samples:sample",
        result_words="See the sample",
        breadcrumbs="samples/breadcrumbs.html",
    ),
    Kind.SURVEY_IMPORT: UploadPages(
        title="Importing the survey",
        not_done="The survey was not imported",
        page="evidence:survey_job",
        progress="evidence:survey_job_progress",
        form="evidence:survey_import",
        form_words="Back to importing a survey",
        result="evidence:survey",
        result_words="See the survey results",
        breadcrumbs="evidence/breadcrumbs.html",
    ),
}


def upload_job_page(request: HttpRequest, inspection: Any, kind: Kind) -> HttpResponse:
    """The upload job's page; ``POST`` tries it again (409 when it may not be)."""
    pages = UPLOAD_PAGES[kind]
    page_url = reverse(pages.page, args=[inspection.pk])
    status = job_status(inspection, kind)
    code = 200
    if request.method == "POST":
        if status.may_start:
            start_job(inspection, kind, request.user)
            return redirect(page_url)
        code = 409
    context = {
        "inspection": inspection,
        "status": status,
        "title": pages.title,
        "urls": {"page": page_url, "progress": reverse(pages.progress, args=[inspection.pk])},
        "refresh": REFRESH_SECONDS,
        "ready": False,
        "upload": True,
        "not_done": pages.not_done,
        "breadcrumbs": pages.breadcrumbs,
        "back": {"url": reverse(pages.form, args=[inspection.pk]), "words": pages.form_words},
        "result": {
            "url": reverse(pages.result, args=[inspection.pk]),
            "words": pages.result_words,
        },
    }
    return _no_store(render(request, "jobs/job.html", context, status=code))


def upload_job_progress(inspection: Any, kind: Kind) -> HttpResponse:
    """The upload job's state as JSON; ``result`` links to what it saved once done."""
    status = job_status(inspection, kind)
    body = status.as_json()
    done = status.seen == Seen.DONE
    body["result"] = reverse(UPLOAD_PAGES[kind].result, args=[inspection.pk]) if done else None
    return _no_store(JsonResponse(body))
