"""``pinspect report``: the inspection report from files, as PDF, HTML or a data annex.

Reads the same files as ``pinspect rate`` (every problem in every file reported together,
exit status 2), rates the inspection, builds the report and writes it in the format the
``--out`` suffix names. The file is written next to its destination and moved into place
only when complete. Without ``--pseudonym-key-file`` the pseudonym key is random for each
run, so the case pseudonyms in an annex then differ from one run to the next.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

from pinspect.cli.inspection_files import (
    add_inspection_arguments,
    catalogue_from,
    rate_files,
    read_inspection_files,
)
from pinspect.frameworks.model import Framework
from pinspect.problems import InputError, Problem
from pinspect.report import ReportInputs, annex, build_report, render_html, render_pdf
from pinspect.report.data_annex import AnnexFormat
from pinspect.report.inputs import Recommendation
from pinspect.report.recommendation_file import read_recommendations
from pinspect.settings import Settings
from pinspect.tabular_file import FileLimits

__all__ = ["OUTPUT_TYPES", "register", "run"]

OUTPUT_TYPES = (".pdf", ".html", ".xlsx", ".ods", ".csv")

_ANNEX_FORMAT: dict[str, AnnexFormat] = {".csv": "csv", ".xlsx": "xlsx", ".ods": "ods"}

_UNIT_NAMES = {
    "crc": "the CRC",
    "nps-division": "the NPS division",
    "pdu": "the PDU",
    "region": "the region",
    "nation": "England and Wales",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the inspection report (PDF or HTML) or its data annex (XLSX, ODS, CSV)",
        description="Rate an inspection from files and write its report: the ratings table, "
        "key questions with charts, departures, diversity breakdowns, people on probation, "
        "outcomes and recommendations (see docs/reports.md). The format follows the --out "
        "suffix: .pdf, .html, or the data annex as .xlsx, .ods or .csv (a ZIP of one CSV per "
        "sheet). Case identifiers in the annex are pseudonymised.",
    )
    add_inspection_arguments(
        parser,
        by_help="break key questions down by these attributes (and pairs); "
        "default: every column of --attributes",
    )
    parser.add_argument(
        "--recommendations", metavar="RECS", help="recommendations: addressed_to,text"
    )
    parser.add_argument("--title", default="Inspection report", help="the report's title")
    parser.add_argument(
        "--unit", metavar="U", help="the inspected unit's name (default: from the framework)"
    )
    parser.add_argument(
        "--pseudonym-key-file",
        metavar="F",
        help="secret key for case pseudonyms (default: a random key per run, so pseudonyms "
        "differ between runs)",
    )
    parser.add_argument(
        "--out", required=True, metavar="OUT", help="output file: .pdf, .html, .xlsx, .ods, .csv"
    )
    parser.set_defaults(func=run)


def _out_problems(out: Path) -> list[Problem]:
    if out.suffix.lower() not in OUTPUT_TYPES:
        return [
            Problem(
                str(out),
                None,
                "--out",
                f"unknown output type '{out.suffix or '(none)'}'; expected one of "
                + ", ".join(OUTPUT_TYPES),
            )
        ]
    if not out.parent.is_dir():
        return [Problem(str(out), None, "--out", "no such directory")]
    return []


def _read_key(path: str | None, problems: list[Problem]) -> bytes:
    """The key file's bytes, surrounding whitespace removed; a random key without a file."""
    if path is None:
        return secrets.token_bytes(32)
    try:
        key = Path(path).read_bytes().strip()
    except OSError as error:
        problems.append(Problem(path, None, "--pseudonym-key-file", f"cannot read: {error}"))
        return b""
    if not key:
        problems.append(Problem(path, None, "--pseudonym-key-file", "the key file is empty"))
    return key


def _unit(args: argparse.Namespace, framework: Framework) -> str:
    if args.unit:
        return str(args.unit)
    return _UNIT_NAMES.get(framework.unit, f"the {framework.unit}")


def _content(report_inputs: ReportInputs, suffix: str, settings: Settings) -> bytes:
    report = build_report(report_inputs, settings=settings)
    if suffix == ".pdf":
        return render_pdf(report)
    if suffix == ".html":
        return render_html(report).encode("utf-8")
    return annex(report, _ANNEX_FORMAT[suffix]).content


def _write(out: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=".pinspect-", suffix=out.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def run(args: argparse.Namespace) -> int:
    catalogue = catalogue_from(args)
    framework = catalogue.get_framework(args.framework)
    out = Path(args.out)
    problems = _out_problems(out)
    key = _read_key(args.pseudonym_key_file, problems)
    recommendations: tuple[Recommendation, ...] = ()
    if args.recommendations:
        try:
            recommendations = read_recommendations(
                args.recommendations, FileLimits.from_settings(args.settings)
            )
        except InputError as error:
            problems.extend(error.problems)
    try:
        files = read_inspection_files(
            args,
            framework,
            catalogue,
            by_default_all=True,
            limits=FileLimits.from_settings(args.settings),
        )
    except InputError as error:
        raise InputError([*problems, *error.problems]) from None
    if problems:
        raise InputError(problems)
    settings: Settings = args.settings
    result = rate_files(files, framework, catalogue, settings)
    report_inputs = ReportInputs(
        framework=framework,
        result=result,
        answers=files.table,
        title=args.title,
        unit=_unit(args, framework),
        pseudonym_key=key,
        recommendations=recommendations,
        catalogue=catalogue,
    )
    content = _content(report_inputs, out.suffix.lower(), settings)
    _write(out, content)
    print(f"pinspect: wrote {out}", file=sys.stderr)
    return 0
