"""The report pages: the report (HTML), its PDF and data annex, recommendations and publication.

The report is rendered by the core (:mod:`pinspect.report`) from one :class:`Report`, so the
page, the PDF and the annex cannot disagree. The PDF and the annex are made in the background
(:mod:`pinspect.web.jobs`): their links lead to the page of the job. Reading needs
VIEW_REPORT (a viewer only once the report is published, of its own unit only);
recommendations and publication need EDIT_REPORT.
"""

from __future__ import annotations

import re
from typing import Any

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from pinspect.report import ANNEX_FORMATS, render_html
from pinspect.web.inspections.models import Status
from pinspect.web.panel.departures import current_sign_off
from pinspect.web.permissions import Action, can, permission_required
from pinspect.web.reports.content import report_for
from pinspect.web.reports.forms import RecommendationForm
from pinspect.web.reports.models import Publication, Recommendation
from pinspect.web.reports.publication import (
    PublicationRefusedError,
    publish,
    why_not_publishable,
)
from pinspect.web.reports.recommendations import (
    add_recommendation,
    change_recommendation,
    withdraw_recommendation,
)

_BODY = re.compile(r"(<body[^>]*>)", re.IGNORECASE)
_TITLE = re.compile(r"<title>", re.IGNORECASE)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _draft_banner(inspection: Any, links: str) -> str:
    """The strip above the report: a draft warning until publication, and the downloads."""
    draft = ""
    if inspection.status != Status.PUBLISHED:
        draft = (
            '<p id="draft-notice" role="note" style="margin:0 0 .5em;font-weight:700;'
            'font-size:1.2em">DRAFT — not published. This report may change until the ratings '
            "panel signs off and the lead inspector publishes it.</p>"
        )
    return (
        '<nav aria-label="This report\'s status and downloads" '
        'style="border:5px solid #1d70b8;padding:10px 15px;margin:0 0 20px;'
        'font-family:sans-serif;background:#fff">' + draft + links + "</nav>"
    )


# The report is the core's standalone document: its stylesheet is inline (the same HTML is laid
# out as the PDF) and it has no script at all, so its policy allows inline styles and no script.
_REPORT_POLICY = {"style-src": [SELF, UNSAFE_INLINE], "script-src": [NONE]}


@csp_replace(_REPORT_POLICY)
@permission_required(Action.VIEW_REPORT)
def report(request: HttpRequest, inspection: Any) -> HttpResponse:
    """The report as a standalone HTML document (the core's), with a draft notice until it is
    published and links to the PDF, the annex and, for users allowed, the inspection."""
    document = render_html(report_for(inspection))
    pk = inspection.pk
    links = [f'<a href="/reports/{pk}/pdf/">Download the report (PDF)</a>']
    links += [
        f'<a href="/reports/{pk}/annex/{fmt}/">Data annex ({fmt.upper()})</a>'
        for fmt in ANNEX_FORMATS
    ]
    if can(request.user, Action.VIEW_INSPECTION, inspection):
        links.append(f'<a href="/inspections/{pk}/">Back to the inspection</a>')
    else:
        links.append('<a href="/inspections/">Back to inspections</a>')
    banner = _draft_banner(inspection, '<p style="margin:0">' + " · ".join(links) + "</p>")
    document = _BODY.sub(lambda m: m.group(1) + banner, document, count=1)
    if inspection.status != Status.PUBLISHED:
        document = _TITLE.sub("<title>Draft: ", document, count=1)
    return _no_store(HttpResponse(document, content_type="text/html; charset=utf-8"))


def _recommendations_page(
    request: HttpRequest, inspection: Any, form: RecommendationForm, status: int = 200
) -> HttpResponse:
    context = {
        "inspection": inspection,
        "current": Recommendation.objects.filter(inspection=inspection, withdrawn_at__isnull=True),
        "withdrawn": Recommendation.objects.filter(
            inspection=inspection, withdrawn_at__isnull=False
        ).select_related("withdrawn_by"),
        "form": form,
        "errors": _form_errors(form),
    }
    return render(request, "reports/recommendations.html", context, status=status)


def _form_errors(form: Any) -> list[dict[str, str]]:
    if not form.is_bound:
        return []
    return [
        {"message": message, "anchor": f"id_{name}" if name != "__all__" else ""}
        for name, problems in form.errors.items()
        for message in problems
    ]


@permission_required(Action.EDIT_REPORT)
def recommendations(request: HttpRequest, inspection: Any) -> HttpResponse:
    """The recommendations of the report: add one, or change or withdraw one."""
    if request.method == "POST":
        form = RecommendationForm(request.POST)
        if form.is_valid():
            add_recommendation(
                inspection,
                request.user,
                form.cleaned_data["addressed_to"],
                form.cleaned_data["text"],
            )
            messages.success(request, "Recommendation added")
            return redirect("reports:recommendations", inspection_id=inspection.pk)
        return _recommendations_page(request, inspection, form, status=400)
    return _recommendations_page(request, inspection, RecommendationForm())


@permission_required(Action.EDIT_REPORT)
def recommendation(request: HttpRequest, inspection: Any, recommendation_id: int) -> HttpResponse:
    """Change one recommendation (its earlier wording stays in the audit trail)."""
    item = get_object_or_404(
        Recommendation, pk=recommendation_id, inspection=inspection, withdrawn_at__isnull=True
    )
    if request.method == "POST":
        form = RecommendationForm(request.POST)
        if form.is_valid():
            change_recommendation(
                item, request.user, form.cleaned_data["addressed_to"], form.cleaned_data["text"]
            )
            messages.success(request, "Recommendation changed")
            return redirect("reports:recommendations", inspection_id=inspection.pk)
        status = 400
    else:
        form = RecommendationForm(initial={"addressed_to": item.addressed_to, "text": item.text})
        status = 200
    context = {
        "inspection": inspection,
        "item": item,
        "form": form,
        "errors": _form_errors(form),
    }
    return render(request, "reports/recommendation.html", context, status=status)


@require_POST
@permission_required(Action.EDIT_REPORT)
def withdraw(request: HttpRequest, inspection: Any, recommendation_id: int) -> HttpResponse:
    """Take a recommendation out of the report; it is kept, marked withdrawn."""
    item = get_object_or_404(
        Recommendation, pk=recommendation_id, inspection=inspection, withdrawn_at__isnull=True
    )
    withdraw_recommendation(item, request.user)
    messages.success(request, f"Recommendation to {item.addressed_to} withdrawn")
    return redirect("reports:recommendations", inspection_id=inspection.pk)


@permission_required(Action.EDIT_REPORT)
def publication(request: HttpRequest, inspection: Any) -> HttpResponse:
    """Publish the report once the panel has signed off (status panel → published)."""
    errors = []
    if request.method == "POST":
        try:
            publish(inspection, request.user)
        except PublicationRefusedError as refusal:
            errors = [{"message": str(refusal), "anchor": "publish"}]
        else:
            messages.success(request, "The report is published")
            return redirect("reports:report", inspection_id=inspection.pk)
    context = {
        "inspection": inspection,
        "problem": why_not_publishable(inspection),
        "signed": current_sign_off(inspection),
        "recommendations": Recommendation.objects.filter(
            inspection=inspection, withdrawn_at__isnull=True
        ).count(),
        "publication": Publication.objects.filter(inspection=inspection).first(),
        "errors": errors,
    }
    return render(request, "reports/publish.html", context, status=400 if errors else 200)
