"""Permission-matrix rows: the QA sub-sample, blind second marking, agreement, moderation.

Least privilege (001 §4.13): only the inspection's lead, QA and admin see the sub-sample and
the agreement and (in fieldwork) draw and moderate; only a case's assigned second marker opens
its second marking, and, until both markings are complete, that marker may not read the case's
first marking (its page, its JSON). The scenario's fieldwork inspection has a sub-sample with
case C0002 (first marker inspector2) drawn for inspector to mark again.
"""

from __future__ import annotations

from typing import Any

from pinspect.web.consistency.models import QaCase, QaSample
from tests.web.matrix import Row, codes, team

QA = {"admin": 200, "lead": 200, "qa": 200}
DRAW = {"share": "1", "seed": "1"}
MODERATE = {"qa_case": "999999", "question": "P2.1.1", "decision": "first", "reason": "Agreed"}
SECOND = {"version": "1", "action": "save", "answer:P2.1.1": "yes"}


def add_double_marking(data: dict[str, Any]) -> None:
    """Draw C0002 of the fieldwork inspection for inspector to second-mark."""
    sample = QaSample.objects.create(
        inspection=data["fieldwork"], share=1, seed=1, drawn_by=data["users"]["lead"]
    )
    data["qa_case"] = QaCase.objects.create(
        sample=sample,
        case=data["case2"],
        first_marker=data["users"]["inspector2"],
        second_marker=data["users"]["inspector"],
    )


ROWS: list[Row] = [
    ("my second markings", "get", "/consistency/mine/", None, codes(200, 302)),
    ("QA sub-sample (fieldwork)", "get", "/consistency/{fieldwork}/", None, team(403, 404, **QA)),
    (
        "QA sub-sample (published)",
        "get",
        "/consistency/{published}/",
        None,
        team(403, 404, viewer=403, **QA),
    ),
    (
        "QA sub-sample (other unit)",
        "get",
        "/consistency/{other}/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    # Drawn already in the scenario: the QA roles get the form back with the reason (400).
    (
        "draw the QA sub-sample (fieldwork)",
        "post",
        "/consistency/{fieldwork}/draw/",
        DRAW,
        team(403, 404, admin=400, lead=400, qa=400),
    ),
    (
        "draw the QA sub-sample (published)",
        "post",
        "/consistency/{published}/draw/",
        DRAW,
        team(403, 404, viewer=403),
    ),
    (
        "agreement (fieldwork)",
        "get",
        "/consistency/{fieldwork}/agreement/",
        None,
        team(403, 404, **QA),
    ),
    (
        "agreement (published)",
        "get",
        "/consistency/{published}/agreement/",
        None,
        team(403, 404, viewer=403, **QA),
    ),
    (
        "agreement (other unit)",
        "get",
        "/consistency/{other}/agreement/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    # No such double-marked case: the QA roles get the form back (400).
    (
        "moderate (fieldwork)",
        "post",
        "/consistency/{fieldwork}/moderate/",
        MODERATE,
        team(403, 404, admin=400, lead=400, qa=400),
    ),
    (
        "moderate (published)",
        "post",
        "/consistency/{published}/moderate/",
        MODERATE,
        team(403, 404, viewer=403),
    ),
    (
        "second marking",
        "get",
        "/consistency/second-marking/{qa_case}/",
        None,
        team(403, 404, inspector=200),
    ),
    (
        "second marking save",
        "post",
        "/consistency/second-marking/{qa_case}/",
        SECOND,
        team(403, 404, inspector=302),
    ),
    (
        "second marking (no such id)",
        "get",
        "/consistency/second-marking/999999/",
        None,
        codes(404, 302),
    ),
    # Blind: the second marker may not read the first marking until both are complete.
    (
        "case page (second marker, blind)",
        "get",
        "/cases/{case2}/",
        None,
        team(200, 404, inspector=403),
    ),
    (
        "api: answers (second marker, blind)",
        "get",
        "/api/cases/{case2}/answers",
        None,
        team(200, 404, anonymous=401, inspector=403),
    ),
]
