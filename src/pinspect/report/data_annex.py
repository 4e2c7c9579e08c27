"""The report's data annex: its tables as CSV, XLSX or ODS, cases named by pseudonyms only.

Sheets, in order: ``about`` (what the annex is), ``ratings`` (the ratings table with computed
and final ratings and the departures' reasons), ``key questions`` (key questions and their
prompts), ``breakdowns`` (the shown sub-groups, long format), ``outcomes`` (baseline data, not
rated), ``survey`` (people on probation) and ``case answers`` (one row per answer: case
pseudonym, sample, question, answer and the case attributes). Every sheet is present, with its
header, even when it has no rows, so readers can rely on the layout.

The CSV form is a ZIP of one CSV file per sheet: a CSV file holds one table, the annex has
seven of different shapes, and a ZIP keeps them together as one download while each file stays
plain CSV that any tool reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from pinspect.report.content import KeyQuestionTable, RatingRow, Report
from pinspect.report.pseudonymisation import PSEUDONYM_PREFIX
from pinspect.report.spreadsheet import Cell, Sheet, csv_zip, ods_bytes, xlsx_bytes
from pinspect.scale.rating import Band, Rating

__all__ = ["ANNEX_FORMATS", "AnnexFile", "AnnexFormat", "annex", "annex_sheets"]

AnnexFormat = Literal["csv", "xlsx", "ods"]
ANNEX_FORMATS: tuple[AnnexFormat, ...] = ("csv", "xlsx", "ods")


@dataclass(frozen=True)
class AnnexFile:
    """A data annex ready to save or download."""

    content: bytes
    filename: str
    media_type: str


_WRITERS: dict[AnnexFormat, tuple[Callable[[Sequence[Sheet]], bytes], str, str]] = {
    "csv": (csv_zip, "zip", "application/zip"),
    "xlsx": (
        xlsx_bytes,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "ods": (ods_bytes, "ods", "application/vnd.oasis.opendocument.spreadsheet"),
}


def annex(report: Report, fmt: AnnexFormat) -> AnnexFile:
    """The data annex of ``report`` in ``fmt`` ("csv" is a ZIP of CSV files)."""
    if fmt not in _WRITERS:
        raise ValueError(f"unknown annex format {fmt!r}; expected one of {ANNEX_FORMATS}")
    write, extension, media_type = _WRITERS[fmt]
    return AnnexFile(
        content=write(annex_sheets(report)),
        filename=f"{report.slug}-annex.{extension}",
        media_type=media_type,
    )


def _label(value: Rating | Band | None) -> str | None:
    return None if value is None else value.label


def _flag(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _basis_rows(report: Report) -> list[tuple[Cell, ...]]:
    """What the ratings rest on (the report's first page says the same)."""
    basis = report.basis
    if basis is None:
        return []
    rows: list[tuple[Cell, ...]] = [
        ("cases inspected", basis.cases_inspected),
        ("sample size", basis.sample_size),
        ("reserve cases used", basis.reserve_used),
        ("cases withdrawn", basis.withdrawn),
        ("confidence level", basis.confidence_level),
        ("margin of error", basis.margin_of_error),
        ("cases open at the panel", basis.open_cases),
    ]
    if basis.open_cases:
        rows.append(("why the panel went ahead with cases open", basis.open_cases_reason))
    return rows


def _about(report: Report) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        ("title", report.title),
        ("unit", report.unit),
        (
            "framework",
            f"{report.framework_id}: {report.framework_title} ({report.framework_version})",
        ),
        ("published on", None if report.published_on is None else report.published_on.isoformat()),
        ("mock inspection", "yes" if report.mock else "no"),
        *_basis_rows(report),
        (
            "case identifiers",
            f"Cases are named by pseudonyms ({PSEUDONYM_PREFIX}…): a keyed hash of the case "
            "reference. The key is kept by the inspectorate; without it a pseudonym cannot be "
            "traced to its case.",
        ),
        (
            "small groups",
            f"Sub-groups of fewer than {report.suppress_below} cases are left out of the "
            "breakdowns, and key questions answered for fewer cases of a group have no "
            f"figures. In case answers, an attribute value held by fewer than "
            f"{report.suppress_below} cases is written as 'suppressed'.",
        ),
        (
            "text cells",
            "Text starting with = + - or @ is written with a leading apostrophe so that no "
            "spreadsheet program treats it as a formula.",
        ),
        ("licence", report.licence),
    ]
    return Sheet("about", "about", ("field", "value"), tuple(rows))


