"""The data table beside a chart: the same figures in words and numbers, as HTML."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

__all__ = ["GOVUK", "ChartTable", "TableClasses", "render_table"]


@dataclass(frozen=True)
class ChartTable:
    """A caption, column headings, and rows of (row heading, cells); ``numeric`` marks the
    columns whose cells are right-aligned figures (the row heading's column first)."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]
    numeric: tuple[bool, ...] = ()

    def is_numeric(self, column: int) -> bool:
        return column < len(self.numeric) and self.numeric[column]


@dataclass(frozen=True)
class TableClasses:
    """The class names of each part, so the web (GOV.UK Frontend) and the report (its own
    stylesheet) write the same table in their own styles."""

    table: str = ""
    caption: str = ""
    head: str = ""
    body: str = ""
    row: str = ""
    header: str = ""
    cell: str = ""
    numeric_header: str = "num"
    numeric_cell: str = "num"


GOVUK = TableClasses(
    table="govuk-table",
    caption="govuk-table__caption govuk-table__caption--s",
    head="govuk-table__head",
    body="govuk-table__body",
    row="govuk-table__row",
    header="govuk-table__header",
    cell="govuk-table__cell",
    numeric_header="govuk-table__header--numeric",
    numeric_cell="govuk-table__cell--numeric",
)


def _class(*names: str) -> str:
    joined = " ".join(n for n in names if n)
    return f' class="{escape(joined)}"' if joined else ""


def render_table(
    table: ChartTable, classes: TableClasses | None = None, *, data_chart: str = ""
) -> str:
    """The table as HTML (every text escaped); ``data_chart`` names it for tests and scripts."""
    classes = classes or TableClasses()
    attribute = f' data-chart-table="{escape(data_chart)}"' if data_chart else ""
    parts = [f"<table{_class(classes.table)}{attribute}>"]
    parts.append(f"<caption{_class(classes.caption)}>{escape(table.caption)}</caption>")
    parts.append(f"<thead{_class(classes.head)}><tr{_class(classes.row)}>")
    for index, column in enumerate(table.columns):
        numeric = classes.numeric_header if table.is_numeric(index) else ""
        parts.append(f'<th scope="col"{_class(classes.header, numeric)}>{escape(column)}</th>')
    parts.append(f"</tr></thead><tbody{_class(classes.body)}>")
    for heading, cells in table.rows:
        parts.append(f"<tr{_class(classes.row)}>")
        parts.append(f'<th scope="row"{_class(classes.header)}>{escape(heading)}</th>')
        for index, cell in enumerate(cells, start=1):
            numeric = classes.numeric_cell if table.is_numeric(index) else ""
            parts.append(f"<td{_class(classes.cell, numeric)}>{escape(cell)}</td>")
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)
