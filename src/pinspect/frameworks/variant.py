"""Variants: a framework that extends another by id and version and changes only some of it.

An inspectorate adapting a framework (scoring, as its published reports did, fewer standards; a
rounding rule; where a prompt applies; a standard added for a thematic) writes only the changes,
each with its reason, and keeps the link to the original (docs/framework-format.md):

* ``standards``: an inherited standard made scored or not scored;
* ``prompts``: where an inherited prompt applies (``applies_to``; ``null`` for every case);
* ``percentage_rounding``: the rule a key-question percentage meets the band boundaries by;
* ``banding``: the overall banding;
* ``added_standards``: whole standards added at the end of an inherited domain.

The overall banding follows the number of scored standards. A *derived* banding is derived anew
by the majority rule of seed 001 §4.23 (nine scored standards: 0–4 / 5–13 / 14–22 / 23–27). A
*published* banding belongs to the count it was published for: a variant that scores another
number of standards must give its own banding. Every problem is reported with the variant
file, line and path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from pinspect.frameworks.loader import (  # the stage-two rules of a framework file, reused
    VariantDocument,
    _Builder,
    _source,
)
from pinspect.frameworks.model import (
    Applicability,
    CaseType,
    Domain,
    Framework,
    PercentageRounding,
    Prompt,
    RatedBy,
    Source,
    Standard,
    Variant,
    VariantChange,
)
from pinspect.problems import InputError, Problem
from pinspect.scale.banding import BandingKind, OverallBanding, majority_rule_banding

__all__ = ["resolve_variant", "resolve_variants"]

Path = tuple[str | int, ...]


def _bands(banding: OverallBanding) -> str:
    if not banding.bands:
        return "none"
    return " / ".join(f"{b.min_score}–{b.max_score}" for b in banding.bands)


def _applicability(applicability: Applicability) -> str:
    if applicability.is_universal:
        return "every case"
    parts = []
    if applicability.only:
        parts.append("only " + ", ".join(sorted(t.value for t in applicability.only)))
    if applicability.excluded:
        parts.append("except " + ", ".join(sorted(t.value for t in applicability.excluded)))
    return "; ".join(parts)


@dataclass
class _Resolution:
    """The work of resolving one variant: the problems and changes found so far."""

    document: VariantDocument
    base: Framework
    builder: _Builder

    def problem(self, path: Path, message: str) -> None:
        self.builder.problem(path, message)

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data


def resolve_variant(document: VariantDocument, base: Framework) -> Framework:
    """The framework ``document`` describes: ``base`` with the variant's changes applied.

    Raises InputError with every problem: a version other than the one the variant was written
    for, unknown or unchanged standards and prompts, added standards that clash with inherited
    ids or break the framework rules, a banding that does not fit the scored standards.
    """
    work = _Resolution(document, base, _Builder(document.filename, document.lines))
    data = document.data
    extends = data["extends"]
    if extends["framework"] != base.id:
        raise ValueError(f"{document.id} extends {extends['framework']}, not {base.id}")
    if extends["version"] != base.version:
        work.problem(
            ("extends", "version"),
            f"the variant was written for version {extends['version']!r} of {base.id}; the "
            f"framework read is version {base.version!r}: check the changes against it, then "
            "update the version",
        )
    changes: list[VariantChange] = []
    scored = _scoring(work, changes)
    applicability = _applicability_changes(work, changes)
    domains = _domains(work, scored, applicability, changes)
    rounding = base.percentage_rounding
    if "percentage_rounding" in data:
        rule = data["percentage_rounding"]
        rounding = PercentageRounding(rule["rule"])
        if rounding is base.percentage_rounding:
            work.problem(
                ("percentage_rounding", "rule"),
                f"{base.id} already uses {rounding.value!r}: this changes nothing",
            )
        changes.append(
            VariantChange(
                None,
                "percentage rounding",
                base.percentage_rounding.value,
                rounding.value,
                rule["reason"],
            )
        )
    count = sum(1 for d in domains for s in d.standards if s.scored)
    banding, banding_source, banding_quote = _banding(work, count, changes)
    if not changes:
        work.problem(
            (),
            "a variant must change something: standards, prompts, percentage_rounding, banding "
            "or added_standards",
        )
    if work.builder.problems:
        raise InputError(work.builder.problems)
    return Framework(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        unit=base.unit,
        licence=data.get("licence", base.licence),
        source=base.source,
        confidence_level=base.confidence_level,
        confidence_source=base.confidence_source,
        percentage_rounding=rounding,
        banding=banding,
        banding_source=banding_source,
        banding_quote=banding_quote,
        domains=domains,
        case_inspection=base.case_inspection,
        notes=(*data.get("notes", ()), *base.notes),
        variant_of=Variant(
            framework=base.id,
            version=base.version,
            source=_source(data["source"]),
            changes=tuple(changes),
        ),
        path=document.filename,
    )


def _scoring(work: _Resolution, changes: list[VariantChange]) -> dict[str, bool]:
    """Standards made scored or not scored: id → scored."""
    scored: dict[str, bool] = {}
    for index, item in enumerate(work.data.get("standards", ())):
        path: Path = ("standards", index)
        standard = work.base.element(item["id"])
        if not isinstance(standard, Standard):
            work.problem((*path, "id"), f"{work.base.id} has no standard {item['id']!r}")
            continue
        if standard.id in scored:
            work.problem((*path, "id"), f"standard {standard.id} is changed twice")
            continue
        if item["scored"] == standard.scored:
            state = "scored" if standard.scored else "not scored"
            work.problem((*path, "scored"), f"{standard.id} is already {state}: no change")
            continue
        if item["scored"] and standard.rated_by is RatedBy.NOT_RATED:
            work.problem((*path, "scored"), f"{standard.id} is not rated, so it cannot be scored")
            continue
        scored[standard.id] = item["scored"]
        changes.append(
            VariantChange(
                standard.id,
                "scored",
                "yes" if standard.scored else "no",
                "yes" if item["scored"] else "no",
                item["reason"],
            )
        )
    return scored


def _applicability_changes(
    work: _Resolution, changes: list[VariantChange]
) -> dict[str, Applicability]:
    """Prompts whose applicability changes: id → new applicability."""
    found: dict[str, Applicability] = {}
    for index, item in enumerate(work.data.get("prompts", ())):
        path: Path = ("prompts", index)
        prompt = work.base.element(item["id"])
        if not isinstance(prompt, Prompt):
            work.problem((*path, "id"), f"{work.base.id} has no prompt {item['id']!r}")
            continue
        if prompt.id in found:
            work.problem((*path, "id"), f"prompt {prompt.id} is changed twice")
            continue
        applies = item["applies_to"] or {}
        only = frozenset(CaseType(t) for t in applies.get("only", ()))
        excluded = frozenset(CaseType(t) for t in applies.get("except", ()))
        if only & excluded:
            work.problem((*path, "applies_to"), "a case type is both required and excluded")
            continue
        applicability = Applicability(only=only, excluded=excluded)
        if applicability == prompt.applicability:
            work.problem(
                (*path, "applies_to"),
                f"{prompt.id} already applies to {_applicability(applicability)}: no change",
            )
            continue
        found[prompt.id] = applicability
        changes.append(
            VariantChange(
                prompt.id,
                "applies to",
                _applicability(prompt.applicability),
                _applicability(applicability),
                item["reason"],
            )
        )
    return found


def _domains(
    work: _Resolution,
    scored: Mapping[str, bool],
    applicability: Mapping[str, Applicability],
    changes: list[VariantChange],
) -> tuple[Domain, ...]:
    added: dict[str, list[Standard]] = {}
    domain_ids = {d.id for d in work.base.domains}
    for index, item in enumerate(work.data.get("added_standards", ())):
        path: Path = ("added_standards", index)
        if item["domain"] not in domain_ids:
            work.problem(
                (*path, "domain"),
                f"{work.base.id} has no domain {item['domain']!r}; its domains are "
                + ", ".join(repr(d) for d in sorted(domain_ids)),
            )
        for element_path, element_id in _ids(item["standard"], (*path, "standard")):
            if work.base.element(element_id) is not None:
                work.problem(element_path, f"{element_id!r} is already an id in {work.base.id}")
        standard = work.builder.standard(item["standard"], (*path, "standard"))
        added.setdefault(item["domain"], []).append(standard)
        changes.append(
            VariantChange(
                standard.id,
                "standard added",
                None,
                f"{standard.name} (domain {item['domain']}, "
                f"{'scored' if standard.scored else 'not scored'})",
                item["reason"],
            )
        )
    return tuple(
        replace(
            domain,
            standards=tuple(
                _standard(standard, scored, applicability) for standard in domain.standards
            )
            + tuple(added.get(domain.id, ())),
        )
        for domain in work.base.domains
    )


def _ids(data: dict[str, Any], path: Path) -> Iterable[tuple[Path, str]]:
    """Every id in a standard's raw data, with its path: the standard, key questions, prompts."""
    yield (*path, "id"), data["id"]
    for k, kq in enumerate(data["key_questions"]):
        yield (*path, "key_questions", k, "id"), kq["id"]
        for p, prompt in enumerate(kq.get("prompts", ())):
            yield (*path, "key_questions", k, "prompts", p, "id"), prompt["id"]


