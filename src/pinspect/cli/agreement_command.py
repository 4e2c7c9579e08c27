"""``pinspect agreement``: how far markers agreed on the cases they both marked.

Reads long-format markings (``case,question,marker,answer``), computes the core's agreement
table (:mod:`pinspect.consistency`) and prints it as text or, through the core's one
serialiser, as JSON. Bad input exits 2 naming the file, line and field.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pinspect.cli.frameworks_command import catalogue_for
from pinspect.cli.output import print_json, render_table
from pinspect.consistency.agreement_table import AgreementTable, agreement_table
from pinspect.consistency.markings import read_markings
from pinspect.consistency.serialisation import agreement_table_json
from pinspect.problems import InputError
from pinspect.settings import Settings
from pinspect.stats.agreement import Agreement, Figure
from pinspect.tabular_file import FileLimits

__all__ = ["register", "render_agreement", "run"]

_FIGURE_NAMES = {"ac1": "AC1", "kappa": "kappa", "raw": "raw agreement", "alpha": "alpha"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "agreement",
        help="agreement between markers who marked the same cases",
        description="Read MARKINGS (CSV or XLSX; columns case, question, marker, answer with "
        "yes, no or n/a) and print, per key question and per marker pair, raw agreement, "
        "kappa (Cohen's for two markers, Fleiss' for more) and Gwet's AC1, with Krippendorff's "
        "alpha where more than two markers marked the same cases; each with a bootstrap "
        "interval. Key questions below the agreement_flag_below setting are flagged. With "
        "--framework the key questions are grouped by standard and each disagreement is rated: "
        "would the band or the standard's rating change? See docs/consistency.md.",
    )
    parser.add_argument("markings", metavar="MARKINGS.csv", type=Path)
    parser.add_argument(
        "--framework",
        metavar="ID",
        help="the framework whose case-based key questions were marked: group by standard and "
        "say whether a disagreement changes a band or a rating",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    framework = None
    if args.framework is not None:
        frameworks = catalogue_for(args)
        if args.framework not in frameworks:
            raise InputError.single(
                f"unknown framework {args.framework!r}; known frameworks: "
                + ", ".join(sorted(frameworks)),
                field="--framework",
            )
        framework = frameworks[args.framework]
    markings = read_markings(args.markings, framework, FileLimits.from_settings(args.settings))
    settings: Settings = args.settings
    table = agreement_table(markings, settings, framework)
    if args.format == "json":
        print_json(agreement_table_json(table))
    else:
        print(render_agreement(table))
    return 0


def _figure(figure: Figure | None) -> str:
    if figure is None:
        return "—"
    if figure.value is None:
        return "undefined"
    if figure.interval is None:
        return f"{figure.value:.2f} (no interval)"
    low, high = figure.interval
    return f"{figure.value:.2f} ({low:.2f} to {high:.2f})"


def _cells(agreement: Agreement, alpha: bool) -> list[str]:
    cells = [
        str(agreement.markers),
        str(agreement.cases),
        _figure(agreement.raw),
        _figure(agreement.kappa),
        _figure(agreement.ac1),
    ]
    if alpha:
        cells.append(_figure(agreement.alpha))
    return cells


def _headers(first: str, alpha: bool) -> list[str]:
    headers = [first, "markers", "cases", "raw agreement", "kappa", "AC1"]
    return [*headers, "alpha"] if alpha else headers


def _yes_no(value: bool | None) -> str:
    return "—" if value is None else ("yes" if value else "no")


def _label(value: Any) -> str:
    return "no band" if value is None else str(value.label)


def _changes(table: AgreementTable) -> list[str]:
    """One line per pair whose answers give a key question another band (001 §4.8) or a
    standard another rating (001 §4.10)."""
    lines = [
        f"- {q.question}: {_label(c.first_band)} with {c.first}'s answers, "
        f"{_label(c.second_band)} with {c.second}'s ({c.cases} cases)"
        for q in table.questions
        for c in q.bands
        if c.changes
    ]
    lines += [
        f"- {s.standard} {s.name}: {_label(c.first_rating)} with {c.first}'s answers, "
        f"{_label(c.second_rating)} with {c.second}'s"
        for s in table.standards
        for c in s.ratings
        if c.changes
    ]
    return lines


def render_agreement(table: AgreementTable) -> str:
    """The table as text: key questions (flag and, with a framework, band change), standards,
    then marker pairs, and a note on each undefined figure."""
    alpha = table.multi_marker
    level = f"{table.confidence_level:.0%}"
    rows = []
    for q in table.questions:
        row = [q.question, *_cells(q.agreement, alpha), "FLAG" if q.flagged else ""]
        if table.framework is not None:
            row.append(_yes_no(q.band_changes))
        rows.append(row)
    headers = [*_headers("key question", alpha), "flag"]
    if table.framework is not None:
        headers.append("band changes")
    parts = [
        f"Agreement of {len(table.markers)} markers ({', '.join(table.markers)}) on "
        f"{len(table.questions)} questions; intervals at {level} by bootstrap over cases "
        f"({table.draws} resamples, seed {table.seed}); kappa is "
        + (
            "Fleiss' where more than two markers marked a question, else Cohen's."
            if alpha
            else "Cohen's."
        ),
        "",
        render_table(headers, rows),
    ]
    if table.standards:
        parts += [
            "",
            render_table(
                [*_headers("standard", alpha), "flag", "rating changes"],
                [
                    [
                        f"{s.standard} {s.name}",
                        *_cells(s.agreement, alpha),
                        "FLAG" if s.flagged else "",
                        _yes_no(s.rating_changes),
                    ]
                    for s in table.standards
                ],
            ),
        ]
    if table.pairs:
        parts += [
            "",
            render_table(
                _headers("marker pair", False),
                [[f"{p.first} and {p.second}", *_cells(p.agreement, False)] for p in table.pairs],
            ),
        ]
    changes = _changes(table)
    if changes:
        parts += ["", "Disagreements that change a band or a rating:", *changes]
    figure = _FIGURE_NAMES[table.flag_figure]
    parts += [
        "",
        f"FLAG: {figure} below {table.flag_below:g} (settings agreement_flag_figure, "
        "agreement_flag_below).",
    ]
    reasons: dict[str, list[str]] = {}
    for q in table.questions:
        for name, f in (("kappa", q.agreement.kappa), ("alpha", q.agreement.alpha)):
            if f is not None and f.value is None and f.reason:
                reasons.setdefault(f"{name} {f.reason}", []).append(q.question)
    parts += [f"Note: {text} ({', '.join(where)})." for text, where in reasons.items()]
    return "\n".join(parts)
