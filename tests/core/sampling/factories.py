"""Small long lists built row by row for the sampling tests (wholly fictional)."""

from __future__ import annotations

from datetime import date

from pinspect.sampling import (
    REQUIRED_COLUMNS,
    LongList,
    Stratification,
    StratumClassifier,
    long_list_from_records,
)

TODAY = date(2024, 6, 1)


def row(crn: str, **values: str) -> dict[str, str]:
    """One long-list row with sensible defaults (a man on a community order, low RoSH)."""
    base = {
        "crn": crn,
        "pnc": "",
        "first_name": f"First{crn}",
        "family_name": f"Family{crn}",
        "date_of_birth": "1990-01-01",
        "sex": "M",
        "sentence_type": "CO",
        "rosh": "RLRH",
        "start_date": "2024-01-01",
        "end_date": "2025-01-01",
        "area": "Area A",
        "team": "Team 1",
        "practitioner": "P1",
    }
    base.update(values)
    return base


def long_list(rows: list[dict[str, str]], strata: Stratification | None = None) -> LongList:
    stratification = strata or Stratification()
    required = (*REQUIRED_COLUMNS, *stratification.required_columns)
    return long_list_from_records(rows, required_columns=required)


def classifier_for(ll: LongList, strata: Stratification | None = None) -> StratumClassifier:
    return (strata or Stratification()).classifier(ll.columns)
