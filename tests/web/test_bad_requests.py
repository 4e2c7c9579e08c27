"""Bad requests are refused: each of these inputs — form posts, API bodies, NUL bytes, unpaired
surrogates, over-long values, oversize and malformed bodies, wrong types, ids of other
inspections, posts without a CSRF token — gets a 4xx with a clear message, and no table gains,
loses or changes a row. The suite runs on SQLite and on PostgreSQL (``make test``).

The text rule is :func:`pinspect.text.text_problem`, applied per layer by
:mod:`pinspect.web.text_rules`; oversize bodies are refused by
:class:`pinspect.web.security.RequestLimitMiddleware`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from pinspect.web.assessments.saving import questions_for

pytestmark = pytest.mark.django_db

NUL = "a\x00b"
JSON = "application/json"


@dataclass(frozen=True)
class Bad:
    """One bad request: who sends it, what, and what the answer must say."""

    name: str
    method: str
    path: str  # with {case}, {fieldwork}, {published_case}, {other_case}, … filled in
    status: int
    says: str
    user: str | None = "inspector"
    body: Any = None
    content_type: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    csrf: bool = False


def _note_key(case: Any) -> str:
    return questions_for(case).key_question_ids()[0]


# Filled in per test: the first key question of the case (for notes), set by the fixture.
KQ = "{kq}"
CASE_API = "/api/cases/{case}/answers"


def put(name: str, body: Any, status: int, says: str, **kw: Any) -> Bad:
    text = body if isinstance(body, str | bytes) else json.dumps(body)
    return Bad(name, "put", CASE_API, status, says, body=text, content_type=JSON, **kw)


def post(name: str, path: str, body: dict[str, Any], status: int, says: str, **kw: Any) -> Bad:
    return Bad(name, "post", path, status, says, body=body, **kw)


def _raw(payload: str) -> str:
    """JSON text with ``\\u`` escapes kept (json.dumps would refuse a lone surrogate)."""
    return payload


API: list[Bad] = [
    put("note NUL", {"version": 1, "notes": {KQ: NUL}}, 422, "NUL character"),
    put(
        "note surrogate",
        _raw('{"version": 1, "notes": {"' + KQ + '": "a\\ud800b"}}'),
        422,
        "unpaired surrogate",
    ),
    put("note too long", {"version": 1, "notes": {KQ: "n" * 5001}}, 422, "at most 5,000"),
    put("attribute NUL", {"version": 1, "attributes": {"sex": NUL}}, 422, "NUL character"),
    put(
        "attribute surrogate",
        _raw('{"version": 1, "attributes": {"sex": "\\udfff"}}'),
        422,
        "unpaired surrogate",
    ),
    put("attribute too long", {"version": 1, "attributes": {"sex": "x" * 81}}, 422, "at most 80"),
    put(
        "attribute of a megabyte",
        {"version": 1, "attributes": {"ethnicity": "x" * 1_000_000}},
        422,
        "at most 80",
    ),
    put("attribute name NUL", {"version": 1, "attributes": {NUL: "x"}}, 422, "NUL character"),
    put("unknown attribute", {"version": 1, "attributes": {"shoe": "x"}}, 400, "not a case"),
    put("answer key NUL", {"version": 1, "answers": {NUL: "yes"}}, 422, "NUL character"),
    put(
        "answer key surrogate",
        _raw('{"version": 1, "answers": {"\\ud83d": "yes"}}'),
        422,
        "unpaired surrogate",
    ),
    put("answer key too long", {"version": 1, "answers": {"P" * 41: "yes"}}, 422, "at most 40"),
    put("answer NUL", {"version": 1, "answers": {"P2.1.1": "y\x00"}}, 422, "NUL character"),
    put("answer not allowed", {"version": 1, "answers": {"P2.1.1": "maybe"}}, 400, "not an answer"),
    put("question not asked", {"version": 1, "answers": {"P9.9.9": "yes"}}, 400, "not asked"),
    put("note on no question", {"version": 1, "notes": {"P9.9": "x"}}, 400, "not asked"),
    put("version missing", {"answers": {}}, 422, "version"),
    put("version a string", {"version": "one"}, 422, "version"),
    put("version zero", {"version": 0}, 422, "version"),
    put("version negative", {"version": -3}, 422, "version"),
    put("version a fraction", {"version": 1.5}, 422, "version"),
    put("version past any integer column", {"version": 2**40}, 422, "version"),
    put("version infinite", '{"version": 1e400}', 422, "version"),
    put("answers a list", {"version": 1, "answers": ["yes"]}, 422, "answers"),
    put("note null", {"version": 1, "notes": {KQ: None}}, 422, "notes"),
    put("complete a list", {"version": 1, "complete": [1]}, 422, "complete"),
    put("body a list", "[1, 2]", 422, "does not fit"),
    put("malformed JSON", '{"version": 1,', 400, "not valid JSON"),
    put("not UTF-8", b'{"version": 1, "notes": {"x": "\xff\xfe"}}', 400, "not valid JSON"),
    put("nested too deeply", "[" * 100_000 + "]" * 100_000, 400, "not valid JSON"),
    put("12 MB body", {"version": 1, "notes": {KQ: "x" * 12_000_000}}, 413, "too large"),
    put("3 MB body", {"version": 1, "attributes": {"sex": "x" * 3_000_000}}, 413, "too large"),
    put(
        "Content-Length not a number",
        {"version": 1},
        400,
        "Content-Length",
        extra={"CONTENT_LENGTH": "ten"},
    ),
    put("marked complete with answers missing", {"version": 1, "complete": True}, 400, "Answer"),
    put("stale version", {"version": 7, "answers": {"P2.1.1": "yes"}}, 409, "saved by someone"),
    Bad(
        "API case of another unit",
        "put",
        "/api/cases/{other_case}/answers",
        404,
        "Not Found",
        body=json.dumps({"version": 1}),
        content_type=JSON,
    ),
    Bad(
        "API case of a published inspection",
        "put",
        "/api/cases/{published_case}/answers",
        403,
        "Forbidden",
        body=json.dumps({"version": 1}),
        content_type=JSON,
    ),
    Bad(
        "case that does not exist",
        "put",
        "/api/cases/999999/answers",
        404,
        "Not Found",
        body=json.dumps({"version": 1}),
        content_type=JSON,
    ),
    Bad(
        "case id past any integer column",
        "put",
        "/api/cases/100000000000000000000000000/answers",
        404,
        "Not Found",
        body=json.dumps({"version": 1}),
        content_type=JSON,
    ),
    Bad(
        "inspection of another unit",
        "get",
        "/api/inspections/{other}",
        404,
        "Not Found",
    ),
    put("another inspector's case", {"version": 1}, 403, "Forbidden", user="qa"),
    put("viewer", {"version": 1}, 404, "Not Found", user="viewer"),
    put("not signed in", {"version": 1}, 401, "Unauthorized", user=None),
    put("no CSRF token", {"version": 1, "answers": {"P2.1.1": "yes"}}, 403, "CSRF", csrf=True),
    Bad("a method the API has not", "patch", CASE_API, 405, "", body="{}", content_type=JSON),
]

CASE_PAGE = "/cases/{case}/"

PAGES: list[Bad] = [
    post("case note NUL", CASE_PAGE, {"version": "1", f"note:{KQ}": NUL}, 400, "NUL character"),
    post(
        "case note too long",
        CASE_PAGE,
        {"version": "1", f"note:{KQ}": "n" * 5001},
        400,
        "at most 5,000",
    ),
    post(
        "case attribute too long",
        CASE_PAGE,
        {"version": "1", "attribute:sex": "x" * 81},
        400,
        "Sex is 81 characters long",
    ),
    post(
        "case attribute NUL",
        CASE_PAGE,
        {"version": "1", "attribute:ethnicity": NUL},
        400,
        "Ethnicity contains a NUL character",
    ),
    post(
        "case answer not offered",
        CASE_PAGE,
        {"version": "1", "answer:P2.1.1": "maybe"},
        400,
        "Select a valid choice",
    ),
    post("case version missing", CASE_PAGE, {"answer:P2.1.1": "yes"}, 400, "required"),
    post("case version not a number", CASE_PAGE, {"version": "x"}, 400, "whole number"),
    post(
        "case of another unit",
        "/cases/{other_case}/",
        {"version": "1", "answer:P2.1.1": "yes"},
        404,
        "Page not found",
    ),
    post(
        "case of a published inspection",
        "/cases/{published_case}/",
        {"version": "1", "answer:P2.1.1": "yes"},
        403,
        "You cannot do this",
    ),
    post(
        "case save without a CSRF token",
        CASE_PAGE,
        {"version": "1", "answer:P2.1.1": "yes"},
        403,
        "The form could not be accepted",
        csrf=True,
    ),
    post(
        "case save of 3 MB",
        CASE_PAGE,
        {"version": "1", f"note:{KQ}": "x" * 3_000_000},
        413,
        "What you sent is too large",
    ),
    post(
        "evidence title NUL",
        "/evidence/{fieldwork}/add/",
        {"kind": "other", "title": NUL},
        400,
        "Title contains a NUL character",
        user="lead",
    ),
    post(
        "evidence title too long",
        "/evidence/{fieldwork}/add/",
        {"kind": "other", "title": "t" * 201},
        400,
        "at most 200",
        user="lead",
    ),
    post(
        "evidence notes too long",
        "/evidence/{fieldwork}/add/",
        {"kind": "other", "title": "t", "notes": "n" * 10001},
        400,
        "at most 10,000",
        user="lead",
    ),
    post(
        "meeting attendees NUL",
        "/evidence/{fieldwork}/add/",
        {"kind": "meeting", "title": "t", "attendees": NUL},
        400,
        "NUL character",
        user="lead",
    ),
    post(
        "evidence of another unit",
        "/evidence/{other}/add/",
        {"kind": "other", "title": "t"},
        404,
        "Page not found",
        user="lead",
    ),
    post(
        "evidence by an inspector of a published inspection",
        "/evidence/{published}/add/",
        {"kind": "other", "title": "t"},
        403,
        "You cannot do this",
    ),
    post(
        "recommendation addressed to NUL",
        "/reports/{fieldwork}/recommendations/",
        {"addressed_to": NUL, "text": "Do better"},
        400,
        "NUL character",
        user="lead",
    ),
    post(
        "recommendation too long",
        "/reports/{fieldwork}/recommendations/",
        {"addressed_to": "PDU head", "text": "r" * 5001},
        400,
        "at most 5,000",
        user="lead",
    ),
    post(
        "status reason too long",
        "/inspections/{fieldwork}/status/",
        {"expected": "fieldwork", "target": "set_up", "reason": "r" * 2001},
        400,
        "at most 2,000",
        user="lead",
    ),
    post(
        "status not a status",
        "/inspections/{fieldwork}/status/",
        {"expected": "fieldwork", "target": "closed"},
        400,
        "Select a valid choice",
        user="lead",
    ),
    post(
        "team member username NUL",
        "/inspections/{fieldwork}/team/",
        {"action": "add", "username": NUL, "role": "inspector"},
        400,
        "NUL character",
        user="lead",
    ),
    post(
        "team member username too long",
        "/inspections/{fieldwork}/team/",
        {"action": "add", "username": "u" * 151, "role": "inspector"},
        400,
        "at most 150",
        user="lead",
    ),
    post(
        "team role not a role",
        "/inspections/{fieldwork}/team/",
        {"action": "add", "username": "qa", "role": "king"},
        400,
        "Select a valid choice",
        user="lead",
    ),
    post(
        "too many fields",
        CASE_PAGE,
        {f"field{n}": "x" for n in range(1001)},
        400,
        "more fields",
    ),
]


def _units_csv(text: str | bytes) -> dict[str, Any]:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    return {"file": SimpleUploadedFile("units.csv", data, content_type="text/csv")}


HEADER = "code,name,level,parent\n"

UNITS: list[Bad] = [
    post(
        "unit name NUL",
        "/units/import/",
        _units_csv(HEADER + "N1,Na\x00me,nation,\n"),
        400,
        "units.csv:2: name: the name contains a NUL character",
        user="staff",
    ),
    post(
        "unit code NUL",
        "/units/import/",
        _units_csv(HEADER + "N\x001,Nation,nation,\n"),
        400,
        "units.csv:2: code: the code contains a NUL character",
        user="staff",
    ),
    post(
        "unit name too long",
        "/units/import/",
        _units_csv(HEADER + "N1," + "n" * 201 + ",nation,\n"),
        400,
        "the name is 201 characters long; at most 200",
        user="staff",
    ),
    post(
        "unit code too long",
        "/units/import/",
        _units_csv(HEADER + "C" * 41 + ",Nation,nation,\n"),
        400,
        "the code is 41 characters long; at most 40",
        user="staff",
    ),
    post(
        "unit file with an encoded surrogate",
        "/units/import/",
        _units_csv(HEADER.encode() + b"N1,Na\xed\xa0\x80me,nation,\n"),
        400,
        "UTF-8",
        user="staff",
    ),
    post(
        "unit import by a non-staff user",
        "/units/import/",
        _units_csv(HEADER + "N1,Nation,nation,\n"),
        403,
        "You cannot do this",
        user="lead",
    ),
]


def _document(name: str, data: bytes = b"%PDF-1.4 test") -> dict[str, Any]:
    return {"file": SimpleUploadedFile(name, data, content_type="application/pdf")}


UPLOADS: list[Bad] = [
    post(
        "document missing",
        "/evidence/{fieldwork}/documents/upload/",
        {"title": "Report"},
        400,
        "Select a file to upload",
        user="lead",
    ),
    post(
        "document empty",
        "/evidence/{fieldwork}/documents/upload/",
        _document("report.pdf", b""),
        400,
        "The submitted file is empty",
        user="lead",
    ),
    post(
        "document whose bytes are not its type",
        "/evidence/{fieldwork}/documents/upload/",
        _document("report.pdf", b"MZ\x90\x00 not a pdf"),
        400,
        "contents are not those of a PDF",
        user="lead",
    ),
    post(
        "document notes NUL",
        "/evidence/{fieldwork}/documents/upload/",
        {**_document("report.pdf"), "notes": NUL},
        400,
        "NUL character",
        user="lead",
    ),
]

CASES = API + PAGES + UNITS + UPLOADS


def row_counts() -> dict[str, int]:
    """Rows in every table of every installed model (sessions included)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        counts[model._meta.db_table] = model._base_manager.count()
    return counts