def _standard(
    standard: Standard, scored: Mapping[str, bool], applicability: Mapping[str, Applicability]
) -> Standard:
    key_questions = tuple(
        replace(
            kq,
            prompts=tuple(
                replace(p, applicability=applicability[p.id]) if p.id in applicability else p
                for p in kq.prompts
            ),
        )
        if any(p.id in applicability for p in kq.prompts)
        else kq
        for kq in standard.key_questions
    )
    return replace(
        standard,
        scored=scored.get(standard.id, standard.scored),
        key_questions=key_questions,
    )


def _banding(
    work: _Resolution, count: int, changes: list[VariantChange]
) -> tuple[OverallBanding, Source | None, str | None]:
    """001 §4.22, §4.23: the banding for ``count`` scored standards, with its source and quote."""
    base = work.base
    data = work.data
    if "banding" in data:
        given = data["banding"]
        banding = work.builder.banding(given, count)
        changes.append(
            VariantChange(
                None,
                "overall banding",
                f"{_bands(base.banding)} ({base.banding.kind.value})",
                f"{_bands(banding)} ({banding.kind.value})",
                given["reason"],
            )
        )
        source = _source(given["source"]) if "source" in given else None
        return banding, source, given.get("quote")
    base_count = len(base.scored_standards)
    if count == base_count:
        return base.banding, base.banding_source, base.banding_quote
    if base.banding.kind is BandingKind.DERIVED and count > 0:
        banding = majority_rule_banding(count)
        changes.append(
            VariantChange(
                None,
                "overall banding",
                f"{_bands(base.banding)} for {base_count} scored standards",
                f"{_bands(banding)} for {count}",
                "derived anew by the majority rule of seed 001 §4.23 for the scored standards",
            )
        )
        return banding, None, None
    work.problem(
        ("banding",),
        f"{base.id}'s {base.banding.kind.value} banding is for {base_count} scored standards; "
        f"this variant scores {count}: give a banding (kind 'derived' for the majority rule "
        "of seed 001 §4.23, or 'published' with its source and bands)",
    )
    return base.banding, None, None


