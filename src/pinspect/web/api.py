"""The JSON API (OpenAPI document at /api/openapi.json): each page's data, with the same
permission function as the pages.

Every answer but 200 is JSON ``{"detail": <words>, "errors": [{"field", "message", …}]}``
and is declared in the OpenAPI document for each operation: 401 when not signed in, 404 for
what the user may not know exists, 403 for what they may see but not do (or a missing CSRF
token), 400 naming the field for a value the rules refuse or a body that is not JSON, 409 for
a stale save, 413 for a body over the limit, 422 naming the field for a body that does not fit
the schema (wrong type, text the text rule refuses). A 422 never repeats the value sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.security import django_auth

from pinspect.consistency.serialisation import panel_comparison_json
from pinspect.problems import InputError
from pinspect.ratings.serialisation import inspection_json
from pinspect.web.assessments.models import ATTRIBUTE_NAMES
from pinspect.web.assessments.saving import (
    ATTRIBUTE_NAME_LENGTH,
    ATTRIBUTE_VALUE_LENGTH,
    MAX_NOTE,
    MAX_VERSION,
    QUESTION_ID_LENGTH,
    CaseAnswers,
    StaleVersionError,
    current_answers,
    questions_for,
    save_case,
)
from pinspect.web.errors import size_text
from pinspect.web.inspections.progress import inspection_progress
from pinspect.web.inspections.results import inspection_result
from pinspect.web.organisations.unit_summary import summary_unit_for, unit_summary_data
from pinspect.web.panel.across import panel_view
from pinspect.web.panel.decisions import panel_rows, undecided
from pinspect.web.panel.departures import is_signed_off
from pinspect.web.panel.models import PanelSignOff
from pinspect.web.permissions import Action, case_for, inspection_for, visible_inspections
from pinspect.web.reports.content import report_for
from pinspect.web.text_rules import checked_text

# The interactive docs page is off: it would load Swagger UI from a CDN. The OpenAPI
# document is served from the project at /api/openapi.json.
api = NinjaAPI(title="pinspect", version="1", auth=django_auth, urls_namespace="api", docs_url=None)


class Problem(Schema):
    """One thing wrong with a request: where (``field``; ``file`` and ``line`` for files) and
    what, in words."""

    file: str | None = None
    line: int | None = None
    field: str | None = None
    message: str


class Error(Schema):
    detail: str
    errors: list[Problem] = Field(default_factory=list)


class Stale(Schema):
    detail: str
    current: dict[str, Any]


# What every operation may answer besides 200 (the OpenAPI document declares them).
READ_ERRORS: dict[int, Any] = {401: Error, 403: Error, 404: Error, 422: Error}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: Error, 409: Stale, 413: Error, 422: Error}


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:  # noqa: ARG001
    return api.create_response(request, {"detail": "Forbidden"}, status=403)


def _location(loc: Any) -> str:
    """Where in the request a schema error is: ``notes.P2.1.1``, ``version``."""
    parts = [str(part) for part in loc]
    while parts and parts[0] in ("body", "payload", "path", "query"):
        parts.pop(0)
    return ".".join(parts) or "body"


def _words(error: dict[str, Any]) -> str:
    message = str(error.get("msg", "is not valid"))
    return message.removeprefix("Value error, ")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # The value sent is never echoed (it may be case content, or a megabyte of it).
    errors = [
        {"field": _location(error.get("loc", ())), "message": _words(error)} for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": "The request does not fit the schema", "errors": errors}, status=422
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if exc.status_code == 400 and detail == "Cannot parse request body":
        detail = "The request body is not valid JSON (UTF-8)"
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:  # noqa: ARG001
    limit = size_text(int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE))
    return api.create_response(
        request,
        {"detail": f"The request is too large: at most {limit} is accepted. Nothing was saved."},
        status=413,
    )


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
    questions = questions_for(case)
    return {
        "id": case.pk,
        "reference": case.reference,
        "inspection": case.inspection_id,
        "status": case.status,
        "version": case.version,
        "answers": answers,
        "notes": notes,
        "attributes": case.attributes,
        "questions": {q: list(questions.allowed_answers(q)) for q in questions.question_ids()},
        # 003 Annexe A §3: what the case is not asked, and why.
        "not_asked": dict(questions.not_asked),
    }


@api.get(
    "/inspections",
    summary="Inspections the user can see",
    response={200: list[dict[str, Any]], 401: Error},
)
def list_inspections(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        _inspection(i) for i in visible_inspections(request.user).order_by("-window_start", "id")
    ]


@api.get(
    "/inspections/{inspection_id}",
    summary="An inspection and its progress",
    response={200: dict[str, Any], **READ_ERRORS},
)
def get_inspection(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.user, inspection_id, Action.VIEW_INSPECTION)
    return {**_inspection(inspection), "progress": inspection_progress(inspection).as_dict()}


@api.get(
    "/inspections/{inspection_id}/results",
    summary="Results, exactly as `pinspect rate --format json` prints them",
    response={200: dict[str, Any], **READ_ERRORS},
)
def get_results(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.user, inspection_id, Action.VIEW_RESULTS)
    return inspection_json(inspection_result(inspection))


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
    response={200: dict[str, Any], **READ_ERRORS},
)
def get_panel(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.user, inspection_id, Action.VIEW_PANEL)
    result = inspection_result(inspection)
    rows = panel_rows(inspection, result)
    across = panel_view(inspection, result, request.user)
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
        "across_inspections": panel_comparison_json(across.comparison),
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
    response={200: dict[str, Any], **READ_ERRORS},
)
def get_report(request: HttpRequest, inspection_id: int) -> dict[str, Any]:
    inspection = inspection_for(request.user, inspection_id, Action.VIEW_REPORT)
    return {
        "inspection": inspection.pk,
        "draft": inspection.status != "published",
        "report": report_for(inspection).as_dict(),
    }


@api.get(
    "/cases/{case_id}/answers",
    summary="A case's answers, notes, attributes and version",
    response={200: dict[str, Any], **READ_ERRORS},
)
def get_answers(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _case_answers(case_for(request.user, case_id, Action.VIEW_INSPECTION))


# Text in a request body: the text rule (pinspect.web.text_rules) with each column's length.
# The types are built at run time (pydantic reads them); to the type checker they are str.
if TYPE_CHECKING:
    QuestionId: TypeAlias = str
    AnswerText: TypeAlias = str
    NoteText: TypeAlias = str
    AttributeName: TypeAlias = str
    AttributeValue: TypeAlias = str
else:
    QuestionId = checked_text(QUESTION_ID_LENGTH)
    # An answer is yes, no or n/a; a wrong word is a 400 from the rules, naming the question.
    AnswerText = checked_text(QUESTION_ID_LENGTH)
    NoteText = checked_text(MAX_NOTE)
    AttributeName = checked_text(ATTRIBUTE_NAME_LENGTH)
    AttributeValue = checked_text(ATTRIBUTE_VALUE_LENGTH)


class AnswersIn(Schema):
    version: int = Field(ge=1, le=MAX_VERSION)
    answers: dict[QuestionId, AnswerText] = Field(default_factory=dict)
    notes: dict[QuestionId, NoteText] = Field(default_factory=dict)
    attributes: dict[AttributeName, AttributeValue] | None = None
    complete: bool = False


@api.put(
    "/cases/{case_id}/answers",
    summary="Replace a case's answers (409 if `version` is not the current one)",
    response={200: dict[str, Any], **WRITE_ERRORS},
)
def put_answers(request: HttpRequest, case_id: int, payload: AnswersIn) -> dict[str, Any]:
    case = case_for(request.user, case_id, Action.ASSESS_CASE)
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
        actor=request.user,
    )
    return _case_answers(saved)


@api.get(
    "/units/{unit_id}/summary",
    summary="A unit's published inspections, summarised per framework (the unit summary page)",
    response={200: dict[str, Any], **READ_ERRORS},
)
def get_unit_summary(request: HttpRequest, unit_id: int) -> dict[str, Any]:
    unit = summary_unit_for(request.user, unit_id)
    return unit_summary_data(unit, request.user)
