"""One rule for a spreadsheet cell: how it reads as text, and whether it may be kept."""

from __future__ import annotations

from datetime import date, datetime

from pinspect.text import text_problem

__all__ = ["cell_problem", "cell_text", "column_label"]


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: empty for None, dates as ISO dates, whole floats without
    their ``.0``, other values stripped."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_problem(value: str, max_length: int, column: str) -> str | None:
    """Why a cell's text cannot be taken (a NUL character, an unpaired surrogate, more
    characters than ``max_length``), in words that never repeat the text, or ``None``.
    ``column`` is the cell's :func:`column_label`: "the name contains a NUL character…"."""
    problem = text_problem(value, max_length=max_length)
    if problem is None:
        return None
    subject = f"the cell in {column}" if column.startswith("column ") else f"the {column}"
    if problem.startswith("is ") and "characters long" in problem:
        return f"{subject} {problem} (the max_cell_length setting)"
    return f"{subject} {problem}"


def column_label(header: list[str], index: int) -> str:
    """The column a cell is in: its header name, else its spreadsheet letter(s)."""
    if index < len(header) and header[index].strip():
        return header[index].strip().lower()
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"column {letters}"
