"""Every page and API endpoint × every role, anonymous users, and viewers guessing ids.

Membership is per inspection; a viewer sees only published results of its own unit; a user
who may not know an inspection exists gets 404, one who knows it but may not act gets 403.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, resolve

from pinspect.web.permissions import Action, allowed
from tests.web import (
    matrix_calibration,
    matrix_consistency,
    matrix_evidence,
    matrix_national,
    matrix_panel,
    matrix_samples,
    matrix_units,
)
from tests.web.conftest import build_scenario
from tests.web.matrix import USERS, Row, codes, team

SAVE = {"version": "1", "action": "save", "answer:P2.1.1": "yes"}
PUT = {"version": 1, "answers": {"P2.1.1": "yes"}}

# (name, method, url template, body, expected status per user)
CORE: list[Row] = [
    ("home (redirects to the inspection list)", "get", "/", None, codes(302, 302)),
    # The health endpoint answers everyone (a load balancer has no session) and says nothing.
    ("health", "get", "/healthz", None, codes(200, 200)),
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
    ("case start", "get", "/cases/{case}/start/", None, team(302, 404)),
    (
        "case start (published)",
        "get",
        "/cases/{published_case}/start/",
        None,
        team(302, 404, viewer=403),
    ),
    ("case standard page", "get", "/cases/{case}/standards/P2.1/", None, team(200, 404)),
    (
        "case standard page (published)",
        "get",
        "/cases/{published_case}/standards/P2.1/",
        None,
        team(200, 404, viewer=403),
    ),
    (
        "case standard page (other unit)",
        "get",
        "/cases/{other_case}/standards/P2.1/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    (
        "case standard page (no such standard)",
        "get",
        "/cases/{case}/standards/P9.9/",
        None,
        team(404, 404),
    ),
    (
        "case standard save",
        "post",
        "/cases/{case}/standards/P2.1/",
        SAVE,
        team(403, 404, admin=302, lead=302, inspector=302),
    ),
    (
        "case standard save (published)",
        "post",
        "/cases/{published_case}/standards/P2.1/",
        SAVE,
        team(403, 404, viewer=403),
    ),
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
    CORE
    + matrix_samples.ROWS
    + matrix_evidence.ROWS
    + matrix_panel.ROWS
    + matrix_units.ROWS
    + matrix_national.ROWS
    + matrix_consistency.ROWS
    + matrix_calibration.ROWS
)

CASES = [
    pytest.param(method, url, body, user, expected[user], id=f"{name} | {user or 'anonymous'}")
    for name, method, url, body, expected in MATRIX
    for user in USERS
]


@pytest.fixture(scope="module")
def matrix_scenario(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """The scenario, built once for the module's 1,400-odd cases inside a transaction that is
    rolled back when the module ends; each case runs in its own savepoint (the ``db``
    fixture), so what one request changes is undone before the next."""
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), transaction.atomic():
        with fast_hashing:
            data = build_scenario()
            matrix_consistency.add_double_marking(data)
            matrix_calibration.add_exercises(data)
        data["users"]["admin"].is_staff = True
        data["users"]["admin"].save()
        yield data
        transaction.set_rollback(True)


@pytest.mark.parametrize(("method", "url", "body", "user", "expected"), CASES)
def test_permission_matrix(  # noqa: PLR0917  (one argument per table column)
    db: Any,
    matrix_scenario: dict[str, Any],
    method: str,
    url: str,
    body: Any,
    user: str | None,
    expected: int,
) -> None:
    ids = {key: value.pk for key, value in matrix_scenario.items() if hasattr(value, "pk")}
    client = Client()
    if user is not None:
        client.force_login(matrix_scenario["users"][user])
    path = url.format(**ids)
    if method == "get":
        response = client.get(path)
    elif method == "post":
        response = client.post(path, body)
    else:
        response = client.put(path, json.dumps(body), content_type="application/json")
    assert response.status_code == expected, response.content[:300]


# Routes no permission row is about: Django's admin (staff only, its own permissions) and the
# API's generated schema and index.
UNLISTED = ("admin/", "api/openapi.json", "api/docs", "api/")


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route


class _AnyId(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "1"


def _route_of(url: str) -> str:
    path = re.sub(r"\{unit:\w+\}", "1", str(url)).format_map(_AnyId())
    return resolve(path.split("?")[0]).route


def test_matrix_covers_every_url() -> None:
    """Every route of the project has at least one row in the matrix: a new page or API
    endpoint without permission rows fails here (admin and the API schema aside)."""
    routes = {r for r in _routes(get_resolver().url_patterns) if r not in UNLISTED}
    covered = {_route_of(url) for _, _, url, _, _ in MATRIX}
    assert routes - covered == set()
    assert "inspections/<int:inspection_id>/results/" in covered
    assert "api/inspections/<inspection_id>/results" in covered


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
