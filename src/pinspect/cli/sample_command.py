"""``pinspect sample``: draw a stratified random case sample and its reserve from a long list.

Output never includes case content beyond the identifying columns of the drawn cases
(CRN, stratum, area, team, practitioner); exclusions are listed by line and reason only.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from datetime import date
from pathlib import Path
from typing import Any

from pinspect.cli.output import print_json, render_table
from pinspect.problems import InputError
from pinspect.sampling import (
    REQUIRED_COLUMNS,
    Analysis,
    Eligibility,
    InspectionWindow,
    LongList,
    Sample,
    Selection,
    Stratification,
    breakdown,
    check_sample_path,
    load_column_mapping,
    read_long_list,
    select_sample,
    write_sample,
)
from pinspect.sampling.mapping import normalise_column
from pinspect.sampling.serialisation import (
    analysis_row_json,
    breakdown_row_json,
    drawn_case_json,
    stratum_json,
)
from pinspect.settings import Settings
from pinspect.tabular_file import FileLimits

__all__ = ["register", "run"]

_LINES_SHOWN = 10


def register(subparsers: Any) -> None:
    defaults = Settings()
    parser = subparsers.add_parser(
        "sample",
        help="draw a stratified random case sample and a ranked reserve from a long list",
        description=(
            "Draw a case sample from a long list (CSV or XLSX), sized for a confidence level "
            "(seed 001 §4.12: 80%%) or given, stratified, at most N cases per practitioner, "
            "with a ranked reserve. The same long list, options and --seed give the same "
            "sample."
        ),
    )
    parser.add_argument("longlist", type=Path, metavar="LONGLIST", help="a .csv or .xlsx file")
    parser.add_argument("--size", type=int, help="the sample size (instead of sizing it)")
    parser.add_argument(
        "--confidence",
        type=float,
        help=f"confidence level for sizing (default {defaults.confidence_level})",
    )
    parser.add_argument(
        "--margin",
        type=float,
        help=f"margin of error for sizing (default {defaults.margin_of_error})",
    )
    parser.add_argument(
        "--strata",
        default="default",
        metavar="default|COL,…",
        help="the inspectorate's strata (default) or long-list columns to stratify by",
    )
    parser.add_argument(
        "--max-per-practitioner",
        type=int,
        metavar="N",
        help=f"at most N cases per practitioner (default {defaults.max_per_practitioner})",
    )
    parser.add_argument(
        "--reserve",
        type=int,
        metavar="PERCENT",
        help=f"reserve list size, %% of the sample (default {defaults.reserve_percent})",
    )
    parser.add_argument("--seed", type=int, help="random seed (one is chosen and printed if not)")
    parser.add_argument(
        "--window", metavar="FROM:TO", help="inspection window, ISO dates, either end open"
    )
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="reference date (default today)")
    parser.add_argument("--mapping", type=Path, metavar="MAP.yaml", help="column renames")
    parser.add_argument(
        "--sample",
        default="supervision",
        metavar="NAME",
        help="which sample (supervision, court reports, unpaid work, …); default supervision",
    )
    parser.add_argument("--out", type=Path, metavar="SAMPLE.csv|.xlsx", help="write drawn cases")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument(
        "--breakdown", metavar="COL,…", default="", help="also compare these columns' mix"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    parser.set_defaults(func=run)


def _settings(args: argparse.Namespace) -> Settings:
    base: Settings = args.settings
    changes: dict[str, Any] = {}
    for option, name in (
        ("confidence", "confidence_level"),
        ("margin", "margin_of_error"),
        ("max_per_practitioner", "max_per_practitioner"),
        ("reserve", "reserve_percent"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[name] = value
    try:
        return base.with_changes(**changes)
    except ValueError as error:
        raise InputError.single(str(error), field="options") from None


def _today(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError.single("not a date (YYYY-MM-DD)", field="--today") from None


def run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.size is not None and (args.confidence is not None or args.margin is not None):
        raise InputError.single("give --size or --confidence/--margin, not both", field="--size")
    today = _today(args.today)
    window = InspectionWindow.parse(args.window) if args.window else None
    stratification = Stratification.parse(args.strata)
    breakdowns = [normalise_column(c) for c in args.breakdown.split(",") if c.strip()]
    if args.out is not None:
        check_sample_path(args.out)
    mapping = load_column_mapping(args.mapping) if args.mapping is not None else None
    progress = sys.stderr.isatty() if args.progress is None else bool(args.progress)
    required = dict.fromkeys([*REQUIRED_COLUMNS, *stratification.required_columns, *breakdowns])
    full_list = read_long_list(
        args.longlist,
        mapping=mapping,
        required_columns=tuple(required),
        progress=progress,
        limits=FileLimits.from_settings(settings),
    )
    seed = args.seed
    if seed is None:
        seed = secrets.randbelow(2**31)
        print(
            f"pinspect: seed {seed} (pass --seed {seed} to draw this sample again)", file=sys.stderr
        )
    selection = select_sample(
        full_list,
        stratification=stratification,
        sample_name=args.sample,
        today=today,
        window=window,
        size=args.size,
        seed=seed,
        settings=settings,
        size_field="--size",
    )
    long_list, other_samples = selection.long_list, selection.other_samples
    eligibility, sample, analysis = selection.eligibility, selection.sample, selection.analysis
    if args.out is not None:
        write_sample(args.out, long_list, sample)
    report = _report(
        args,
        settings=settings,
        long_list=long_list,
        eligibility=eligibility,
        sample=sample,
        analysis=analysis,
        breakdowns=breakdowns,
    )
    report["other_samples"] = other_samples
    if args.format == "json":
        print_json(report)
    else:
        print(_table(selection, settings, size_given=args.size is not None))
    return 0


def _report(
    args: argparse.Namespace,
    *,
    settings: Settings,
    long_list: LongList,
    eligibility: Eligibility,
    sample: Sample,
    analysis: Analysis,
    breakdowns: list[str],
) -> dict[str, Any]:
    return {
        "sample": sample.name,
        "seed": sample.seed,
        "size": sample.size,
        "sized_by": "given" if args.size is not None else "confidence",
        "confidence": settings.confidence_level,
        "margin": settings.margin_of_error,
        "strata_by": args.strata,
        "max_per_practitioner": settings.max_per_practitioner,
        "reserve_percent": settings.reserve_percent,
        "population": len(long_list.cases),
        "eligible": len(eligibility.eligible),
        "excluded": eligibility.counts(),
        "exclusions": [
            {"line": e.case.line, "reason": e.reason.value, "field": e.field}
            for e in eligibility.exclusions
        ],
        "strata": [stratum_json(s) for s in sample.strata],
        "cases": [drawn_case_json(d) for d in sample.cases],
        "shortfall": sample.shortfall,
        "reserve_shortfall": sample.reserve_shortfall,
        "analysis": {
            "strata": [analysis_row_json(r) for r in analysis.strata],
            "areas": [analysis_row_json(r) for r in analysis.areas],
            "teams": [analysis_row_json(r) for r in analysis.teams],
            "breakdowns": {
                column: [
                    breakdown_row_json(row)
                    for row in breakdown(long_list, eligibility, sample, column)
                ]
                for column in breakdowns
            },
        },
    }


def _table(selection: Selection, settings: Settings, *, size_given: bool) -> str:
    """The drawn sample as readable text, from the core's typed results."""
    long_list, eligibility = selection.long_list, selection.eligibility
    sample, analysis = selection.sample, selection.analysis
    sized = (
        "size given"
        if size_given
        else f"{settings.confidence_level:.0%} confidence, "
        f"{settings.margin_of_error:.0%} margin of error"
    )
    reserve = sum(1 for d in sample.cases if d.reserve_rank is not None)
    parts = [
        f"sample: {sample.name}    seed: {sample.seed}",
        f"long list: {len(long_list.cases)} cases, {len(eligibility.eligible)} eligible",
        f"size: {sample.size} ({sized}); reserve: {reserve} "
        f"({settings.reserve_percent}%); at most {settings.max_per_practitioner} "
        "per practitioner",
        f"shortfall: {sample.shortfall} (reserve {sample.reserve_shortfall})",
        "",
        "Excluded",
    ]
    lines: dict[str, list[str]] = {}
    exclusions = eligibility.exclusions
    for why, line in zip(exclusions.reasons(), exclusions.lines(), strict=True):
        lines.setdefault(why.value, []).append(str(line))
    rows = []
    for reason, count in eligibility.counts().items():
        shown = lines.get(reason, [])[:_LINES_SHOWN]
        more = " …" if count > _LINES_SHOWN else ""
        rows.append([reason, count, ", ".join(shown) + more])
    parts += [render_table(["reason", "count", "lines"], rows), "", "Strata"]
    parts.append(
        render_table(
            ["stratum", "population", "quota", "drawn", "original %", "achieved %", "reserve"],
            [
                [
                    r.name,
                    r.population,
                    r.quota,
                    r.drawn,
                    r.original_percent,
                    r.achieved_percent,
                    s.reserve_drawn,
                ]
                for r, s in zip(analysis.strata, sample.strata, strict=True)
            ],
        )
    )
    parts += ["", "Areas"]
    parts.append(
        render_table(
            [
                "stratum",
                "area",
                "population",
                "exact",
                "quota",
                "drawn",
                "original %",
                "achieved %",
            ],
            [
                [
                    r.stratum,
                    r.area,
                    r.population,
                    r.exact_quota,
                    r.quota,
                    r.drawn,
                    r.original_percent,
                    r.achieved_percent,
                ]
                for r in analysis.areas
            ],
        )
    )
    parts += ["", "Cases (sample, then reserve by rank)"]
    parts.append(
        render_table(
            ["crn", "stratum", "area", "team", "practitioner", "reserve"],
            [
                [
                    d.case.crn,
                    d.stratum,
                    d.case.area,
                    d.case.team,
                    d.case.practitioner,
                    d.reserve_rank or "",
                ]
                for d in sample.cases
            ],
        )
    )
    return "\n".join(parts)
