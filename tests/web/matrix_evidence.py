"""Permission-matrix rows: evidence log and domain-one judgements.

Reading needs VIEW_EVIDENCE (the team; never viewers); adding evidence MANAGE_EVIDENCE (admin,
lead, inspectors; set-up and fieldwork); judging JUDGE_STANDARD (admin, lead; fieldwork and
panel). Pages of one evidence item are checked with real items in ``test_evidence``; here an
id that does not exist shows that members get 404 and others the inspection's answer.
"""

from __future__ import annotations

from tests.web.matrix import Row, codes, team

MANAGERS = {"admin": 200, "lead": 200, "inspector": 200, "inspector2": 200}
MANAGERS_SAVED = dict.fromkeys(MANAGERS, 302)
MANAGERS_REFUSED = dict.fromkeys(MANAGERS, 400)
MEETING = {"kind": "meeting", "title": "Focus group", "attendees": "Six probation officers"}
JUDGEMENT = {"version": "0", "answer:P1.1.1": "yes", "rationale": ""}
JUDGES_SAVED = {"admin": 302, "lead": 302}

ROWS: list[Row] = [
    ("evidence log", "get", "/evidence/{fieldwork}/", None, team(200, 404)),
    (
        "evidence log (published)",
        "get",
        "/evidence/{published}/",
        None,
        team(200, 404, viewer=403),
    ),
    (
        "evidence log (other unit)",
        "get",
        "/evidence/{other}/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    ("evidence log (no such id)", "get", "/evidence/999999/", None, codes(404, 302)),
    ("add evidence", "get", "/evidence/{fieldwork}/add/", None, team(403, 404, **MANAGERS)),
    (
        "add evidence: save",
        "post",
        "/evidence/{fieldwork}/add/",
        MEETING,
        team(403, 404, **MANAGERS_SAVED),
    ),
    (
        "add evidence (published)",
        "post",
        "/evidence/{published}/add/",
        MEETING,
        team(403, 404, viewer=403),
    ),
    (
        "upload a document",
        "get",
        "/evidence/{fieldwork}/documents/upload/",
        None,
        team(403, 404, **MANAGERS),
    ),
    (
        "upload a document: no file",
        "post",
        "/evidence/{fieldwork}/documents/upload/",
        {},
        team(403, 404, **MANAGERS_REFUSED),
    ),
    (
        "upload a document (published)",
        "get",
        "/evidence/{published}/documents/upload/",
        None,
        team(403, 404, viewer=403),
    ),
    (
        "document (no such item)",
        "get",
        "/evidence/{fieldwork}/documents/999999/",
        None,
        codes(404, 302),
    ),
    (
        "document (published, no such item)",
        "get",
        "/evidence/{published}/documents/999999/",
        None,
        codes(404, 302, viewer=403),
    ),
    (
        "evidence item (no such item)",
        "get",
        "/evidence/{fieldwork}/items/999999/",
        None,
        codes(404, 302),
    ),
    (
        "evidence item tags (no such item)",
        "post",
        "/evidence/{fieldwork}/items/999999/",
        {"tag:P1.1.1.a": "-"},
        codes(404, 302),
    ),
    (
        "evidence item (published, no such item)",
        "get",
        "/evidence/{published}/items/999999/",
        None,
        codes(404, 302, viewer=403),
    ),
    ("survey results", "get", "/evidence/{fieldwork}/survey/", None, team(200, 404)),
    (
        "survey results (published)",
        "get",
        "/evidence/{published}/survey/",
        None,
        team(200, 404, viewer=403),
    ),
    (
        "survey import",
        "get",
        "/evidence/{fieldwork}/survey/import/",
        None,
        team(403, 404, **MANAGERS),
    ),
    (
        "survey import: no files",
        "post",
        "/evidence/{fieldwork}/survey/import/",
        {},
        team(403, 404, **MANAGERS_REFUSED),
    ),
    (
        "survey import (published)",
        "get",
        "/evidence/{published}/survey/import/",
        None,
        team(403, 404, viewer=403),
    ),
    # The survey import's background job: who may import may follow it; with no job yet,
    # there is nothing to try again (409).
    (
        "survey import job",
        "get",
        "/evidence/{fieldwork}/survey/import/job/",
        None,
        team(403, 404, **MANAGERS),
    ),
    (
        "survey import job: progress",
        "get",
        "/evidence/{fieldwork}/survey/import/job/progress/",
        None,
        team(403, 404, **MANAGERS),
    ),
    (
        "survey import job: try again",
        "post",
        "/evidence/{fieldwork}/survey/import/job/",
        {},
        team(403, 404, **dict.fromkeys(MANAGERS, 409)),
    ),
    (
        "survey import job (published)",
        "get",
        "/evidence/{published}/survey/import/job/",
        None,
        team(403, 404, viewer=403),
    ),
    (
        "survey import job (other unit)",
        "get",
        "/evidence/{other}/survey/import/job/progress/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    ("evidence per prompt", "get", "/evidence/{fieldwork}/prompts/", None, team(200, 404)),
    (
        "evidence per prompt (other unit)",
        "get",
        "/evidence/{other}/prompts/",
        None,
        codes(404, 302, other_viewer=403),
    ),
    ("judgements", "get", "/evidence/{fieldwork}/judgements/", None, team(200, 404)),
    (
        "judgements (published)",
        "get",
        "/evidence/{published}/judgements/",
        None,
        team(200, 404, viewer=403),
    ),
    ("judgement page", "get", "/evidence/{fieldwork}/judgements/P1.1/", None, team(200, 404)),
    (
        "judgement page (case-rated standard)",
        "get",
        "/evidence/{fieldwork}/judgements/P2.1/",
        None,
        team(404, 404),
    ),
    (
        "judgement save",
        "post",
        "/evidence/{fieldwork}/judgements/P1.1/",
        JUDGEMENT,
        team(403, 404, **JUDGES_SAVED),
    ),
    (
        "judgement save (published)",
        "post",
        "/evidence/{published}/judgements/P1.1/",
        JUDGEMENT,
        team(403, 404, viewer=403),
    ),
    (
        "judgement page (other unit)",
        "get",
        "/evidence/{other}/judgements/P1.1/",
        None,
        codes(404, 302, other_viewer=403),
    ),
]
