"""``pinspect trend``: a unit's inspections over time, read in one framework through the
crosswalks.

Reads the trend file (see :mod:`pinspect.trends.manifest`) and every inspection's files,
reporting every problem in every file before anything is rated; rates each inspection as
``pinspect rate`` does; prints the trend as tables or JSON.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pinspect.cli.frameworks_command import catalogue_for, crosswalks_for
from pinspect.cli.inspection_files import InspectionFiles, rate_files, read_inspection_files
from pinspect.cli.output import print_json, render_table
from pinspect.problems import InputError, Problem
from pinspect.settings import Settings
from pinspect.tabular_file import FileLimits
from pinspect.trends.manifest import read_trend_manifest
from pinspect.trends.series import Comparison, Direction, Point
from pinspect.trends.trend import OverallPoint, PublishedInspection, UnitTrend, unit_trend

__all__ = ["register", "render_trend", "run"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "trend",
        help="a unit's inspections over time, compared through the crosswalks",
        description="Rate each inspection listed in TREND.yaml (label, date, framework and the "
        "files of pinspect rate) and show the unit's standards' ratings, case-based key "
        "questions' percentages and overall rating across them, read in one framework (the "
        "latest inspection's, or --framework). A value under another framework is compared "
        "directly only where the crosswalk says the element asks the same; '≈' marks an "
        "approximate comparison. See docs/frameworks-over-time.md.",
    )
    parser.add_argument("manifest", metavar="TREND.yaml", type=Path)
    parser.add_argument(
        "--framework", metavar="ID", help="read the trend in this framework (default: the latest)"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    manifest = read_trend_manifest(args.manifest)
    frameworks = catalogue_for(args)
    crosswalks = crosswalks_for(args, frameworks)
    problems: list[Problem] = []
    read: list[tuple[Any, InspectionFiles]] = []
    for inspection in manifest.inspections:
        framework = frameworks.get(inspection.framework)
        if framework is None:
            problems.append(
                Problem(
                    str(args.manifest),
                    inspection.line,
                    f"{inspection.field}/framework",
                    f"unknown framework {inspection.framework!r}; known frameworks: "
                    + ", ".join(sorted(frameworks)),
                )
            )
            continue
        files = argparse.Namespace(
            cases=str(inspection.cases),
            judged=None if inspection.judged is None else str(inspection.judged),
            departures=None if inspection.departures is None else str(inspection.departures),
            aggregate=None if inspection.aggregate is None else str(inspection.aggregate),
            attributes=None,
            by=None,
        )
        try:
            limits = FileLimits.from_settings(args.settings)
            read.append(
                (inspection, read_inspection_files(files, framework, frameworks, limits=limits))
            )
        except InputError as error:
            problems.extend(error.problems)
    wanted = args.framework or manifest.framework
    if wanted is not None and wanted not in frameworks:
        problems.append(Problem(None, None, "framework", f"unknown framework {wanted!r}"))
    if problems:
        raise InputError(problems)
    settings: Settings = args.settings
    published = [
        PublishedInspection(
            label=inspection.label,
            date=inspection.date,
            result=rate_files(files, frameworks[inspection.framework], frameworks, settings),
        )
        for inspection, files in read
    ]
    trend = unit_trend(
        published,
        frameworks=frameworks,
        crosswalks=crosswalks,
        unit=manifest.unit,
        framework=wanted,
    )
    if args.format == "json":
        print_json(trend.as_dict())
    else:
        print(render_trend(trend))
    return 0


_ARROWS = {Direction.UP: "↑", Direction.DOWN: "↓", Direction.SAME: "="}


def _change(point: Point | OverallPoint) -> str:
    change = point.change
    if change is None:
        return ""
    return " " + ("≈" if change.approximate else "") + _ARROWS[change.direction]


def _rating_cell(point: Point, current_id: str) -> str:
    if point.comparison is Comparison.NONE:
        return "—"
    mark = "≈ " if point.comparison is Comparison.APPROXIMATE else ""
    parts = []
    for counterpart, rating in zip(point.counterparts, point.ratings, strict=True):
        label = "not rated" if rating is None else rating.label
        parts.append(label if counterpart.id == current_id else f"{label} ({counterpart.id})")
    return mark + "; ".join(parts) + _change(point)


def _percent_cell(point: Point, current_id: str) -> str:
    if point.comparison is Comparison.NONE:
        return "—"
    mark = "≈ " if point.comparison is Comparison.APPROXIMATE else ""
    parts = []
    for counterpart, figures in zip(point.counterparts, point.figures, strict=True):
        percent = figures.percent
        value = "no answers" if percent is None else f"{percent:.1f}%"
        parts.append(value if counterpart.id == current_id else f"{value} ({counterpart.id})")
    return mark + "; ".join(parts) + _change(point)


def render_trend(trend: UnitTrend) -> str:
    """The trend as text: the inspections, then one table each for the overall rating,
    standards and key questions, one column per inspection."""
    labels = [i.label for i in trend.inspections]
    title = f"Trend for {trend.unit}" if trend.unit else "Trend"
    parts = [
        f"{title}: {len(labels)} inspections, read in {trend.framework} ({trend.framework_title})",
        "",
        render_table(
            ["inspection", "date", "framework", "through"],
            [
                [i.label, i.date.isoformat(), i.framework, i.crosswalk or "no crosswalk"]
                for i in trend.inspections
            ],
        ),
        "",
        render_table(
            ["overall", *labels],
            [
                [
                    "Overall rating",
                    *(
                        "—"
                        if p.rating is None
                        else ("≈ " if p.comparison is Comparison.APPROXIMATE else "")
                        + f"{p.rating.label} ({p.score}/{p.max_score})"
                        + _change(p)
                        for p in trend.overall
                    ),
                ]
            ],
        ),
        "",
        render_table(
            ["standard", *labels],
            [
                [f"{s.id} {s.name}", *(_rating_cell(p, s.id) for p in s.points)]
                for s in trend.standards
            ],
        ),
    ]
    if trend.key_questions:
        parts += [
            "",
            render_table(
                ["key question", *labels],
                [[k.id, *(_percent_cell(p, k.id) for p in k.points)] for k in trend.key_questions],
            ),
        ]
    retired = [
        [f"{s.framework} {s.id} {s.name}", *(_rating_cell(p, s.id) for p in s.points)]
        for s in trend.retired_standards
    ] + [
        [f"{k.framework} {k.id}", *(_percent_cell(p, k.id) for p in k.points)]
        for k in trend.retired_key_questions
    ]
    if retired:
        parts += [
            "",
            f"No counterpart in {trend.framework}:",
            render_table(["element", *labels], retired),
        ]
    parts += [
        "",
        "≈ approximate: under another framework the element does not ask quite the same "
        "(see pinspect frameworks crosswalk); — no counterpart; ↑ ↓ = change since the last "
        "inspection with a value.",
    ]
    parts += [f"Note: {note}" for note in trend.notes]
    return "\n".join(parts)
