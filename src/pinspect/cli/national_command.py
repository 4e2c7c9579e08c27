"""``pinspect national``: rate many inspections from one answers file and pool their figures.

Reads the long-format answers file (CSV or Parquet) and the inspections file (every problem
in both reported before anything is rated), rates each framework's inspections together
(:func:`pinspect.ratings.inspection.rate_inspections`, broken down by every case attribute
and every pair of them), and pools the case-based figures by nation, region and sub-group
(:func:`pinspect.ratings.national.national_picture`). Prints every inspection's ratings and
the pooled tables, or all of it as JSON.
"""

from __future__ import annotations

import argparse
from typing import Any

from pinspect.cli.inspection_files import catalogue_from
from pinspect.cli.output import print_json, render_table
from pinspect.problems import InputError, Problem
from pinspect.ratings.inspection import rate_inspections
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.national import (
    DataSet,
    NationalPicture,
    RatedFramework,
    national_picture,
)
from pinspect.ratings.national_inputs import read_national_answers, read_national_inspections
from pinspect.ratings.serialisation import inspection_json
from pinspect.settings import Settings
from pinspect.tabular_file import FileLimits

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "national",
        help="rate many inspections from one answers file; pool figures by region and sub-group",
        description="Rate every inspection of a long-format answers file and pool the "
        "case-based figures by nation, region and sub-group, small cells suppressed "
        "(seed 001 §5.9, 003 §3.5; see docs/ratings.md).",
    )
    parser.add_argument(
        "answers",
        metavar="ANSWERS",
        help="answers: inspection,case_id,question,answer,<attribute>,… (.csv, .xlsx or .parquet)",
    )
    parser.add_argument(
        "--inspections",
        required=True,
        metavar="INSPECTIONS",
        help="inspections: inspection,framework,region (.csv or .xlsx)",
    )
    parser.add_argument(
        "--by",
        metavar="ATTR[,ATTR]",
        help="the attributes to break down by (default: every attribute column)",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalogue = catalogue_from(args)
    settings: Settings = args.settings
    limits = FileLimits.from_settings(settings)
    inspections = read_national_inspections(args.inspections, catalogue, limits)
    answers = read_national_answers(args.answers, inspections, limits)
    by = list(answers.attributes)
    if args.by:
        wanted = [name.strip().lower() for name in args.by.split(",") if name.strip()]
        missing = [name for name in wanted if name not in answers.attributes]
        if missing:
            raise InputError(
                Problem(args.answers, 1, "--by", f"no attribute column {name!r}")
                for name in missing
            )
        by = wanted
    problems: list[Problem] = []
    rated: list[RatedFramework] = []
    for framework_id, table in answers.tables.items():
        framework = catalogue[framework_id]
        try:
            results = rate_inspections(
                framework, table, catalogue=catalogue, settings=settings, by=by
            )
        except InputError as error:
            problems.extend(error.problems)
            continue
        rated.append(RatedFramework(framework, results, inspections.regions))
    if problems:
        raise InputError(problems)
    picture = national_picture(rated, settings=settings, catalogue_frameworks=catalogue)
    if args.format == "json":
        print_json(
            {
                "inspections": [
                    {**inspection_json(result), "region": inspections.regions[result.inspection]}
                    for item in rated
                    for result in item.results
                ],
                "national": picture.as_dict(),
            }
        )
    else:
        print(render_national(rated, picture, inspections.regions))
    return 0


def _rating(result: InspectionResult, standard_id: str) -> str | None:
    rating = result.standard(standard_id).rating
    return None if rating is None else rating.label


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}%"


def _interval(value: tuple[float, float] | None) -> str | None:
    return None if value is None else f"{value[0]:.1f}–{value[1]:.1f}%"


def _group(group: tuple[tuple[str, str | None], ...]) -> str:
    if not group:
        return "all cases"
    return ", ".join(f"{name} {value or 'not recorded'}" for name, value in group)


def _data_set_table(data_set: DataSet) -> str:
    rows = [
        (
            f.scope,
            _group(f.group),
            f.key_question,
            f.cases,
            f.yes,
            f.no,
            f.not_applicable,
            "suppressed" if f.suppressed else _percent(f.percent),
            _interval(f.interval),
        )
        for f in data_set.figures
    ]
    return render_table(
        ("scope", "group", "key question", "cases", "yes", "no", "n/a", "percent", "interval"),
        rows,
    )


def render_national(
    rated: list[RatedFramework], picture: NationalPicture, regions: dict[str, str | None]
) -> str:
    """Each framework's inspections with their standards' ratings, then each data set's
    pooled figures."""
    parts: list[str] = []
    for item in rated:
        standards = [s.id for s in item.framework.standards if s.scored]
        rows = [
            (
                result.inspection,
                regions.get(result.inspection) or "—",
                *(_rating(result, s) for s in standards),
                None if result.overall is None else result.overall.rating.label,
            )
            for result in item.results
        ]
        parts += [
            f"Framework {item.framework.id}: {len(rows)} inspections",
            render_table(("inspection", "region", *standards, "overall"), rows),
            "",
        ]
    for data_set in picture.data_sets:
        title = f"Pooled figures, {data_set.framework}"
        if data_set.indicative:
            title += " (national inspection's cases, indicative)"
        parts += [
            title,
            data_set.note,
            f"Groups with fewer than {picture.suppress_below} applicable cases are suppressed, "
            "and so are the cells that would let them be worked out.",
            _data_set_table(data_set),
            "",
        ]
    return "\n".join(parts).rstrip()
