"""Permission-matrix rows: ratings panel, publication and the report."""

from __future__ import annotations

from tests.web.matrix import Row, codes, team  # noqa: F401

ROWS: list[Row] = []
