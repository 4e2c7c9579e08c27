"""The GOV.UK date input: a date typed as a day, a month and a year, each in a box of its own.

One reading of the three boxes for every form that asks for a date (an inspection's
fieldwork window, the date of a piece of evidence), so the same typing is taken, or refused,
alike everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django import forms

__all__ = ["DATE_PARTS", "date_from_parts", "date_input", "part_fields", "typed_parts"]

DATE_PARTS = ("day", "month", "year")
"""The boxes, in the order the GOV.UK pattern shows them."""

_YEARS = range(1900, 2101)
"""The years a date typed here may have: a two-digit year (``24``) or a slip of the keyboard
(``20224``) is refused rather than read as a date two thousand years away."""


def date_from_parts(parts: Sequence[str]) -> date | None:
    """The date typed as ``(day, month, year)``, spaces around each ignored; None when every
    box is empty. Raises ValueError when the boxes do not make a real date in 1900–2100."""
    day, month, year = (part.strip() for part in parts)
    if not (day or month or year):
        return None
    try:
        typed = date(int(year), int(month), int(day))
    except ValueError as error:
        raise ValueError(f"not a real date: {error}") from None
    if typed.year not in _YEARS:
        raise ValueError(f"not a real date: the year {typed.year} is out of range")
    return typed


def part_fields(prefix: str) -> dict[str, forms.CharField]:
    """The form fields of the boxes ``{prefix}_day``, ``_month`` and ``_year``, optional. They
    set no length: :func:`date_from_parts` refuses what does not make a date in one message
    ("Enter a real date…"), where a length cap added a second one naming the field ("End year
    is 5 characters long")."""
    return {f"{prefix}_{part}": forms.CharField(required=False) for part in DATE_PARTS}


def typed_parts(data: Any, prefix: str) -> list[str]:
    """What was typed in the boxes ``{prefix}_day``, ``_month`` and ``_year`` of ``data`` (a
    form's submitted data), spaces around it dropped, empty where nothing was."""
    return [str(data.get(f"{prefix}_{part}", "") or "").strip() for part in DATE_PARTS]


def date_input(
    prefix: str,
    legend: str,
    values: Sequence[str],
    errors: Sequence[str],
    *,
    hint: str = "For example, 27 3 2025",
    ids: Callable[[str], str] = lambda name: f"id_{name}",
) -> dict[str, Any]:
    """One date input as ``includes/date_input.html`` draws it: its boxes (the day's first,
    where an error summary links; ``ids`` gives each box's HTML id from its name), their
    values, its legend, hint and errors."""
    parts = [
        {
            "name": f"{prefix}_{part}",
            "id": ids(f"{prefix}_{part}"),
            "label": part.capitalize(),
            "width": "govuk-input--width-4" if part == "year" else "govuk-input--width-2",
            "value": value,
        }
        for part, value in zip(DATE_PARTS, values, strict=True)
    ]
    return {
        "prefix": prefix,
        "legend": legend,
        "hint": hint,
        "errors": list(errors),
        "parts": parts,
    }