def content(tables: dict[str, int]) -> dict[str, Any]:
    """What the user could see change: the case's answers, version and attributes."""
    from pinspect.web.assessments.models import CaseAnswer, SampledCase  # noqa: PLC0415

    return {
        "cases": sorted(SampledCase.objects.values_list("id", "version", "status", "attributes")),
        "answers": sorted(CaseAnswer.objects.values_list("case_id", "question", "answer", "note")),
        "tables": tables,
    }


def _fill(path: str, ids: dict[str, Any]) -> str:
    return path.format(**ids)


def _body(bad: Bad, ids: dict[str, Any]) -> Any:
    if isinstance(bad.body, str):
        return bad.body.replace(KQ, ids["kq"])
    if isinstance(bad.body, dict):
        return {k.replace(KQ, ids["kq"]): v for k, v in bad.body.items()}
    return bad.body


@pytest.fixture
def send(scenario: dict[str, Any], make_user: Any) -> Callable[[Bad], Callable[[], Any]]:
    users = {**scenario["users"], "staff": make_user("staff", is_staff=True)}
    ids = {
        "case": scenario["case"].pk,
        "published_case": scenario["published_case"].pk,
        "other_case": scenario["other_case"].pk,
        "fieldwork": scenario["fieldwork"].pk,
        "published": scenario["published"].pk,
        "other": scenario["other"].pk,
        "kq": _note_key(scenario["case"]),
    }

    def prepare(bad: Bad) -> Callable[[], Any]:
        """Sign in first (that writes a session), then the request itself."""
        client = Client(enforce_csrf_checks=bad.csrf)
        if bad.user is not None:
            client.force_login(users[bad.user])
        method = getattr(client, bad.method)
        kwargs: dict[str, Any] = dict(bad.extra)
        if bad.content_type:
            kwargs["content_type"] = bad.content_type
        return lambda: method(_fill(bad.path, ids), _body(bad, ids), **kwargs)

    return prepare


def test_there_are_at_least_sixty_bad_requests() -> None:
    assert len(CASES) >= 60
    assert len({bad.name for bad in CASES}) == len(CASES)


@pytest.mark.parametrize("bad", CASES, ids=lambda bad: bad.name)
def test_a_bad_request_is_refused_and_changes_nothing(
    bad: Bad, send: Callable[[Bad], Callable[[], Any]], scenario: dict[str, Any]
) -> None:
    request = send(bad)
    before = content(row_counts())
    response = request()
    after = content(row_counts())

    assert response.status_code == bad.status, response.content[:600]
    text = html.unescape(response.content.decode("utf-8", "replace"))
    if bad.path.startswith("/api/") and bad.status != 405:
        assert response["Content-Type"].startswith("application/json")
        assert json.loads(response.content)["detail"]
    assert bad.says in text, text[:1500]
    assert "Traceback" not in text
    changed = {
        table: (before["tables"][table], count)
        for table, count in after["tables"].items()
        if before["tables"][table] != count
    }
    assert changed == {}
    assert after == before
    if connection.vendor == "postgresql":
        connection.ensure_connection()  # the transaction is still usable: nothing failed in it
