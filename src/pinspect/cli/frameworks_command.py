"""``pinspect frameworks list|show|diff|crosswalk|crosswalks|validate|schema``."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from pinspect.cli.output import print_json, render_table
from pinspect.crosswalks.catalogue import (
    CrosswalkCatalogue,
    crosswalk_directories_from_environment,
    load_crosswalks,
)
from pinspect.crosswalks.loader import crosswalk_schema, read_crosswalk_file
from pinspect.crosswalks.model import Crosswalk, Level
from pinspect.crosswalks.relationship import Relationship
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

__all__ = ["catalogue_for", "crosswalks_for", "register"]


def catalogue_for(args: argparse.Namespace) -> Catalogue:
    """The bundled frameworks plus the user's (``--frameworks-dir`` and the environment)."""
    extra = [Path(d) for d in getattr(args, "frameworks_dir", [])] + directories_from_environment()
    return load_catalogue(extra)


def crosswalks_for(args: argparse.Namespace, frameworks: Catalogue) -> CrosswalkCatalogue:
    """The bundled crosswalks plus the user's (``--crosswalks-dir`` and the environment)."""
    extra = [Path(d) for d in getattr(args, "crosswalks_dir", None) or []]
    return load_crosswalks(frameworks, [*extra, *crosswalk_directories_from_environment()])


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

    crosswalk = commands.add_parser(
        "crosswalk",
        help="which standard and key question of framework A is which of framework B",
        description="Print the crosswalk from framework A to framework B: a bundled or user "
        "crosswalk file, read backwards if it runs from B to A, or a chain of them composed "
        "(equal only where every step is equal). See docs/frameworks-over-time.md.",
    )
    crosswalk.add_argument("old", metavar="A")
    crosswalk.add_argument("new", metavar="B")
    crosswalk.add_argument("--format", choices=("text", "json"), default="text")
    crosswalk.set_defaults(func=_crosswalk)

    crosswalks = commands.add_parser("crosswalks", help="the crosswalk files available")
    crosswalks.add_argument("--format", choices=("table", "json"), default="table")
    crosswalks.set_defaults(func=_crosswalks)

    validate = commands.add_parser(
        "validate", help="check a framework, variant or crosswalk file, reporting every problem"
    )
    validate.add_argument("file", type=Path)
    validate.set_defaults(func=_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of framework files")
    schema.add_argument(
        "--crosswalk", action="store_true", help="the JSON Schema of crosswalk files instead"
    )
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


def _is_crosswalk_file(path: Path) -> bool:
    """A crosswalk file names the editions it joins under ``from`` and ``to``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False  # the framework reader reports what is wrong with the file
    return isinstance(data, dict) and "from" in data and "key_questions" in data


def _validate(args: argparse.Namespace) -> int:
    if _is_crosswalk_file(args.file):
        return _validate_crosswalk(args)
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


def _validate_crosswalk(args: argparse.Namespace) -> int:
    frameworks = catalogue_for(args)
    crosswalk = read_crosswalk_file(args.file, frameworks)
    known = crosswalks_for(args, frameworks)
    clash = known.get(crosswalk.id)
    if clash is not None and Path(clash.path or "").resolve() != args.file.resolve():
        raise InputError.single(
            f"crosswalk id {crosswalk.id!r} is already used by {clash.path}",
            file=str(args.file),
            field="id",
        )
    print(
        f"{args.file}: valid crosswalk {crosswalk.id!r} from {crosswalk.from_edition} to "
        f"{crosswalk.to_edition}"
    )
    for level in Level:
        print(f"  {level.plural}: {_relationship_counts(crosswalk, level)}")
    return 0


def _relationship_counts(crosswalk: Crosswalk, level: Level) -> str:
    counts = Counter(r.relationship for r in crosswalk.at(level))
    return ", ".join(f"{counts[r]} {r.value}" for r in Relationship if counts[r]) or "none"


def _crosswalk(args: argparse.Namespace) -> int:
    frameworks = catalogue_for(args)
    crosswalk = crosswalks_for(args, frameworks).get_between(args.old, args.new)
    if args.format == "json":
        print_json(crosswalk.as_dict())
        return 0
    print(render_crosswalk(crosswalk))
    return 0


_MEANING = {
    Relationship.EQUAL: "asks the same: compared directly",
    Relationship.SUBSET: "B asks all A asks, and more: compared only as approximate",
    Relationship.SUPERSET: "A asks all B asks, and more: compared only as approximate",
    Relationship.INTERSECT: "each asks something the other does not: approximate",
    Relationship.NEW: "only in B",
    Relationship.REMOVED: "only in A",
}


def render_crosswalk(crosswalk: Crosswalk) -> str:
    """The crosswalk as text: each pair with its relationship, its note indented below."""
    lines = [
        f"A: {crosswalk.from_edition}",
        f"B: {crosswalk.to_edition}",
        crosswalk.title,
        f"from: {crosswalk.derivation or crosswalk.path or crosswalk.id}",
    ]
    if crosswalk.scoped:
        lines.append(
            f"covers only: {', '.join(crosswalk.scope_from)} of A and "
            f"{', '.join(crosswalk.scope_to)} of B"
        )
    for level in Level:
        lines += ["", f"{level.plural.capitalize()} ({_relationship_counts(crosswalk, level)})"]
        for row in crosswalk.at(level):
            pair = f"{row.from_id or '—'} → {row.to_id or '—'}"
            lines.append(f"  {pair:<20} {row.relationship.value}")
            if row.note:
                lines.extend(
                    textwrap.wrap(
                        row.note, width=96, initial_indent="      ", subsequent_indent="      "
                    )
                )
    if crosswalk.notes:
        lines += ["", "Notes"]
        for note in crosswalk.notes:
            lines.extend(
                textwrap.wrap(note, width=96, initial_indent="  - ", subsequent_indent="    ")
            )
    lines += ["", "Relationships"]
    lines += [f"  {r.value:<10} {meaning}" for r, meaning in _MEANING.items()]
    return "\n".join(lines)


def _crosswalks(args: argparse.Namespace) -> int:
    frameworks = catalogue_for(args)
    rows = [
        {
            "id": c.id,
            "from": c.from_edition.framework,
            "to": c.to_edition.framework,
            "scoped": c.scoped,
            "title": c.title,
            "path": c.path,
        }
        for c in crosswalks_for(args, frameworks).values()
    ]
    if args.format == "json":
        print_json(rows)
        return 0
    table = [[r["from"], r["to"], "part" if r["scoped"] else "whole", r["title"]] for r in rows]
    print(render_table(["from (A)", "to (B)", "covers", "title"], table))
    return 0


def _schema(args: argparse.Namespace) -> int:
    print(json.dumps(crosswalk_schema() if args.crosswalk else framework_schema(), indent=2))
    return 0
