"""The standards framework as typed, immutable value objects.

Seed 001 §3 and methodology: framework → domain → standard → key question → prompt. Key
questions and prompts are answered yes or no (001 §3.2, 002 decision 5). Objects here are built
by :mod:`pinspect.frameworks.loader` from validated YAML; nothing here reads files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from pinspect.scale.banding import OverallBanding

__all__ = [
    "AnswerScale",
    "Applicability",
    "CaseInspection",
    "CaseType",
    "Characteristics",
    "Domain",
    "Evidence",
    "Framework",
    "Judgement",
    "KeyQuestion",
    "PercentageRounding",
    "Prompt",
    "RatedBy",
    "Reference",
    "Sample",
    "Source",
    "Standard",
    "Variant",
    "VariantChange",
]


class RatedBy(Enum):
    """How a standard gets its rating (see docs/framework-format.md)."""

    # 001 §4.6, §4.7, §4.8, §4.9, §4.10, §4.11: from the case sample's key-question percentages
    CASES = "cases"
    JUDGEMENT = (
        "judgement"  # 001 §4.14, §4.15, §4.16, §4.17: lead inspector proposes, panel verifies
    )
    AGGREGATE = "aggregate"  # from other inspections' ratings
    NOT_RATED = "not_rated"  # collected and reported only (003 §3.7; 2021 regional questions)


class Sample(Enum):
    """The case samples an inspection draws; each case-based standard reads one."""

    SUPERVISION = "supervision"
    COURT_REPORTS = "court_reports"
    UNPAID_WORK = "unpaid_work"
    RESETTLEMENT = "resettlement"
    VICTIMS = "victims"


class AnswerScale(Enum):
    YES_NO = "yes_no"  # 001 §3.2, 002 decision 5
    OUTCOME = "outcome"  # met / part met / not met, 003 §4.2
    OPEN = "open"  # a "How…" question answered in narrative (2021 regional questions)


class CaseType(Enum):
    """Kinds of case that decide where a prompt applies (003 Annexe A §3)."""

    POST_CUSTODY = "post_custody"
    COMMUNITY = "community"
    UNPAID_WORK_ONLY = "unpaid_work_only"
    NO_REHABILITATIVE_REQUIREMENTS = "no_rehabilitative_requirements"


class PercentageRounding(Enum):
    """How a key-question percentage meets the band boundaries (a framework setting)."""

    EXACT = "exact"  # compare the exact fraction: 64.6% is below 65%
    WHOLE_PERCENT = "whole-percent"  # round half up to a whole percent first: 64.6% → 65%


@dataclass(frozen=True)
class Source:
    """Where an element's wording or rule comes from: a seed file and its section heading."""

    document: str
    section: str

    def __str__(self) -> str:
        return f"{self.document} § {self.section}"


@dataclass(frozen=True)
class Reference:
    """An element of another (or the same) framework, by framework id and element id."""

    framework: str
    id: str

    def __str__(self) -> str:
        return f"{self.framework}:{self.id}"


@dataclass(frozen=True)
class Applicability:
    """Which cases a prompt applies to. Empty ``only`` means every case type."""

    only: frozenset[CaseType] = frozenset()
    excluded: frozenset[CaseType] = frozenset()

    def applies_to(self, case_types: frozenset[CaseType]) -> bool:
        """Seed 003 Annexe A §3: a '*' prompt does not apply to unpaid-work-only cases or cases
        with no rehabilitative requirements; a 'Post-custody cases only' prompt applies only to
        post-custody cases."""
        if self.only and not (self.only & case_types):
            return False
        return not (self.excluded & case_types)

    @property
    def is_universal(self) -> bool:
        return not self.only and not self.excluded


@dataclass(frozen=True)
class Evidence:
    """Seed 004: where to find evidence for a prompt."""

    in_advance: tuple[str, ...] = ()
    fieldwork: tuple[str, ...] = ()


@dataclass(frozen=True)
class Judgement:
    """Seed 004: when to answer a prompt yes (positive) and when no (negative)."""

    positive: str
    negative: str


@dataclass(frozen=True)
class Characteristics:
    """Seed 001 Annex G: what characterises Outstanding and Inadequate.

    Seed 001 §4.20: a framework to support the lead inspector, "rather than being a checklist"."""

    outstanding: tuple[str, ...]
    inadequate: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class Prompt:
    id: str
    letter: str
    text: str
    source: Source
    applicability: Applicability = Applicability()
    marker: str | None = None
    guidance: str | None = None
    evidence: Evidence | None = None
    judgement: Judgement | None = None
    notes: tuple[str, ...] = ()

    @property
    def allows_not_applicable(self) -> bool:
        """Seed 001 §3.2: "All the key questions and prompts have a binary yes or no
        response"; "not applicable" is therefore open only where the framework says a prompt
        does not apply to every case (seed 003 Annexe A §3: the '*' and "Post-custody cases
        only" prompts)."""
        return not self.applicability.is_universal