def _rating_rows(
    rows: Sequence[RatingRow], report: Report, indicative: bool
) -> list[tuple[Cell, ...]]:
    reasons = {d.target: d.reason for d in report.departures}
    result: list[tuple[Cell, ...]] = []
    for row in rows:
        target = "overall" if row.kind == "overall" else row.id
        result.append(
            (
                row.kind,
                row.id,
                row.name,
                None if row.kind == "domain" else row.rating_label,
                _label(row.computed_rating),
                None if row.kind == "domain" else _flag(row.departed),
                reasons.get(target) if row.departed and not indicative else None,
                row.score,
                row.max_score,
                _flag(row.fragile),
                None if row.p_rating_differs is None else round(row.p_rating_differs, 4),
                "yes" if indicative else "no",
                row.note or None,
            )
        )
    return result


def _ratings(report: Report) -> Sheet:
    rows = _rating_rows(report.ratings, report, indicative=False)
    if report.case_data is not None:
        rows += _rating_rows(report.case_data.ratings, report, indicative=True)
    header = (
        "level",
        "id",
        "name",
        "rating",
        "computed_rating",
        "departed",
        "departure_reason",
        "score",
        "max_score",
        "fragile",
        "p_rating_differs",
        "indicative",
        "note",
    )
    return Sheet("ratings", "ratings", header, tuple(rows))


def _key_question_rows(tables: Sequence[KeyQuestionTable]) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for table in tables:
        indicative = "yes" if table.indicative else "no"
        for kq in table.rows:
            rows.append(
                (
                    table.standard_id,
                    "key question",
                    kq.id,
                    kq.text,
                    kq.yes,
                    kq.no,
                    kq.not_applicable,
                    kq.percent,
                    _label(kq.band),
                    _label(kq.rating),
                    None if kq.interval is None else kq.interval[0],
                    None if kq.interval is None else kq.interval[1],
                    _flag(kq.fragile),
                    kq.next_band_needs,
                    indicative,
                )
            )
            rows.extend(
                (
                    table.standard_id,
                    "prompt",
                    p.id,
                    p.text,
                    p.yes,
                    p.no,
                    p.not_applicable,
                    p.percent,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    indicative,
                )
                for p in kq.prompts
            )
    return rows


def _key_questions(report: Report) -> Sheet:
    tables = list(report.key_questions)
    if report.case_data is not None:
        tables += report.case_data.key_questions
    header = (
        "standard",
        "level",
        "id",
        "text",
        "yes",
        "no",
        "not_applicable",
        "percent",
        "band",
        "rating",
        "interval_low",
        "interval_high",
        "fragile",
        "next_band_needs",
        "indicative",
    )
    return Sheet("key questions", "key-questions", header, tuple(_key_question_rows(tables)))


def _breakdowns(report: Report) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    for table in report.breakdowns:
        by = " × ".join(table.by)
        for group in table.groups:
            rows.extend(
                (
                    by,
                    group.label,
                    group.cases,
                    cell.key_question,
                    cell.yes,
                    cell.no,
                    cell.percent,
                    _flag(cell.suppressed),
                )
                for cell in group.cells
            )
    header = ("breakdown", "group", "cases", "key_question", "yes", "no", "percent", "suppressed")
    return Sheet("breakdowns", "breakdowns", header, tuple(rows))


def _outcomes(report: Report) -> Sheet:
    rows: list[tuple[Cell, ...]] = []
    for section in report.outcomes:
        for row in (*section.rows, *(() if section.total is None else (section.total,))):
            rows.append(
                (
                    section.standard_id,
                    row.id or "all",
                    row.text,
                    row.met,
                    row.met_through_stability,
                    row.part_met,
                    row.not_met,
                    row.not_applicable,
                    row.percent_met,
                    row.percent_part_met,
                    row.percent_not_met,
                    "baseline data, not rated (003 §4.10)",
                )
            )
    header = (
        "standard",
        "id",
        "text",
        "met",
        "met_through_stability",
        "part_met",
        "not_met",
        "not_applicable",
        "percent_met",
        "percent_part_met",
        "percent_not_met",
        "status",
    )
    return Sheet("outcomes", "outcomes", header, tuple(rows))


def _survey(report: Report) -> Sheet:
    rows: list[tuple[Cell, ...]] = [
        (q.id, q.text, ", ".join(q.prompts), r.option, r.count, r.percent)
        for q in report.survey
        for r in q.responses
    ]
    header = ("question", "text", "prompts", "response", "count", "percent")
    return Sheet("survey", "survey", header, tuple(rows))


def _case_answers(report: Report) -> Sheet:
    header = ("case", "sample", "question", "answer", *report.attribute_names)
    rows = tuple(
        (row.case, row.sample, row.question, row.answer, *row.attributes)
        for row in report.case_answers
    )
    return Sheet("case answers", "case-answers", header, rows)


def annex_sheets(report: Report) -> tuple[Sheet, ...]:
    """Every sheet of the annex, in order (see the module docstring)."""
    return (
        _about(report),
        _ratings(report),
        _key_questions(report),
        _breakdowns(report),
        _outcomes(report),
        _survey(report),
        _case_answers(report),
    )
