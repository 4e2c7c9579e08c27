"""The analyst's export of the national picture: one row per published figure, as CSV and
Parquet, with one documented schema (docs/frameworks-over-time.md, "The analyst's export").

The rows are :meth:`NationalPicture.rows`: pooled counts per data set, scope, group (up to two
attribute = value pairs) and key question, after small-cell suppression — a suppressed figure
is a row with ``suppressed`` true and every count empty. Nothing in them identifies a person:
no case, no case reference, no practitioner; the only names are framework ids, region names
and attribute values. Text cells of the CSV are neutralised against formula injection
(:func:`pinspect.text.spreadsheet_text`); the Parquet file keeps its typed columns as they are
(no spreadsheet evaluates it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from pinspect.ratings.national import NationalPicture
from pinspect.text import spreadsheet_text

__all__ = ["EXPORT_COLUMNS", "ExportColumn", "national_csv", "national_parquet"]


@dataclass(frozen=True)
class ExportColumn:
    name: str
    type: str  # "string", "bool", "int64" or "float64" (Parquet's types; CSV writes text)
    description: str


EXPORT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("framework", "string", "The framework the key questions belong to"),
    ExportColumn(
        "indicative",
        "bool",
        "True for a national inspection's cases: indicative, never compared with PDU or "
        "regional figures (002 decision 7)",
    ),
    ExportColumn("scope", "string", '"nation" or the name of a region'),
    ExportColumn(
        "attribute_1", "string", "The first case attribute of the group (empty: all cases)"
    ),
    ExportColumn("value_1", "string", "Its value (empty: not recorded, or all cases)"),
    ExportColumn("attribute_2", "string", "The second attribute, for a pair of attributes"),
    ExportColumn("value_2", "string", "Its value"),
    ExportColumn("key_question", "string", "The key question's id"),
    ExportColumn("cases", "int64", "Cases in the group (empty when suppressed)"),
    ExportColumn("yes", "int64", "Cases answered yes (empty when suppressed)"),
    ExportColumn("no", "int64", "Cases answered no (empty when suppressed)"),
    ExportColumn("not_applicable", "int64", "Cases where the question did not apply"),
    ExportColumn("percent", "float64", "yes / (yes + no) as a percentage, one decimal place"),
    ExportColumn("interval_low", "float64", "Lower end of the Wilson interval (percent)"),
    ExportColumn("interval_high", "float64", "Upper end of the Wilson interval (percent)"),
    ExportColumn("suppressed", "bool", "True when the figure is hidden (small-cell suppression)"),
)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_text(value)
    return str(value)


def national_csv(picture: NationalPicture) -> bytes:
    """The rows as UTF-8 CSV with a header row (:data:`EXPORT_COLUMNS`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [c.name for c in EXPORT_COLUMNS]
    writer.writerow(names)
    for row in picture.rows():
        writer.writerow(_csv_cell(row[name]) for name in names)
    return out.getvalue().encode("utf-8")


def national_parquet(picture: NationalPicture) -> bytes:
    """The rows as a Parquet file with the typed schema of :data:`EXPORT_COLUMNS`."""
    import pyarrow as pa  # noqa: PLC0415  (only the Parquet export needs it)
    import pyarrow.parquet as pq  # noqa: PLC0415

    types = {
        "string": pa.string(),
        "bool": pa.bool_(),
        "int64": pa.int64(),
        "float64": pa.float64(),
    }
    schema = pa.schema([pa.field(c.name, types[c.type]) for c in EXPORT_COLUMNS])
    rows = picture.rows()
    table = pa.table(
        {
            c.name: pa.array([row[c.name] for row in rows], type=types[c.type])
            for c in EXPORT_COLUMNS
        },
        schema=schema,
    )
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()
