"""Permission-matrix rows: long list, draw, prepared sample, reserve, assignment."""

from __future__ import annotations

from tests.web.matrix import Row, codes, team  # noqa: F401

ROWS: list[Row] = []
