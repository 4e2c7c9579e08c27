"""The permission matrix's vocabulary: the users of the scenario and expected-status helpers.

Rows live with the pages they test (``matrix_*.py``) and are gathered by
``test_permission_matrix``; each row is (name, method, url template, body, status per user).
Url templates take the scenario's ids: ``{fieldwork}``, ``{published}``, ``{other}``,
``{case}``, ``{case2}``, ``{published_case}``, ``{other_case}``, ``{qa_case}``.
"""

from __future__ import annotations

from typing import Any

USERS = (
    None,
    "admin",
    "lead",
    "inspector",
    "inspector2",
    "qa",
    "panel",
    "viewer",
    "other_viewer",
    "outsider",
    "analyst",
)
TEAM = ("admin", "lead", "inspector", "inspector2", "qa", "panel")

Row = tuple[str, str, str, Any, dict[str | None, int]]


def codes(default: int, anonymous: int, **special: int) -> dict[str | None, int]:
    table: dict[str | None, int] = dict.fromkeys(USERS, default)
    table[None] = anonymous
    for user, code in special.items():
        table[user] = code
    return table


def team(code: int, others: int, anonymous: int = 302, **special: int) -> dict[str | None, int]:
    return codes(others, anonymous, **{**dict.fromkeys(TEAM, code), **special})
