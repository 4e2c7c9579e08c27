"""What each domain-one prompt asks for: the evidence sources its framework lists, and which of
them no tagged evidence item covers yet.

Seed 004 introduction: "The *evidence sources* indicate where to find evidence for that prompt.
The evidence lists are neither exhaustive nor prescriptive". A source is missing while no
evidence item is tagged to the prompt as that source; an item tagged to the prompt without a
listed source counts as evidence but covers no listed source.

The framework lists fieldwork meetings as a heading ("Meetings with:") followed by the people
met; each person becomes one source, labelled "Meetings with: <person>".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pinspect.frameworks import Framework, KeyQuestion, Prompt, RatedBy, Standard

__all__ = [
    "EvidenceSource",
    "JudgedPrompt",
    "evidence_sources",
    "judged_prompts",
    "judged_standards",
    "missing_sources",
]

STAGES = {"in_advance": "Evidence in advance", "fieldwork": "Fieldwork"}


@dataclass(frozen=True)
class EvidenceSource:
    stage: str  # "in_advance" or "fieldwork"
    label: str  # verbatim from the framework, a meeting prefixed with its heading

    @property
    def key(self) -> str:
        """What an evidence tag stores."""
        return f"{self.stage}: {self.label}"

    @property
    def stage_label(self) -> str:
        return STAGES[self.stage]


@dataclass(frozen=True)
class JudgedPrompt:
    standard: Standard
    key_question: KeyQuestion
    prompt: Prompt


def _listed(stage: str, items: Iterable[str]) -> list[EvidenceSource]:
    sources: list[EvidenceSource] = []
    heading = ""
    for item in items:
        text = item.strip()
        if text.endswith(":"):
            heading = text
            continue
        sources.append(EvidenceSource(stage, f"{heading} {text}" if heading else text))
    return sources


def evidence_sources(prompt: Prompt) -> tuple[EvidenceSource, ...]:
    """The sources the framework lists for ``prompt`` (none where it lists none)."""
    if prompt.evidence is None:
        return ()
    return tuple(
        _listed("in_advance", prompt.evidence.in_advance)
        + _listed("fieldwork", prompt.evidence.fieldwork)
    )


def judged_standards(framework: Framework) -> tuple[Standard, ...]:
    """Standards the lead inspector judges (seed 001 §4.14, §4.15: domain one)."""
    return tuple(s for s in framework.standards if s.rated_by is RatedBy.JUDGEMENT)


def judged_prompts(framework: Framework) -> tuple[JudgedPrompt, ...]:
    return tuple(
        JudgedPrompt(standard, kq, prompt)
        for standard in judged_standards(framework)
        for kq in standard.key_questions
        for prompt in kq.prompts
    )


def missing_sources(prompt: Prompt, covered: Iterable[str]) -> tuple[EvidenceSource, ...]:
    """The prompt's listed sources that no tag (by source key) covers."""
    done = set(covered)
    return tuple(s for s in evidence_sources(prompt) if s.key not in done)
