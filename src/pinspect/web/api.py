"""The JSON API (OpenAPI document at /api/openapi.json): each page's data, with the same
permission function as the pages. Errors are JSON: 404 for what the user may not know exists,
403 for what they may see but not do, 409 for a stale save, 400 naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.security import django_auth

from pinspect.problems import InputError
from pinspect.web.assessments.models import ATTRIBUTE_NAMES
from pinspect.web.assessments.saving import (
    CaseAnswers,
    StaleVersionError,
    current_answers,
    questions_for,
    save_case,
)
from pinspect.web.inspections.progress import inspection_progress
from pinspect.web.inspections.results import inspection_result
from pinspect.web.organisations.unit_summary import summary_unit_for, unit_summary_data
from pinspect.web.panel.decisions import panel_rows, undecided
from pinspect.web.panel.departures import is_signed_off
from pinspect.web.panel.models import PanelSignOff
from pinspect.web.permissions import Action, case_for, inspection_for, visible_inspections
from pinspect.web.reports.content import report_for

# The interactive docs page is off: it would load Swagger UI from a CDN. The OpenAPI
# document is served from the project at /api/openapi.json.
api = NinjaAPI(title="pinspect", version="1", auth=django_auth, urls_namespace="api", docs_url=None)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:  # noqa: ARG001
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


@api.exception_handler(InputError)
def _input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "Invalid input", "errors": [p.as_dict() for p in exc.problems]},
        status=400,
    )


@api.exception_handler(StaleVersionError)
def _stale(request: HttpRequest, exc: StaleVersionError) -> HttpResponse:
    return api.create_response(
        request,
        {
            "detail": "The case was saved by someone else after you read it; nothing was saved",
            "current": _case_answers(exc.case),
        },
        status=409,
    )


def _inspection(inspection: Any) -> dict[str, Any]:
    return {
        "id": inspection.pk,
        "title": inspection.title,
        "unit": {"code": inspection.unit.code, "name": inspection.unit.name},
        "framework": inspection.framework_id,
        "window": [inspection.window_start.isoformat(), inspection.window_end.isoformat()],
        "status": inspection.status,
        "mock": inspection.mock,
    }


def _case_answers(case: Any) -> dict[str, Any]:
    answers, notes = current_answers(case)
    return {
        "id": case.pk,
        "reference": case.reference,
        "inspection": case.inspection_id,
        "status": case.status,
        "version": case.version,
        "answers": answers,
        "notes": notes,
        "attributes": case.attributes,
        "questions": {
            q: list(questions_for(case).allowed_answers(q))
            for q in questions_for(case).question_ids()
        },
    }


@api.get("/inspections", summary="Inspections the user can see")
def list_inspections(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        _inspection(i) for i in visible_inspections(request.auth).order_by("-window_start", "id")
    ]


@api.get("/inspections/{inspection_id}", summary="An inspection and its progress")
def get_inspection(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.auth, inspection_id, Action.VIEW_INSPECTION)
    return {**_inspection(inspection), "progress": inspection_progress(inspection).as_dict()}


@api.get(
    "/inspections/{inspection_id}/results",
    summary="Results, exactly as `pinspect rate --format json` prints them",
)
def get_results(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.auth, inspection_id, Action.VIEW_RESULTS)
    return inspection_result(inspection).as_dict()


def _panel_decision(decision: Any) -> dict[str, Any] | None:
    if decision is None:
        return None
    return {
        "decision": decision.decision,
        "computed_rating": decision.computed.label,
        "final_rating": decision.final.label,
        "reason": decision.reason,
        "proposed_by": decision.proposed_by,
        "decided_by": sorted(u.username for u in decision.decided_by.all()),
        "recorded_by": decision.recorded_by.username,
        "decided_at": decision.decided_at.isoformat(),
    }


@api.get(
    "/inspections/{inspection_id}/panel",
    summary="The ratings panel: each rated standard and the overall rating, and its decision",
)
def get_panel(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.auth, inspection_id, Action.VIEW_PANEL)
    rows = panel_rows(inspection)
    sign_offs = PanelSignOff.objects.filter(inspection=inspection).select_related(
        "signed_by", "reopened_by"
    )
    return {
        "inspection": inspection.pk,
        "status": inspection.status,
        "signed_off": is_signed_off(inspection),
        "undecided": undecided(rows),
        "targets": [
            {
                "target": row.target,
                "name": row.name,
                "rated_by": row.rated_by,
                "computed_rating": None if row.computed is None else row.computed.label,
                "final_rating": None if row.final is None else row.final.label,
                "proposed_by": None if row.proposal is None else row.proposal.proposed_by,
                "decided": row.decided,
                "out_of_date": row.out_of_date,
                "decision": _panel_decision(row.decision),
            }
            for row in rows
        ],
        "sign_offs": [
            {
                "signed_by": s.signed_by.username,
                "signed_at": s.signed_at.isoformat(),
                "reopened_by": s.reopened_by.username if s.reopened_by else None,
                "reopened_at": s.reopened_at.isoformat() if s.reopened_at else None,
                "reopen_reason": s.reopen_reason,
            }
            for s in sign_offs
        ],
    }


@api.get(
    "/inspections/{inspection_id}/report",
    summary="The report's data (a draft until published), as the report pages render it",
)
def get_report(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.auth, inspection_id, Action.VIEW_REPORT)
    return {
        "inspection": inspection.pk,
        "draft": inspection.status != "published",
        "report": report_for(inspection).as_dict(),
    }


@api.get("/cases/{case_id}/answers", summary="A case's answers, notes, attributes and version")
def get_answers(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _case_answers(case_for(request.auth, case_id, Action.VIEW_INSPECTION))


class AnswersIn(Schema):
    version: int
    answers: dict[str, str] = Field(default_factory=dict)
    notes: dict[str, str] = Field(default_factory=dict)
    attributes: dict[str, str] | None = None
    complete: bool = False


@api.put(
    "/cases/{case_id}/answers",
    summary="Replace a case's answers (409 if `version` is not the current one)",
)
def put_answers(request: HttpRequest, case_id: int, payload: AnswersIn) -> dict[str, Any]:
    case = case_for(request.auth, case_id, Action.ASSESS_CASE)
    attributes = payload.attributes
    if attributes is not None:
        attributes = {**dict.fromkeys(ATTRIBUTE_NAMES, ""), **attributes}
    saved = save_case(
        case,
        payload.version,
        CaseAnswers(
            answers={k: v for k, v in payload.answers.items() if v},
            notes={k: v for k, v in payload.notes.items() if v},
            attributes=attributes,
            complete=payload.complete,
        ),
        actor=request.auth,
    )
    return _case_answers(saved)


@api.get(
    "/units/{unit_id}/summary",
    summary="A unit's published inspections, summarised per framework (the unit summary page)",
)
def get_unit_summary(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    unit = summary_unit_for(request.auth, unit_id)
    return unit_summary_data(unit, request.auth)
