"""``pinspect frameworks list|show|diff|validate|schema``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from pinspect.cli.output import print_json, render_table
from pinspect.frameworks.catalogue import (
    Catalogue,
    directories_from_environment,
    load_catalogue,
)
from pinspect.frameworks.diff import diff_frameworks
from pinspect.frameworks.export import framework_as_dict, framework_as_markdown, framework_summary
from pinspect.frameworks.loader import VariantDocument, framework_schema, read_framework_document
from pinspect.frameworks.model import Framework
from pinspect.frameworks.variant import resolve_variant
from pinspect.problems import InputError

__all__ = ["catalogue_for", "register"]


def catalogue_for(args: argparse.Namespace) -> Catalogue:
    """The bundled frameworks plus the user's (``--frameworks-dir`` and the environment)."""
    extra = [Path(d) for d in getattr(args, "frameworks_dir", [])] + directories_from_environment()
    return load_catalogue(extra)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("frameworks", help="list, show, compare and validate frameworks")
    commands = parser.add_subparsers(dest="frameworks_command", required=True, metavar="ACTION")

    listing = commands.add_parser("list", help="the frameworks available")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(func=_list)

    show = commands.add_parser("show", help="one framework in full")
    show.add_argument("id")
    show.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    show.set_defaults(func=_show)

    diff = commands.add_parser("diff", help="what changed from framework A to framework B")
    diff.add_argument("old", metavar="A")
    diff.add_argument("new", metavar="B")
    diff.add_argument("--format", choices=("table", "json"), default="table")
    diff.add_argument(
        "--min-similarity",
        type=float,
        default=0.6,
        help="pair a removed and an added element as 'reworded' at or above this similarity",
    )
    diff.set_defaults(func=_diff)

    validate = commands.add_parser(
        "validate", help="check a framework file, reporting every problem"
    )
    validate.add_argument("file", type=Path)
    validate.set_defaults(func=_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of framework files")
    schema.set_defaults(func=_schema)


def _list(args: argparse.Namespace) -> int:
    rows = [framework_summary(f) for f in catalogue_for(args).values()]
    if args.format == "json":
        print_json(rows)
        return 0
    headers = [
        "id",
        "unit",
        "standards",
        "scored",
        "key questions",
        "prompts",
        "banding",
        "extends",
        "title",
    ]
    table = [
        [
            r["id"],
            r["unit"],
            r["standards"],
            r["scored_standards"],
            r["key_questions"],
            r["prompts"],
            r["banding"],
            None if r["extends"] is None else r["extends"]["framework"],
            r["title"],
        ]
        for r in rows
    ]
    print(render_table(headers, table))
    return 0


def _show(args: argparse.Namespace) -> int:
    framework = catalogue_for(args).get_framework(args.id)
    if args.format == "json":
        print_json(framework_as_dict(framework))
    elif args.format == "markdown":
        sys.stdout.write(framework_as_markdown(framework))
    else:
        print(_show_table(framework))
    return 0


def _show_table(framework: Framework) -> str:
    lines = [
        f"{framework.id}: {framework.title} ({framework.version})",
        f"source: {framework.source}",
    ]
    if framework.banding.bands:
        bands = ", ".join(
            f"{b.min_score}–{b.max_score} {b.rating.label}" for b in framework.banding.bands
        )
        lines.append(f"overall banding ({framework.banding.kind.value}): {bands}")
    if framework.variant_of is not None:
        variant = framework.variant_of
        lines.append("")
        lines.append(f"a variant of {variant.framework} ({variant.version})")
        lines.append(f"following: {variant.source}")
        lines.append("changes:")
        lines.extend(f"  - {change}" for change in variant.changes)
    rows: list[list[object]] = []
    for standard in framework.standards:
        rows.append(
            [
                standard.id,
                standard.name,
                standard.rated_by.value,
                standard.sample.value if standard.sample else None,
                "yes" if standard.scored else "no",
                len(standard.key_questions),
            ]
        )
    lines.append("")
    lines.append(
        render_table(["standard", "name", "rated by", "sample", "scored", "key questions"], rows)
    )
    for standard in framework.standards:
        lines.append("")
        lines.append(f"{standard.id} {standard.name}")
        for kq in standard.key_questions:
            lines.append(f"  {kq.id} {kq.text}")
            for prompt in kq.prompts:
                marker = f" {prompt.marker}" if prompt.marker else ""
                lines.append(f"    {prompt.id} {prompt.text}{marker}")
    return "\n".join(lines)


def _diff(args: argparse.Namespace) -> int:
    catalogue = catalogue_for(args)
    result = diff_frameworks(
        catalogue.get_framework(args.old),
        catalogue.get_framework(args.new),
        min_similarity=args.min_similarity,
    )
    if args.format == "json":
        print_json(result.as_dict())
        return 0
    print(f"{result.old} → {result.new}")
    for level, count in result.unchanged.items():
        print(f"  {level}s unchanged: {count}")
    for change in result.changes:
        data = change.as_dict()
        ids = " → ".join(i for i in (change.old_id, change.new_id) if i)
        print()
        print(f"{change.kind.upper()} {change.level} {ids}")
        if change.kind == "reworded":
            print(f"  {data['words']}")
        else:
            print(f"  {change.new_text or change.old_text}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    document = read_framework_document(args.file)
    known = catalogue_for(args)
    if isinstance(document, VariantDocument):
        base = known.get(document.extends)
        if base is None:
            raise InputError.single(
                f"there is no framework {document.extends!r} to extend",
                file=str(args.file),
                line=document.lines.line_of(("extends", "framework")),
                field="extends/framework",
            )
        framework = resolve_variant(document, base)
    else:
        framework = document
    clash = known.get(framework.id)
    if clash is not None and Path(clash.path or "").resolve() != args.file.resolve():
        raise InputError.single(
            f"framework id {framework.id!r} is already used by {clash.path}",
            file=str(args.file),
            field="id",
        )
    # References to other frameworks (mirrors, aggregate_of, case_inspection) must resolve.
    Catalogue([*(f for f in known.values() if f.id != framework.id), framework])
    counts = framework.counts()
    kind = "framework" if framework.variant_of is None else "variant"
    print(
        f"{args.file}: valid {kind} {framework.id!r} — {counts['standards']} standards, "
        f"{counts['key_questions']} key questions, {counts['prompts']} prompts"
    )
    if framework.variant_of is not None:
        print(f"a variant of {framework.variant_of.framework}; changes:")
        for change in framework.variant_of.changes:
            print(f"  - {change}")
    return 0


def _schema(_args: argparse.Namespace) -> int:
    print(json.dumps(framework_schema(), indent=2))
    return 0