@dataclass(frozen=True)
class KeyQuestion:
    id: str
    text: str
    source: Source
    prompts: tuple[Prompt, ...] = ()
    answer_scale: AnswerScale = AnswerScale.YES_NO
    aggregate_of: Reference | None = None
    mirrors: Reference | None = None
    guidance: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def answered_by_aggregate(self) -> bool:
        return self.aggregate_of is not None

    @property
    def allows_not_applicable(self) -> bool:
        """Seed 001 §3.2 (binary yes/no) read with seed 003 Annexe A §3: a key question may be
        "not applicable" to a case only when none of its prompts applies to every case — then
        a case can fall outside all of them. The seeds give no per-key-question flag; this
        reading is ours and is documented in docs/framework-format.md."""
        return bool(self.prompts) and all(p.allows_not_applicable for p in self.prompts)


@dataclass(frozen=True)
class Standard:
    id: str
    name: str
    statement: str | None
    rated_by: RatedBy
    scored: bool
    source: Source
    key_questions: tuple[KeyQuestion, ...]
    sample: Sample | None = None
    aggregate_of: Reference | None = None
    characteristics: Characteristics | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    source: Source
    standards: tuple[Standard, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseInspection:
    """Seed 002 decision 7: cases inspected against another framework's key questions,
    reported as one data set with a percentage indicative of a rating."""

    framework: str
    domain: str
    indicative: bool
    note: str
    source: Source


@dataclass(frozen=True)
class VariantChange:
    """One thing a variant changes in the framework it extends, and why.

    ``element`` is the standard or prompt changed (None for the framework as a whole);
    ``before`` and ``after`` describe the value in words, as ``frameworks show`` prints it.
    """

    element: str | None
    what: str
    before: str | None
    after: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.element} " if self.element else ""
        was = f"{self.before} → " if self.before is not None else ""
        return f"{where}{self.what}: {was}{self.after} ({self.reason})"


@dataclass(frozen=True)
class Variant:
    """What a variant framework extends (framework id and version) and what it changes.

    ``source`` names the published practice or document the variant follows; the framework's
    own ``source`` stays that of its wording."""

    framework: str
    version: str
    source: Source
    changes: tuple[VariantChange, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    version: str
    unit: str
    licence: str
    source: Source
    confidence_level: float
    confidence_source: Source | None
    percentage_rounding: PercentageRounding
    banding: OverallBanding
    banding_source: Source | None
    banding_quote: str | None
    domains: tuple[Domain, ...]
    case_inspection: CaseInspection | None = None
    notes: tuple[str, ...] = ()
    variant_of: Variant | None = None
    path: str | None = field(default=None, compare=False)
    _index: dict[str, Standard | KeyQuestion | Prompt] = field(
        default_factory=dict, compare=False, repr=False
    )
    _parent: dict[str, Standard | KeyQuestion] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for standard in self.standards:
            self._index[standard.id] = standard
            for kq in standard.key_questions:
                self._index[kq.id] = kq
                self._parent[kq.id] = standard
                for prompt in kq.prompts:
                    self._index[prompt.id] = prompt
                    self._parent[prompt.id] = kq

    @property
    def standards(self) -> Iterator[Standard]:
        for domain in self.domains:
            yield from domain.standards

    def standard(self, standard_id: str) -> Standard:
        found = self._index.get(standard_id)
        if not isinstance(found, Standard):
            raise KeyError(f"{self.id} has no standard {standard_id!r}")
        return found

    def key_question(self, kq_id: str) -> KeyQuestion:
        found = self._index.get(kq_id)
        if not isinstance(found, KeyQuestion):
            raise KeyError(f"{self.id} has no key question {kq_id!r}")
        return found

    def prompt(self, prompt_id: str) -> Prompt:
        found = self._index.get(prompt_id)
        if not isinstance(found, Prompt):
            raise KeyError(f"{self.id} has no prompt {prompt_id!r}")
        return found

    def element(self, element_id: str) -> Standard | KeyQuestion | Prompt | None:
        return self._index.get(element_id)

    def standard_of(self, kq_id: str) -> Standard:
        parent = self._parent.get(kq_id)
        if not isinstance(parent, Standard):
            raise KeyError(f"{self.id} has no key question {kq_id!r}")
        return parent

    def key_question_of(self, prompt_id: str) -> KeyQuestion:
        parent = self._parent.get(prompt_id)
        if not isinstance(parent, KeyQuestion):
            raise KeyError(f"{self.id} has no prompt {prompt_id!r}")
        return parent

    @property
    def scored_standards(self) -> tuple[Standard, ...]:
        return tuple(s for s in self.standards if s.scored)

    @property
    def max_score(self) -> int:
        """Seed 001 §4.22: each scored standard scores at most 3."""
        return 3 * len(self.scored_standards)

    def counts(self) -> dict[str, int]:
        standards = list(self.standards)
        kqs = [kq for s in standards for kq in s.key_questions]
        return {
            "domains": len(self.domains),
            "standards": len(standards),
            "key_questions": len(kqs),
            "prompts": sum(len(kq.prompts) for kq in kqs),
        }
