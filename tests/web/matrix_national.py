"""Permission-matrix rows: the national picture, its JSON twin and the analyst's export.

Only members of the analysts group see pooled figures across every published inspection; no
inspection role gives them, site staff included. Everyone else is told there is no such page.
"""

from __future__ import annotations

from tests.web.matrix import Row, codes

ANALYST_ONLY = codes(404, 302, analyst=200)

ROWS: list[Row] = [
    ("national picture", "get", "/national/", None, ANALYST_ONLY),
    ("national picture as json", "get", "/national/?format=json", None, ANALYST_ONLY),
    ("national picture, a breakdown", "get", "/national/?by=sex&by=ethnicity", None, ANALYST_ONLY),
    ("national export (csv)", "get", "/national/export.csv", None, ANALYST_ONLY),
    ("national export (parquet)", "get", "/national/export.parquet", None, ANALYST_ONLY),
]
