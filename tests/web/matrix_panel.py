"""Permission-matrix rows: evidence log, domain-one judgements, ratings panel, report."""

from __future__ import annotations

from tests.web.matrix import Row, codes, team  # noqa: F401

ROWS: list[Row] = []
