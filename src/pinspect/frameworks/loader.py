"""Reading a framework file: YAML → schema check → model, every problem collected.

Two stages, as the file format requires (docs/framework-format.md):
1. the published JSON Schema (types, required fields, allowed values);
2. the model rules — unique ids, ids nested under their parent's, a sample on every case-based
   standard, a banding that covers 0..max exactly.
References between frameworks (``mirrors``, ``aggregate_of``, ``case_inspection``) are checked
by :mod:`pinspect.frameworks.catalogue`, which sees every framework.

A file with ``extends`` is a variant: stage one checks it against the same schema and it is read
as a :class:`VariantDocument`; :mod:`pinspect.frameworks.variant` resolves it against the
framework it extends (stage two needs that framework).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from pinspect.frameworks.model import (
    AnswerScale,
    Applicability,
    CaseInspection,
    CaseType,
    Characteristics,
    Domain,
    Evidence,
    Framework,
    Judgement,
    KeyQuestion,
    PercentageRounding,
    Prompt,
    RatedBy,
    Reference,
    Sample,
    Source,
    Standard,
)
from pinspect.frameworks.yaml_lines import LineMap, load_yaml_with_lines
from pinspect.problems import InputError, Problem
from pinspect.scale.banding import (
    BandingKind,
    OverallBand,
    OverallBanding,
    majority_rule_banding,
)
from pinspect.scale.rating import Rating

__all__ = [
    "VariantDocument",
    "framework_schema",
    "iter_framework_files",
    "parse_framework",
    "parse_framework_document",
    "read_framework_document",
    "read_framework_file",
]


@dataclass(frozen=True, eq=False)
class VariantDocument:
    """A schema-valid variant file, not yet resolved against the framework it extends."""

    filename: str
    data: dict[str, Any]
    lines: LineMap

    @property
    def id(self) -> str:
        return str(self.data["id"])

    @property
    def extends(self) -> str:
        return str(self.data["extends"]["framework"])


@cache
def framework_schema() -> dict[str, Any]:
    """The published JSON Schema of framework files."""
    text = resources.files("pinspect.frameworks").joinpath("schema/framework.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single("no such file", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError.single(f"cannot read the file: {error}", file=str(path)) from None


def read_framework_file(path: Path) -> Framework:
    """Read and validate one framework file; raise InputError with every problem found."""
    return parse_framework(_read_text(path), str(path))


def read_framework_document(path: Path) -> Framework | VariantDocument:
    """Read one framework file, or a variant file to be resolved against its base."""
    return parse_framework_document(_read_text(path), str(path))


def _dotted(path: tuple[str | int, ...]) -> str:
    return "/".join(str(p) for p in path) or "(top level)"


def parse_framework(text: str, filename: str) -> Framework:
    """A framework file in full; a variant is refused (it needs the framework it extends)."""
    document = parse_framework_document(text, filename)
    if isinstance(document, VariantDocument):
        raise InputError.single(
            f"a variant of {document.extends!r}: it is read with the framework it extends "
            "(pinspect frameworks validate does this)",
            file=filename,
            line=document.lines.line_of(("extends",)),
            field="extends",
        )
    return document


def parse_framework_document(text: str, filename: str) -> Framework | VariantDocument:
    """Stage one for any framework file; stage two too unless the file is a variant."""
    data, lines = load_yaml_with_lines(text, filename)
    if not isinstance(data, dict):
        raise InputError.single("a framework file must be a YAML mapping", file=filename, line=1)
    validator = jsonschema.Draft202012Validator(framework_schema())
    problems = [
        Problem(
            filename,
            lines.line_of(tuple(err.absolute_path)),
            _dotted(tuple(err.absolute_path)),
            _schema_message(err),
        )
        for err in sorted(
            validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))
        )
    ]
    if problems:
        raise InputError(problems)
    if "extends" in data:
        return VariantDocument(filename, data, lines)
    builder = _Builder(filename, lines)
    framework = builder.framework(data)
    if builder.problems:
        raise InputError(builder.problems)
    return framework


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "additionalProperties":
        return f"unknown field: {error.message}"
    if error.validator == "enum" and isinstance(error.validator_value, list):
        return f"{error.instance!r} is not one of {', '.join(map(repr, error.validator_value))}"
    return str(error.message)


class _Builder:
    """Stage two: turn schema-valid data into the model, collecting rule violations."""

    def __init__(self, filename: str, lines: LineMap) -> None:
        self.filename = filename
        self.lines = lines
        self.problems: list[Problem] = []
        self._seen: dict[str, tuple[str | int, ...]] = {}

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(
            Problem(self.filename, self.lines.line_of(path), _dotted(path), message)
        )

    def claim_id(self, element_id: str, path: tuple[str | int, ...]) -> None:
        if element_id in self._seen:
            first = self.lines.line_of(self._seen[element_id])
            self.problem((*path, "id"), f"duplicate id {element_id!r} (first used on line {first})")
        else:
            self._seen[element_id] = (*path, "id")

    def framework(self, data: dict[str, Any]) -> Framework:
        source = _source(data["source"])
        domains = tuple(self.domain(d, ("domains", i)) for i, d in enumerate(data["domains"]))
        scored = sum(1 for d in domains for s in d.standards if s.scored)
        banding = self.banding(data["banding"], scored)
        case_inspection = None
        if "case_inspection" in data:
            ci = data["case_inspection"]
            case_inspection = CaseInspection(
                framework=ci["framework"],
                domain=ci["domain"],
                indicative=ci["indicative"],
                note=ci["note"],
                source=_source(ci["source"]),
            )
        banding_data = data["banding"]
        return Framework(
            id=data["id"],
            title=data["title"],
            version=data["version"],
            unit=data["unit"],
            licence=data["licence"],
            source=source,
            confidence_level=float(data["confidence_level"]),
            confidence_source=_source(data["confidence_source"])
            if "confidence_source" in data
            else None,
            percentage_rounding=PercentageRounding(data.get("percentage_rounding", "exact")),
            banding=banding,
            banding_source=_source(banding_data["source"]) if "source" in banding_data else None,
            banding_quote=banding_data.get("quote"),
            domains=domains,
            case_inspection=case_inspection,
            notes=tuple(data.get("notes", ())),
            path=self.filename,
        )

    def banding(self, data: dict[str, Any], scored: int) -> OverallBanding:
        """Published bandings are checked for coverage; derived ones follow 001 §4.23."""
        kind = BandingKind(data["kind"])
        path: tuple[str | int, ...] = ("banding",)
        if kind is BandingKind.NONE:
            if scored:
                self.problem(path, f"banding 'none' but {scored} standards are scored")
            return OverallBanding(kind=kind, bands=())
        if scored == 0:
            self.problem(path, "a banding needs at least one scored standard")
            return OverallBanding(kind=kind, bands=())
        derived = majority_rule_banding(scored)
        if kind is BandingKind.DERIVED and "bands" not in data:
            return derived
        bands = tuple(
            OverallBand(Rating.parse(b["rating"]), int(b["min"]), int(b["max"]))
            for b in data["bands"]
        )
        banding = OverallBanding(kind=kind, bands=bands)
        for message in banding.coverage_problems(3 * scored):
            self.problem((*path, "bands"), message)
        if kind is BandingKind.DERIVED and set(bands) != set(derived.bands):
            self.problem(
                (*path, "bands"),
                "bands marked 'derived' differ from the majority rule of seed 001 §4.23 for "
                f"{scored} scored standards; mark them 'published' with their source, or drop them",
            )
        return banding

    def domain(self, data: dict[str, Any], path: tuple[str | int, ...]) -> Domain:
        source = _source(data["source"])
        standards = tuple(
            self.standard(s, (*path, "standards", i)) for i, s in enumerate(data["standards"])
        )
        return Domain(
            id=data["id"],
            name=data["name"],
            source=source,
            standards=standards,
            notes=tuple(data.get("notes", ())),
        )

    def standard(self, data: dict[str, Any], path: tuple[str | int, ...]) -> Standard:
        self.claim_id(data["id"], path)
        source = _source(data["source"])
        rated_by = RatedBy(data["rated_by"])
        if rated_by is RatedBy.NOT_RATED and data["scored"]:
            self.problem((*path, "scored"), "a standard that is not rated cannot be scored")
        if rated_by is not RatedBy.CASES and "sample" in data and rated_by is not RatedBy.NOT_RATED:
            self.problem((*path, "sample"), "only case-based standards read a case sample")
        kqs = tuple(
            self.key_question(k, (*path, "key_questions", i), source, data["id"])
            for i, k in enumerate(data["key_questions"])
        )
        if rated_by is RatedBy.CASES:
            for i, kq in enumerate(kqs):
                if kq.answer_scale is not AnswerScale.YES_NO:
                    self.problem(
                        (*path, "key_questions", i, "answer_scale"),
                        "a case-based standard's key questions are answered yes or no "
                        "(seed 001 §4.7)",
                    )
        characteristics = None
        if "characteristics" in data:
            c = data["characteristics"]
            characteristics = Characteristics(
                outstanding=tuple(c["outstanding"]),
                inadequate=tuple(c["inadequate"]),
                source=_source(c["source"]),
            )
        return Standard(
            id=data["id"],
            name=data["name"],
            statement=data.get("statement"),
            rated_by=rated_by,
            scored=bool(data["scored"]),
            source=source,
            key_questions=kqs,
            sample=Sample(data["sample"]) if "sample" in data else None,
            aggregate_of=_reference(data.get("aggregate_of")),
            characteristics=characteristics,
            notes=tuple(data.get("notes", ())),
        )

    def key_question(
        self, data: dict[str, Any], path: tuple[str | int, ...], parent: Source, standard_id: str
    ) -> KeyQuestion:
        self.claim_id(data["id"], path)
        if not data["id"].startswith(standard_id + "."):
            self.problem(
                (*path, "id"),
                f"key question {data['id']!r} is not numbered under its standard {standard_id!r}",
            )
        source = _source(data["source"]) if "source" in data else parent
        if data.get("answered_by") == "aggregate" and data.get("prompts"):
            self.problem(
                (*path, "prompts"), "a key question answered by aggregation has no prompts"
            )
        prompts = tuple(
            self.prompt(p, (*path, "prompts", i), source, data["id"])
            for i, p in enumerate(data.get("prompts", ()))
        )
        return KeyQuestion(
            id=data["id"],
            text=data["text"],
            source=source,
            prompts=prompts,
            answer_scale=AnswerScale(data.get("answer_scale", "yes_no")),
            aggregate_of=_reference(data.get("aggregate_of")),
            mirrors=_reference(data.get("mirrors")),
            guidance=data.get("guidance"),
            notes=tuple(data.get("notes", ())),
        )

    def prompt(
        self, data: dict[str, Any], path: tuple[str | int, ...], parent: Source, kq_id: str
    ) -> Prompt:
        self.claim_id(data["id"], path)
        expected = f"{kq_id}.{data['letter']}"
        if data["id"] != expected and not data["id"].startswith(expected + "-"):
            self.problem(
                (*path, "id"),
                f"prompt {data['id']!r} should be {expected!r} (key question id + its letter)",
            )
        applies = data.get("applies_to", {})
        only = frozenset(CaseType(t) for t in applies.get("only", ()))
        excluded = frozenset(CaseType(t) for t in applies.get("except", ()))
        if only & excluded:
            self.problem((*path, "applies_to"), "a case type is both required and excluded")
        evidence = None
        if "evidence" in data:
            e = data["evidence"]
            evidence = Evidence(tuple(e.get("in_advance", ())), tuple(e.get("fieldwork", ())))
        judgement = None
        if "judgement" in data:
            judgement = Judgement(data["judgement"]["positive"], data["judgement"]["negative"])
        return Prompt(
            id=data["id"],
            letter=data["letter"],
            text=data["text"],
            source=_source(data["source"]) if "source" in data else parent,
            applicability=Applicability(only=only, excluded=excluded),
            marker=data.get("marker"),
            guidance=data.get("guidance"),
            evidence=evidence,
            judgement=judgement,
            notes=tuple(data.get("notes", ())),
        )


def _source(data: dict[str, str]) -> Source:
    return Source(document=data["document"], section=data["section"])


def _reference(data: dict[str, str] | None) -> Reference | None:
    return None if data is None else Reference(framework=data["framework"], id=data["id"])


def iter_framework_files(directory: Path) -> Iterator[Path]:
    yield from sorted(directory.glob("*.yaml"))
    yield from sorted(directory.glob("*.yml"))
