"""``pinspect rate``: rate an inspection from its case answers and judged ratings.

Reads the input files (every problem in every file is reported before anything is rated),
calls :func:`pinspect.ratings.inspection.rate_inspection` and prints a table or JSON.
"""

from __future__ import annotations

import argparse
from typing import Any

from pinspect.cli.inspection_files import (
    add_inspection_arguments,
    catalogue_from,
    rate_files,
    read_inspection_files,
)
from pinspect.cli.output import print_json, render_table
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.serialisation import inspection_json
from pinspect.tabular_file import FileLimits

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rate",
        help="rate an inspection from case answers and judged ratings",
        description="Rate every standard of an inspection and the overall rating "
        "(seed 001 §4; see docs/ratings.md).",
    )
    add_inspection_arguments(
        parser, by_help="break key questions down by these attributes (and pairs)"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    catalogue = catalogue_from(args)
    framework = catalogue.get_framework(args.framework)
    files = read_inspection_files(
        args, framework, catalogue, limits=FileLimits.from_settings(args.settings)
    )
    result = rate_files(files, framework, catalogue, args.settings)
    if args.format == "json":
        print_json(inspection_json(result))
    else:
        print(render_result(result))
    return 0


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{value:.1f}%"


def _interval(value: tuple[float, float] | None) -> str | None:
    return None if value is None else f"{value[0]:.1f}–{value[1]:.1f}%"


def _fragile(p: float | None, fragile: bool | None) -> str | None:
    if p is None:
        return None
    return f"{p:.2f}" + (" FRAGILE" if fragile else "")


def render_result(result: InspectionResult) -> str:
    """The result as readable text: standards, key questions, then the overall rating."""
    standards = [
        (
            s.id,
            s.name,
            s.rated_by.value,
            None if s.rating is None else s.rating.label,
            s.score,
            _fragile(s.p_rating_differs, s.fragile),
            ("departed from " + (s.computed_rating.label if s.computed_rating else "—"))
            if s.departure
            else (s.reason if s.rating is None else None),
        )
        for s in result.standards
    ]
    parts = [
        f"Framework {result.framework}",
        "",
        render_table(
            ("standard", "name", "rated by", "rating", "score", "p(differs)", "note"), standards
        ),
    ]
    all_standards = list(result.standards)
    if result.case_data is not None:
        all_standards += list(result.case_data.standards)
    kq_rows: list[tuple[object, ...]] = []
    for s in all_standards:
        for kq in s.key_questions:
            if kq.outcomes is not None:
                o = kq.outcomes
                kq_rows.append(
                    (
                        kq.id,
                        None,
                        None,
                        kq.not_applicable,
                        None,
                        f"met {o.met}"
                        + (
                            f" (through stability {o.met_through_stability})"
                            if o.met_through_stability
                            else ""
                        )
                        + f" / part met {o.part_met} / not met {o.not_met}",
                        None,
                        None,
                        None,
                    )
                )
            elif kq.band is not None or (s.rated_by.value == "cases" and kq.aggregate is None):
                kq_rows.append(
                    (
                        kq.id,
                        kq.yes,
                        kq.no,
                        kq.not_applicable,
                        _percent(kq.percent),
                        None if kq.band is None else kq.band.label,
                        _interval(kq.interval),
                        kq.next_band_needs,
                        "FRAGILE" if s.fragile and kq.rating == s.computed_rating else None,
                    )
                )
            elif kq.aggregate is not None:
                rating = kq.aggregate.rating
                kq_rows.append(
                    (
                        kq.id,
                        None,
                        None,
                        None,
                        None,
                        f"aggregated ({kq.aggregate.rule}) of {len(kq.aggregate.ratings)}: "
                        + (rating.label if rating else "none supplied"),
                        None,
                        None,
                        None,
                    )
                )
    if kq_rows:
        parts += [
            "",
            "Key questions",
            render_table(
                (
                    "key question",
                    "yes",
                    "no",
                    "n/a",
                    "percent",
                    "band",
                    "interval",
                    "next band needs",
                    "fragile",
                ),
                kq_rows,
            ),
        ]
    if result.case_data is not None:
        parts += ["", "Case data (indicative only): " + result.case_data.note]
    parts.append("")
    overall = result.overall
    if overall is None:
        parts.append(f"Overall: not rated — {result.overall_reason}")
    else:
        line = (
            f"Overall: {overall.rating.label} (score {overall.score} of {overall.max_score}, "
            f"{overall.banding.value} banding"
        )
        if overall.p_rating_differs is not None:
            line += f", p(differs) {overall.p_rating_differs:.2f}"
            line += " FRAGILE" if overall.fragile else ""
        line += ")"
        if overall.departure is not None:
            line += f"; departed from {overall.computed_rating.label}: {overall.departure.reason}"
        parts.append(line)
    return "\n".join(parts)
