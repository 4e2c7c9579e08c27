"""The audit trail of an inspection and of one case."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from pinspect.web.audit.models import AuditEvent
from pinspect.web.consistency.blind import hidden_audit_objects
from pinspect.web.login import login_required
from pinspect.web.permissions import Action, case_for, permission_required

PAGE_SIZE = 100


@permission_required(Action.VIEW_AUDIT)
def inspection_trail(request: HttpRequest, inspection) -> HttpResponse:  # type: ignore[no-untyped-def]
    events = AuditEvent.objects.filter(inspection=inspection).select_related("actor")
    for object_type, object_id in hidden_audit_objects(request.user, inspection):
        # Blind second marking: neither marker reads the other's answers here either.
        events = events.exclude(object_type=object_type, object_id=object_id)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "audit/trail.html", {"inspection": inspection, "page": page, "case": None}
    )


@login_required
def case_trail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = case_for(request.user, case_id, Action.VIEW_AUDIT)
    events = AuditEvent.objects.filter(
        object_type="assessments.sampledcase", object_id=str(case.pk)
    ).select_related("actor")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "audit/trail.html", {"inspection": case.inspection, "page": page, "case": case}
    )
