"""The GOV.UK date input's three boxes read one way for every form: the inspection's
fieldwork window and the date of a piece of evidence take and refuse the same typing."""

from __future__ import annotations

from datetime import date

import pytest

from pinspect.web.date_input import date_from_parts


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("27", "3", "2025"), date(2025, 3, 27)),
        ((" 1 ", "01", "1900"), date(1900, 1, 1)),
        (("31", "12", "2100"), date(2100, 12, 31)),
        (("29", "2", "2024"), date(2024, 2, 29)),
        (("", " ", ""), None),
    ],
)
def test_a_real_date_is_read(parts: tuple[str, str, str], expected: date | None) -> None:
    assert date_from_parts(parts) == expected


@pytest.mark.parametrize(
    "parts",
    [
        ("29", "2", "2023"),  # not a leap year
        ("27", "13", "2025"),
        ("27", "3", "25"),  # a two-digit year is not read as 0025 or 2025
        ("27", "3", "20225"),
        ("31", "12", "1899"),
        ("1", "1", "2101"),
        ("27", "", "2025"),  # a box left empty
        ("twenty", "3", "2025"),
    ],
)
def test_a_date_that_is_not_real_is_refused(parts: tuple[str, str, str]) -> None:
    with pytest.raises(ValueError, match=r"^not a real date: "):
        date_from_parts(parts)
