"""schemathesis against the API's own OpenAPI document, signed in as a lead inspector: for
every operation, generated requests (valid and invalid bodies, ids that exist and ids that do
not) never get a 5xx, never an answer the document does not declare, never a body that breaks
the declared schema. Bounded and deterministic: a fixed number of examples per operation,
derandomised, so a run takes seconds and fails the same way twice.

The requests go to the application's WSGI handler in this process, inside the test's
transaction (so nothing persists); Django's closing of database connections at the end of a
request is held off for it, as its own test client does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from pinspect.web.api import api

EXAMPLES = 25
CSRF = "k" * 32  # the CSRF cookie and header, as a signed-in browser sends them

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api"))
schema.app = WSGIHandler()  # type: ignore[attr-defined]

# The signed-in session of the current test (set by the fixture).
SESSION: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class SessionAuth:
    """The API's security scheme is Django's session cookie (and the CSRF token for writes):
    given to schemathesis as auth, so it also sends requests without it and checks they are
    refused."""

    def get(self, case: Any, context: Any) -> str:
        return SESSION.get("key", "")

    def set(self, case: Any, data: str, context: Any) -> None:
        case.cookies = {**(case.cookies or {}), "sessionid": data, "csrftoken": CSRF}
        case.headers = {**(case.headers or {}), "X-CSRFToken": CSRF}


# The ids that exist in this test's data, filled in by the fixture: a generated id is mapped
# onto one of them half the time, so operations are exercised past their 404.
REAL_IDS: dict[str, list[int]] = {}


@schema.hook("map_path_parameters")
def _real_ids(context: Any, path_parameters: dict[str, Any] | None) -> dict[str, Any] | None:
    if not path_parameters:
        return path_parameters
    mapped = dict(path_parameters)
    for name, value in path_parameters.items():
        known = REAL_IDS.get(name)
        if known and isinstance(value, int) and value % 2 == 0:
            mapped[name] = known[(value // 2) % len(known)]
    return mapped


@pytest.fixture
def connections_kept_open() -> Iterator[None]:
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def signed_in(scenario: dict[str, Any]) -> None:
    lead = scenario["users"]["lead"]
    session = SessionStore()
    session[SESSION_KEY] = str(lead.pk)
    session["_auth_user_backend"] = "pinspect.web.accounts.backends.ThrottledModelBackend"
    session["_auth_user_hash"] = lead.get_session_auth_hash()
    session.create()
    REAL_IDS.clear()
    REAL_IDS["inspection_id"] = [scenario[k].pk for k in ("fieldwork", "published", "other")]
    REAL_IDS["case_id"] = [scenario[k].pk for k in ("case", "case2", "published_case")]
    REAL_IDS["unit_id"] = [scenario["fieldwork"].unit_id]
    SESSION["key"] = session.session_key or ""


@pytest.mark.django_db
def test_the_document_declares_the_refusals_the_api_gives(client: Any) -> None:
    document = client.get("/api/openapi.json").json()
    put = document["paths"]["/api/cases/{case_id}/answers"]["put"]["responses"]
    assert {"200", "400", "401", "403", "404", "409", "413", "422"} <= set(put)
    error = document["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"detail"}
    for path, operations in document["paths"].items():
        for operation in operations.values():
            declared = set(operation["responses"])
            assert "401" in declared, path
            if "{" in path:
                assert {"403", "404"} <= declared, path


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_document(
    case: Any, signed_in: None, connections_kept_open: None
) -> None:
    case.call_and_validate()