def resolve_variants(
    frameworks: Sequence[Framework], documents: Sequence[VariantDocument]
) -> tuple[list[Framework], list[Problem]]:
    """Resolve every variant against the framework it extends (itself perhaps a variant).

    Returns the resolved frameworks (in the order the documents came) and every problem: an
    unknown framework to extend, a cycle of variants, and each variant's own problems.
    """
    known: dict[str, Framework] = {f.id: f for f in frameworks}
    pending = {d.id: d for d in documents}
    resolved: dict[str, Framework] = {}
    problems: list[Problem] = []
    failed: set[str] = set()
    progressed = True
    while pending and progressed:
        progressed = False
        for document in list(pending.values()):
            if document.extends in failed:  # its base is broken, and reported already
                del pending[document.id]
                failed.add(document.id)
                progressed = True
                continue
            base = known.get(document.extends) or resolved.get(document.extends)
            if base is None:
                continue
            del pending[document.id]
            progressed = True
            try:
                resolved[document.id] = resolve_variant(document, base)
            except InputError as error:
                problems.extend(error.problems)
                failed.add(document.id)
    for document in pending.values():
        reason = (
            "this variant is in a cycle of variants"
            if document.extends in pending
            else f"there is no framework {document.extends!r} to extend"
        )
        problems.append(
            Problem(
                document.filename,
                document.lines.line_of(("extends", "framework")),
                "extends/framework",
                reason,
            )
        )
    order = [d.id for d in documents if d.id in resolved]
    return [resolved[i] for i in order], problems
