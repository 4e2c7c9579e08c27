"""Frameworks as plain data (the ``frameworks show`` JSON shape) and as Markdown.

The JSON shape is a contract the project's own tests and outside tools rely on:
``{"id","title","version","unit","source","banding":{…},"domains":[{"id","name","standards":
[{"id","name","statement","rated_by","scored","key_questions":[{"id","text","prompts":
[{"id","text",…}]}]}]}]}``. Keys may be added, never renamed or dropped.
"""

from __future__ import annotations

from typing import Any

from pinspect.frameworks.model import (
    Applicability,
    Framework,
    KeyQuestion,
    Prompt,
    Source,
    Standard,
    Variant,
)

__all__ = ["framework_as_dict", "framework_as_markdown", "framework_summary", "variant_as_dict"]


def _source(source: Source | None) -> dict[str, str] | None:
    return None if source is None else {"document": source.document, "section": source.section}


def _applicability(applicability: Applicability) -> dict[str, list[str]] | None:
    if applicability.is_universal:
        return None
    result: dict[str, list[str]] = {}
    if applicability.only:
        result["only"] = sorted(t.value for t in applicability.only)
    if applicability.excluded:
        result["except"] = sorted(t.value for t in applicability.excluded)
    return result


def _prompt(prompt: Prompt) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": prompt.id,
        "letter": prompt.letter,
        "text": prompt.text,
        "applies_to": _applicability(prompt.applicability),
        "source": _source(prompt.source),
    }
    if prompt.marker:
        data["marker"] = prompt.marker
    if prompt.guidance is not None:
        data["guidance"] = prompt.guidance
    if prompt.evidence is not None:
        data["evidence"] = {
            "in_advance": list(prompt.evidence.in_advance),
            "fieldwork": list(prompt.evidence.fieldwork),
        }
    if prompt.judgement is not None:
        data["judgement"] = {
            "positive": prompt.judgement.positive,
            "negative": prompt.judgement.negative,
        }
    if prompt.notes:
        data["notes"] = list(prompt.notes)
    return data


def _key_question(kq: KeyQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": kq.id,
        "text": kq.text,
        "answer_scale": kq.answer_scale.value,
        "source": _source(kq.source),
        "prompts": [_prompt(p) for p in kq.prompts],
    }
    if kq.aggregate_of is not None:
        data["aggregate_of"] = {"framework": kq.aggregate_of.framework, "id": kq.aggregate_of.id}
    if kq.mirrors is not None:
        data["mirrors"] = {"framework": kq.mirrors.framework, "id": kq.mirrors.id}
    if kq.guidance is not None:
        data["guidance"] = kq.guidance
    if kq.notes:
        data["notes"] = list(kq.notes)
    return data


def _standard(standard: Standard) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": standard.id,
        "name": standard.name,
        "statement": standard.statement,
        "rated_by": standard.rated_by.value,
        "scored": standard.scored,
        "sample": standard.sample.value if standard.sample else None,
        "source": _source(standard.source),
        "key_questions": [_key_question(kq) for kq in standard.key_questions],
    }
    if standard.aggregate_of is not None:
        data["aggregate_of"] = {
            "framework": standard.aggregate_of.framework,
            "id": standard.aggregate_of.id,
        }
    if standard.characteristics is not None:
        c = standard.characteristics
        data["characteristics"] = {
            "outstanding": list(c.outstanding),
            "inadequate": list(c.inadequate),
            "source": _source(c.source),
        }
    if standard.notes:
        data["notes"] = list(standard.notes)
    return data


def framework_summary(framework: Framework) -> dict[str, Any]:
    """One line of ``frameworks list``."""
    return {
        "id": framework.id,
        "title": framework.title,
        "version": framework.version,
        "unit": framework.unit,
        **framework.counts(),
        "scored_standards": len(framework.scored_standards),
        "banding": framework.banding.kind.value,
        "extends": None
        if framework.variant_of is None
        else {"framework": framework.variant_of.framework, "version": framework.variant_of.version},
    }


def variant_as_dict(variant: Variant) -> dict[str, Any]:
    """What a variant extends and the changes it makes, each with its reason."""
    return {
        "framework": variant.framework,
        "version": variant.version,
        "source": _source(variant.source),
        "changes": [
            {
                "element": c.element,
                "what": c.what,
                "before": c.before,
                "after": c.after,
                "reason": c.reason,
            }
            for c in variant.changes
        ],
    }


def framework_as_dict(framework: Framework) -> dict[str, Any]:
    """The ``frameworks show --format json`` shape."""
    banding: dict[str, Any] = {
        "kind": framework.banding.kind.value,
        "scored_standards": len(framework.scored_standards),
        "max_score": framework.max_score,
        "bands": [
            {"rating": b.rating.label, "min": b.min_score, "max": b.max_score}
            for b in framework.banding.bands
        ],
        "source": _source(framework.banding_source),
        "quote": framework.banding_quote,
    }
    data: dict[str, Any] = {
        "id": framework.id,
        "title": framework.title,
        "version": framework.version,
        "unit": framework.unit,
        "source": _source(framework.source),
        "licence": framework.licence,
        "confidence_level": framework.confidence_level,
        "percentage_rounding": framework.percentage_rounding.value,
        "banding": banding,
        "notes": list(framework.notes),
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "source": _source(d.source),
                "standards": [_standard(s) for s in d.standards],
            }
            for d in framework.domains
        ],
    }
    if framework.variant_of is not None:
        data["extends"] = variant_as_dict(framework.variant_of)
    if framework.case_inspection is not None:
        ci = framework.case_inspection
        data["case_inspection"] = {
            "framework": ci.framework,
            "domain": ci.domain,
            "indicative": ci.indicative,
            "note": ci.note,
            "source": _source(ci.source),
        }
    return data


def framework_as_markdown(framework: Framework) -> str:
    """A readable Markdown rendering: headings per domain and standard, prompts as lists."""
    out: list[str] = [f"# {framework.title}", ""]
    out.append(f"`{framework.id}` · {framework.version} · unit: {framework.unit}")
    out.append("")
    out.append(f"Source: {framework.source}. {framework.licence}")
    out.append("")
    if framework.variant_of is not None:
        variant = framework.variant_of
        out.append(
            f"A variant of `{variant.framework}` ({variant.version}), following "
            f"{variant.source}. It changes:"
        )
        out.append("")
        out.extend(f"- {change}" for change in variant.changes)
        out.append("")
    if framework.banding.bands:
        out.append(f"Overall banding ({framework.banding.kind.value}):")
        out.append("")
        for band in framework.banding.bands:
            out.append(f"- {band.min_score}–{band.max_score}: {band.rating.label}")
        out.append("")
    for domain in framework.domains:
        out.extend([f"## Domain {domain.id}: {domain.name}", ""])
        for standard in domain.standards:
            out.extend([f"### {standard.id} {standard.name}", ""])
            if standard.statement:
                out.extend([f"*{standard.statement}*", ""])
            how = standard.rated_by.value.replace("_", " ")
            sample = (
                f" ({standard.sample.value.replace('_', ' ')} sample)" if standard.sample else ""
            )
            scored = "scored" if standard.scored else "not scored"
            out.extend([f"Rated by {how}{sample}; {scored}.", ""])
            for kq in standard.key_questions:
                out.extend([f"**{kq.id}** {kq.text}", ""])
                for prompt in kq.prompts:
                    flag = f" {prompt.marker}" if prompt.marker else ""
                    out.append(f"- {prompt.letter}) {prompt.text}{flag}")
                if kq.prompts:
                    out.append("")
    return "\n".join(out).rstrip() + "\n"
