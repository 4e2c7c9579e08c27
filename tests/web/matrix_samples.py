"""Permission-matrix rows: the sample pages (sample, draw, prepared sample, key, replacement,
assignment) and inspection management (creation, status, team).

Managing needs ``MANAGE_INSPECTION`` (admin, lead inspector). The scenario's inspections are
in fieldwork and published, so a permitted upload or draw is refused for its status (409);
a permitted empty form post is a form error (400).
"""

from __future__ import annotations

from tests.web.matrix import Row, codes, team

MANAGE = team(403, 404, admin=200, lead=200)
MANAGE_PUBLISHED = team(403, 404, admin=200, lead=200, viewer=403)
OTHER_UNIT = codes(404, 302, other_viewer=403)

ROWS: list[Row] = [
    ("sample", "get", "/samples/{fieldwork}/", None, team(200, 404)),
    ("sample (published)", "get", "/samples/{published}/", None, team(200, 404, viewer=403)),
    ("sample (other unit)", "get", "/samples/{other}/", None, OTHER_UNIT),
    ("sample (no such id)", "get", "/samples/999999/", None, codes(404, 302)),
    ("draw page", "get", "/samples/{fieldwork}/draw/", None, MANAGE),
    ("draw page (published)", "get", "/samples/{published}/draw/", None, MANAGE_PUBLISHED),
    ("draw page (other unit)", "get", "/samples/{other}/draw/", None, OTHER_UNIT),
    ("draw", "post", "/samples/{fieldwork}/draw/", {}, team(403, 404, admin=409, lead=409)),
    # The draw's background job: who may draw may follow it; with no job yet, there is
    # nothing to try again (409).
    ("draw job", "get", "/samples/{fieldwork}/draw/job/", None, MANAGE),
    ("draw job: progress", "get", "/samples/{fieldwork}/draw/job/progress/", None, MANAGE),
    (
        "draw job: try again",
        "post",
        "/samples/{fieldwork}/draw/job/",
        {},
        team(403, 404, admin=409, lead=409),
    ),
    ("draw job (published)", "get", "/samples/{published}/draw/job/", None, MANAGE_PUBLISHED),
    ("draw job (other unit)", "get", "/samples/{other}/draw/job/progress/", None, OTHER_UNIT),
    ("prepared page", "get", "/samples/{fieldwork}/prepared/", None, MANAGE),
    (
        "prepared upload",
        "post",
        "/samples/{fieldwork}/prepared/",
        {},
        team(403, 404, admin=409, lead=409),
    ),
    ("prepared (other unit)", "get", "/samples/{other}/prepared/", None, OTHER_UNIT),
    ("key page", "get", "/samples/{fieldwork}/key/", None, MANAGE),
    ("key download", "post", "/samples/{fieldwork}/key/", {}, team(403, 404, admin=409, lead=409)),
    ("key page (published)", "get", "/samples/{published}/key/", None, MANAGE_PUBLISHED),
    ("key page (other unit)", "get", "/samples/{other}/key/", None, OTHER_UNIT),
    ("replace page", "get", "/samples/{fieldwork}/replace/", None, MANAGE),
    ("replace", "post", "/samples/{fieldwork}/replace/", {}, team(403, 404, admin=400, lead=400)),
    (
        "replace (published)",
        "post",
        "/samples/{published}/replace/",
        {},
        team(403, 404, admin=409, lead=409, viewer=403),
    ),
    ("replace page (other unit)", "get", "/samples/{other}/replace/", None, OTHER_UNIT),
    ("assign page", "get", "/samples/{fieldwork}/assign/", None, MANAGE),
    ("assign", "post", "/samples/{fieldwork}/assign/", {}, team(403, 404, admin=302, lead=302)),
    (
        "assign (published)",
        "post",
        "/samples/{published}/assign/",
        {},
        team(403, 404, admin=409, lead=409, viewer=403),
    ),
    ("assign page (other unit)", "get", "/samples/{other}/assign/", None, OTHER_UNIT),
    # Creating: site staff (admin), or a person allowed to lead inspections of a unit (the lead).
    ("create page", "get", "/inspections/new/", None, codes(403, 302, admin=200, lead=200)),
    ("create", "post", "/inspections/new/", {}, codes(403, 302, admin=400, lead=400)),
    ("status page", "get", "/inspections/{fieldwork}/status/", None, MANAGE),
    ("status page (published)", "get", "/inspections/{published}/status/", None, MANAGE_PUBLISHED),
    (
        "status move",
        "post",
        "/inspections/{fieldwork}/status/",
        {},
        team(403, 404, admin=400, lead=400),
    ),
    ("status page (other unit)", "get", "/inspections/{other}/status/", None, OTHER_UNIT),
    ("team page", "get", "/inspections/{fieldwork}/team/", None, MANAGE),
    ("team page (published)", "get", "/inspections/{published}/team/", None, MANAGE_PUBLISHED),
    (
        "team change",
        "post",
        "/inspections/{fieldwork}/team/",
        {},
        team(403, 404, admin=400, lead=400),
    ),
    ("team page (other unit)", "get", "/inspections/{other}/team/", None, OTHER_UNIT),
]
