"""Permission-matrix rows: ratings panel, publication and the report.

The scenario's inspections are in fieldwork and published, so every panel decision here is
refused (the panel decides only while the inspection is at the panel: 403 for the team);
``test_panel`` and ``test_reports`` cover the panel status itself. A viewer reads the report
of its own unit once published, never the panel; another unit's inspection does not exist
for a user (404) unless they view that unit.
"""

from __future__ import annotations

from tests.web.matrix import Row, codes, team

DECISION = {"target": "P2.1", "decision": "verified"}
RECOMMENDATION = {"addressed_to": "The head of the PDU", "text": "Review plans monthly."}
LEADS = {"admin": 200, "lead": 200}

ROWS: list[Row] = [
    # The ratings panel page and its JSON twin (VIEW_PANEL: the team).
    ("panel page (fieldwork)", "get", "/panel/{fieldwork}/", None, team(200, 404)),
    ("panel page (published)", "get", "/panel/{published}/", None, team(200, 404, viewer=403)),
    ("panel page (other unit)", "get", "/panel/{other}/", None, codes(404, 302, other_viewer=403)),
    ("panel page (no such id)", "get", "/panel/999999/", None, codes(404, 302)),
    (
        "api: panel (fieldwork)",
        "get",
        "/api/inspections/{fieldwork}/panel",
        None,
        team(200, 404, anonymous=401),
    ),
    (
        "api: panel (published)",
        "get",
        "/api/inspections/{published}/panel",
        None,
        team(200, 404, anonymous=401, viewer=403),
    ),
    (
        "api: panel (other unit)",
        "get",
        "/api/inspections/{other}/panel",
        None,
        codes(404, 401, other_viewer=403),
    ),
    # Decisions, sign-off and reopening (DECIDE_PANEL: panel members, at the panel only).
    (
        "panel decision (fieldwork)",
        "post",
        "/panel/{fieldwork}/decisions/",
        DECISION,
        team(403, 404),
    ),
    (
        "panel decision (published)",
        "post",
        "/panel/{published}/decisions/",
        DECISION,
        team(403, 404, viewer=403),
    ),
    (
        "panel decision (other unit)",
        "post",
        "/panel/{other}/decisions/",
        DECISION,
        codes(404, 302, other_viewer=403),
    ),
    ("panel sign-off (fieldwork)", "post", "/panel/{fieldwork}/sign-off/", {}, team(403, 404)),
    (
        "panel sign-off (published)",
        "post",
        "/panel/{published}/sign-off/",
        {},
        team(403, 404, viewer=403),
    ),
    (
        "panel reopen (fieldwork)",
        "post",
        "/panel/{fieldwork}/reopen/",
        {"reason": "New evidence"},
        team(403, 404),
    ),
    (
        "panel reopen (published)",
        "post",
        "/panel/{published}/reopen/",
        {"reason": "New evidence"},
        team(403, 404, viewer=403),
    ),
    # The report (VIEW_REPORT: the team, a draft until published; viewers once published).
    ("report (fieldwork)", "get", "/reports/{fieldwork}/", None, team(200, 404)),
    ("report (published)", "get", "/reports/{published}/", None, team(200, 404, viewer=200)),
    ("report (other unit)", "get", "/reports/{other}/", None, codes(404, 302, other_viewer=200)),
    ("report (no such id)", "get", "/reports/999999/", None, codes(404, 302)),
    ("report pdf (fieldwork)", "get", "/reports/{fieldwork}/pdf/", None, team(200, 404)),
    (
        "report pdf (published)",
        "get",
        "/reports/{published}/pdf/",
        None,
        team(200, 404, viewer=200),
    ),
    (
        "report pdf (other unit)",
        "get",
        "/reports/{other}/pdf/",
        None,
        codes(404, 302, other_viewer=200),
    ),
    ("annex csv (fieldwork)", "get", "/reports/{fieldwork}/annex/csv/", None, team(200, 404)),
    (
        "annex csv (published)",
        "get",
        "/reports/{published}/annex/csv/",
        None,
        team(200, 404, viewer=200),
    ),
    (
        "annex xlsx (published)",
        "get",
        "/reports/{published}/annex/xlsx/",
        None,
        team(200, 404, viewer=200),
    ),
    (
        "annex ods (other unit)",
        "get",
        "/reports/{other}/annex/ods/",
        None,
        codes(404, 302, other_viewer=200),
    ),
    # Report files are made in the background (pinspect.web.jobs): who may read the report may
    # start the job, watch its progress and download the file; nobody else learns it exists.
    ("report pdf: start (fieldwork)", "post", "/reports/{fieldwork}/pdf/", {}, team(302, 404)),
    (
        "report pdf: start (published)",
        "post",
        "/reports/{published}/pdf/",
        {},
        team(302, 404, viewer=302),
    ),
    (
        "report pdf: start (other unit)",
        "post",
        "/reports/{other}/pdf/",
        {},
        codes(404, 302, other_viewer=302),
    ),
    (
        "report pdf: progress (fieldwork)",
        "get",
        "/reports/{fieldwork}/pdf/progress/",
        None,
        team(200, 404),
    ),
    (
        "report pdf: progress (other unit)",
        "get",
        "/reports/{other}/pdf/progress/",
        None,
        codes(404, 302, other_viewer=200),
    ),
    (
        "report pdf: file not made yet (published)",
        "get",
        "/reports/{published}/pdf/file/",
        None,
        team(404, 404, viewer=404),
    ),
    (
        "annex xlsx: start (published)",
        "post",
        "/reports/{published}/annex/xlsx/",
        {},
        team(302, 404, viewer=302),
    ),
    ("annex csv: start (fieldwork)", "post", "/reports/{fieldwork}/annex/csv/", {}, team(302, 404)),
    (
        "annex ods: progress (published)",
        "get",
        "/reports/{published}/annex/ods/progress/",
        None,
        team(200, 404, viewer=200),
    ),
    (
        "annex csv: file not made yet (other unit)",
        "get",
        "/reports/{other}/annex/csv/file/",
        None,
        codes(404, 302, other_viewer=404),
    ),
    (
        "annex, unknown format: start",
        "post",
        "/reports/{published}/annex/pdf/",
        {},
        team(404, 404, viewer=404),
    ),
    (
        "annex, unknown format",
        "get",
        "/reports/{published}/annex/pdf/",
        None,
        team(404, 404, viewer=404),
    ),
    (
        "api: report (fieldwork)",
        "get",
        "/api/inspections/{fieldwork}/report",
        None,
        team(200, 404, anonymous=401),
    ),
    (
        "api: report (published)",
        "get",
        "/api/inspections/{published}/report",
        None,
        team(200, 404, anonymous=401, viewer=200),
    ),
    (
        "api: report (other unit)",
        "get",
        "/api/inspections/{other}/report",
        None,
        codes(404, 401, other_viewer=200),
    ),
    # Recommendations and publication (EDIT_REPORT: lead and admin, before publication).
    (
        "recommendations (fieldwork)",
        "get",
        "/reports/{fieldwork}/recommendations/",
        None,
        team(403, 404, **LEADS),
    ),
    (
        "recommendations (published)",
        "get",
        "/reports/{published}/recommendations/",
        None,
        team(403, 404, viewer=403),
    ),
    (
        "add recommendation (fieldwork)",
        "post",
        "/reports/{fieldwork}/recommendations/",
        RECOMMENDATION,
        team(403, 404, admin=302, lead=302),
    ),
    (
        "add recommendation (published)",
        "post",
        "/reports/{published}/recommendations/",
        RECOMMENDATION,
        team(403, 404, viewer=403),
    ),
    (
        "change recommendation (no such id)",
        "post",
        "/reports/{fieldwork}/recommendations/999999/",
        RECOMMENDATION,
        team(403, 404, admin=404, lead=404),
    ),
    (
        "change recommendation (published)",
        "get",
        "/reports/{published}/recommendations/999999/",
        None,
        team(403, 404, viewer=403),
    ),
    (
        "withdraw recommendation (no such id)",
        "post",
        "/reports/{fieldwork}/recommendations/999999/withdraw/",
        {},
        team(403, 404, admin=404, lead=404),
    ),
    (
        "withdraw recommendation (other unit)",
        "post",
        "/reports/{other}/recommendations/999999/withdraw/",
        {},
        codes(404, 302, other_viewer=403),
    ),
    (
        "publish page (fieldwork)",
        "get",
        "/reports/{fieldwork}/publish/",
        None,
        team(403, 404, **LEADS),
    ),
    (
        "publish (fieldwork: not at the panel)",
        "post",
        "/reports/{fieldwork}/publish/",
        {},
        team(403, 404, admin=400, lead=400),
    ),
    (
        "publish (published)",
        "post",
        "/reports/{published}/publish/",
        {},
        team(403, 404, viewer=403),
    ),
    (
        "publish (other unit)",
        "post",
        "/reports/{other}/publish/",
        {},
        codes(404, 302, other_viewer=403),
    ),
]
