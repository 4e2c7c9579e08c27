"""Every page and API endpoint × every role, anonymous users, and viewers guessing ids.

Membership is per inspection; a viewer sees only published results of its own unit; a user
who may not know an inspection exists gets 404, one who knows it but may not act gets 403.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import get_resolver

from pinspect.web.permissions import Action, allowed
from tests.web import matrix_evidence, matrix_panel, matrix_samples, matrix_units
from tests.web.matrix import USERS, Row, codes, team

SAVE = {"version": "1", "action": "save", "answer:P2.1.1": "yes"}
PUT = {"version": 1, "answers": {"P2.1.1": "yes"}}

# (name, method, url template, body, expected status per user)
CORE: list[Row] = [
    ("login page", "get", "/accounts/login/", None, codes(302, 200)),
    ("log out", "post", "/accounts/logout/", {}, codes(302, 302)),
    ("inspection list", "get", "/inspections/", None, codes(200, 302)),
    ("overview (fieldwork)", "get", "/inspections/{fieldwork}/", None, team(200, 404)),
    ("overview (published)", "get", "/inspections/{published}/", None, team(200, 404, viewer=403)),
    (
        "overview (other unit)",
        "get",
        "/inspections/{other}/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    ("overview (no such id)", "get", "/inspections/999999/", None, codes(404, 302)),
    ("results (fieldwork)", "get", "/inspections/{fieldwork}/results/", None, team(200, 404)),
    (
        "results (published)",
        "get",
        "/inspections/{published}/results/",
        None,
        team(200, 404, viewer=200),
    ),
    (
        "results (other unit)",
        "get",
        "/inspections/{other}/results/",
        None,
        codes(404, 302, other_viewer=200),
    ),
    ("my cases", "get", "/cases/mine/", None, codes(200, 302)),
    ("case page", "get", "/cases/{case}/", None, team(200, 404)),
    ("case page (published)", "get", "/cases/{published_case}/", None, team(200, 404, viewer=403)),
    (
        "case page (other unit)",
        "get",
        "/cases/{other_case}/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    (
        "case save",
        "post",
        "/cases/{case}/",
        SAVE,
        team(403, 404, admin=302, lead=302, inspector=302),
    ),
    ("case save (published)", "post", "/cases/{published_case}/", SAVE, team(403, 404, viewer=403)),
    ("inspection audit", "get", "/audit/inspections/{fieldwork}/", None, team(200, 404)),
    (
        "inspection audit (published)",
        "get",
        "/audit/inspections/{published}/",
        None,
        team(200, 404, viewer=403),
    ),
    ("case audit", "get", "/audit/cases/{case}/", None, team(200, 404)),
    ("units", "get", "/units/", None, codes(403, 302, admin=200)),
    ("unit import", "get", "/units/import/", None, codes(403, 302, admin=200)),
    ("api: inspections", "get", "/api/inspections", None, codes(200, 401)),
    ("api: inspection", "get", "/api/inspections/{fieldwork}", None, team(200, 404, anonymous=401)),
    (
        "api: inspection (published)",
        "get",
        "/api/inspections/{published}",
        None,
        team(200, 404, anonymous=401, viewer=403),
    ),
    ("api: inspection (no such id)", "get", "/api/inspections/999999", None, codes(404, 401)),
    (
        "api: results (fieldwork)",
        "get",
        "/api/inspections/{fieldwork}/results",
        None,
        team(200, 404, anonymous=401),
    ),
    (
        "api: results (published)",
        "get",
        "/api/inspections/{published}/results",
        None,
        team(200, 404, anonymous=401, viewer=200),
    ),
    (
        "api: results (other unit)",
        "get",
        "/api/inspections/{other}/results",
        None,
        codes(404, 401, other_viewer=200),
    ),
    ("api: answers", "get", "/api/cases/{case}/answers", None, team(200, 404, anonymous=401)),
    (
        "api: answers (other unit)",
        "get",
        "/api/cases/{other_case}/answers",
        None,
        codes(404, 401, other_viewer=403),
    ),
    (
        "api: save answers",
        "put",
        "/api/cases/{case}/answers",
        PUT,
        team(403, 404, anonymous=401, admin=200, lead=200, inspector=200),
    ),
    (
        "api: save answers (published)",
        "put",
        "/api/cases/{published_case}/answers",
        PUT,
        team(403, 404, anonymous=401, viewer=403),
    ),
]

MATRIX: list[Row] = (
    CORE + matrix_samples.ROWS + matrix_evidence.ROWS + matrix_panel.ROWS + matrix_units.ROWS
)

CASES = [
    pytest.param(method, url, body, user, expected[user], id=f"{name} | {user or 'anonymous'}")
    for name, method, url, body, expected in MATRIX
    for user in USERS
]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "url", "body", "user", "expected"), CASES)
def test_permission_matrix(  # noqa: PLR0917  (one argument per table column)
    scenario: dict[str, Any],
    client_for: Any,
    method: str,
    url: str,
    body: Any,
    user: str | None,
    expected: int,
) -> None:
    if user == "admin":
        scenario["users"]["admin"].is_staff = True
        scenario["users"]["admin"].save()
    ids = {key: value.pk for key, value in scenario.items() if hasattr(value, "pk")}
    client = client_for(user)
    path = url.format(**ids)
    if method == "get":
        response = client.get(path)
    elif method == "post":
        response = client.post(path, body)
    else:
        response = client.put(path, json.dumps(body), content_type="application/json")
    assert response.status_code == expected, response.content[:300]


def test_matrix_covers_every_url() -> None:
    """Every named route of the project appears in the matrix (admin and API docs aside)."""
    covered = {url.split("{")[0].split("9")[0].rstrip("/") for _, _, url, _, _ in MATRIX}
    names = []
    for pattern in get_resolver().url_patterns:
        prefix = str(pattern.pattern)
        if prefix in ("admin/", "api/", ""):
            continue
        for sub in getattr(pattern, "url_patterns", []):
            names.append(f"/{prefix}{str(sub.pattern).split('<')[0]}".rstrip("/"))
    missing = [n for n in names if not any(c.startswith(n) or n.startswith(c) for c in covered)]
    assert not missing


@pytest.mark.parametrize("role", ["admin", "lead", "inspector", "qa", "panel", "viewer"])
def test_viewer_only_sees_published_results_pure_rule(role: str) -> None:
    for status in ("set_up", "fieldwork", "panel"):
        assert allowed(role, Action.VIEW_RESULTS, status=status) is (role != "viewer")
    assert allowed(role, Action.VIEW_RESULTS, status="published")
    assert not allowed(None, Action.VIEW_RESULTS, status="published")


def test_only_assigned_inspector_or_lead_assesses_and_only_in_fieldwork() -> None:
    assert allowed("inspector", Action.ASSESS_CASE, status="fieldwork", assigned_to_user=True)
    assert not allowed("inspector", Action.ASSESS_CASE, status="fieldwork")
    assert allowed("lead", Action.ASSESS_CASE, status="fieldwork")
    assert not allowed("lead", Action.ASSESS_CASE, status="panel")
    assert not allowed("qa", Action.ASSESS_CASE, status="fieldwork", assigned_to_user=True)
