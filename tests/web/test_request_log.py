"""Structured logs: one JSON line per request that says what happened, never what a person
wrote. A case saved with a note, and a save refused for a bad value, leave no case text in the
logs at any level."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from pinspect.web.request_log import REQUEST_FIELDS, JsonFormatter

pytestmark = pytest.mark.django_db

CASE_TEXT = "Mr Zebedee Quaintance disclosed a relapse at 14 Larch Row"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    """Everything logged, at every level, formatted as the application formats it."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield output
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


def _lines(output: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.getvalue().splitlines() if line.startswith("{")]


def test_a_case_saved_with_case_text_leaves_none_in_the_logs(
    scenario: dict[str, Any], client_for: Any, log_output: io.StringIO
) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    body = {
        "answer:P2.1.1": "yes",
        "note:P2.1": CASE_TEXT,
        "version": "1",
        "action": "save",
    }
    saved = client.post(f"/cases/{case.pk}/?note={CASE_TEXT[:12]}", body)
    assert saved.status_code == 302
    refused = client.post(
        f"/cases/{case.pk}/", {**body, "answer:P2.1.1": CASE_TEXT, "version": "2"}
    )
    assert refused.status_code == 400
    text = log_output.getvalue()
    assert CASE_TEXT not in text
    assert CASE_TEXT[:12] not in text  # nor the query string
    requests = [line for line in _lines(log_output) if line.get("logger") == "pinspect.request"]
    assert [(line["method"], line["status"]) for line in requests] == [("POST", 302), ("POST", 400)]
    assert requests[0]["path"] == f"/cases/{case.pk}/"
    assert requests[0]["user_id"] == scenario["users"]["inspector"].pk
    assert set(REQUEST_FIELDS) <= set(requests[0])


def test_every_log_line_is_json(client_for: Any, log_output: io.StringIO) -> None:
    client_for("outsider").get("/inspections/999999/")
    lines = _lines(log_output)
    assert lines
    assert all({"time", "level", "logger", "message"} <= set(line) for line in lines)
    assert all("request" not in line for line in lines)  # Django's request object: never
