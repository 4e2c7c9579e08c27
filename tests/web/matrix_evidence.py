"""Permission-matrix rows: evidence log and domain-one judgements."""

from __future__ import annotations

from tests.web.matrix import Row, codes, team  # noqa: F401

ROWS: list[Row] = []
