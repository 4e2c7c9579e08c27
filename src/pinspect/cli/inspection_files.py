"""The files an inspection is rated from, shared by ``pinspect rate`` and ``pinspect report``.

:func:`add_inspection_arguments` declares the options (``--framework``, ``--cases``,
``--judged``, ``--attributes``, ``--by``, ``--departures``, ``--aggregate``);
:func:`read_inspection_files` reads every file given and reports every problem in every file
together (file, line, field and value) before anything is rated; :func:`rate_files` rates them.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pinspect.frameworks.applicability import FLAG_COLUMNS
from pinspect.frameworks.catalogue import Catalogue, directories_from_environment, load_catalogue
from pinspect.frameworks.model import Framework
from pinspect.problems import InputError, Problem
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.case_kinds import applicability_warning
from pinspect.ratings.departure import Departure
from pinspect.ratings.inputs import (
    read_aggregate_ratings,
    read_case_answers,
    read_case_attributes,
    read_departures,
    read_judged_ratings,
    with_attributes,
)
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.view import answer_view
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from pinspect.tabular_file import FileLimits

__all__ = [
    "InspectionFiles",
    "add_inspection_arguments",
    "catalogue_from",
    "rate_files",
    "read_inspection_files",
]


def add_inspection_arguments(parser: Any, *, by_help: str) -> None:
    """The input options of a command that rates an inspection."""
    parser.add_argument("--framework", required=True, metavar="ID", help="framework id")
    parser.add_argument(
        "--cases",
        required=True,
        metavar="CASES",
        help="case answers: case_id,question,answer (.csv or .xlsx)",
    )
    parser.add_argument("--judged", metavar="JUDGED", help="judged ratings: standard,rating")
    parser.add_argument(
        "--attributes",
        metavar="ATTRS",
        help="case attributes: case_id,<attribute>,… (case_type, unpaid_work_only and "
        "no_rehabilitative_requirements say which prompts apply to each case)",
    )
    parser.add_argument("--by", metavar="ATTR[,ATTR]", help=by_help)
    parser.add_argument(
        "--departures", metavar="DEPARTURES", help="departures: target,rating,reason"
    )
    parser.add_argument("--aggregate", metavar="AGG", help="aggregated ratings: inspection,rating")


def catalogue_from(args: argparse.Namespace) -> Catalogue:
    """The bundled frameworks plus those of ``--frameworks-dir`` and PINSPECT_FRAMEWORKS_DIR."""
    extra = [Path(d) for d in getattr(args, "frameworks_dir", []) or []]
    return load_catalogue([*extra, *directories_from_environment()])


@dataclass(frozen=True)
class InspectionFiles:
    """Everything read from the input files, checked against the framework."""

    table: AnswerTable
    judged: dict[str, Rating]
    departures: list[Departure]
    aggregate: list[Rating]
    by: list[str]


def read_inspection_files(
    args: argparse.Namespace,
    framework: Framework,
    catalogue: Catalogue,
    *,
    by_default_all: bool = False,
    limits: FileLimits | None = None,
) -> InspectionFiles:
    """Read the files named by the options; one InputError with every problem found.

    Without ``--by``, no breakdown is made, or with ``by_default_all`` every attribute column
    of ``--attributes`` is broken down (each alone and every pair). ``limits`` caps each file
    (the installation's settings; see :class:`pinspect.tabular_file.FileLimits`).
    """
    problems: list[Problem] = []
    table: AnswerTable | None = None
    judged: dict[str, Rating] = {}
    departures: list[Departure] = []
    aggregate: list[Rating] = []
    attributes: dict[str, dict[str, str]] = {}
    by = [name.strip().lower() for name in (args.by or "").split(",") if name.strip()]
    try:
        table = read_case_answers(args.cases, framework, catalogue, limits)
    except InputError as error:
        problems.extend(error.problems)
    if args.judged:
        try:
            judged = read_judged_ratings(args.judged, framework, catalogue, limits)
        except InputError as error:
            problems.extend(error.problems)
    if args.departures:
        try:
            departures = read_departures(args.departures, framework, catalogue, limits)
        except InputError as error:
            problems.extend(error.problems)
    if args.aggregate:
        try:
            aggregate = read_aggregate_ratings(args.aggregate, framework, limits)
        except InputError as error:
            problems.extend(error.problems)
    if args.attributes and table is not None:
        try:
            attributes = read_case_attributes(args.attributes, table.cases, limits)
        except InputError as error:
            problems.extend(error.problems)
        else:
            problems.extend(
                Problem(args.attributes, 1, "--by", f"no attribute column {name!r}")
                for name in by
                if name not in attributes
            )
            if not by and by_default_all:
                # The yes/no case-kind flags say which prompts apply; they are no sub-group.
                by = [name for name in attributes if name not in FLAG_COLUMNS]
    elif by and not args.attributes:
        problems.append(Problem(None, None, "--by", "--by needs --attributes"))
    if problems or table is None:
        raise InputError(problems)
    if attributes:
        table = with_attributes(table, attributes)
    return InspectionFiles(
        table=table, judged=judged, departures=departures, aggregate=aggregate, by=by
    )


def rate_files(
    files: InspectionFiles, framework: Framework, catalogue: Catalogue, settings: Settings
) -> InspectionResult:
    """Rate the inspection read by :func:`read_inspection_files`, first warning on stderr when
    applicability (003 Annexe A §3) cannot be checked because the cases carry no case type."""
    warning = applicability_warning(answer_view(framework, catalogue), files.table, catalogue)
    if warning is not None:
        print(f"pinspect: warning: {warning}", file=sys.stderr)
    return rate_inspection(
        framework,
        files.table,
        catalogue=catalogue,
        settings=settings,
        judged=files.judged,
        departures=files.departures,
        aggregate=files.aggregate,
        by=files.by,
    )
