"""Which prompts and key questions apply to a case: one rule, for the form, the API and the engine.

Seed 003 Annexe A §3: "Prompts marked * do not apply in unpaid work only cases, or other cases
with no rehabilitative requirements", and prompts that begin "Post-custody cases only" apply to
post-custody cases. The framework files record this per prompt (``applies_to``, read into
:class:`~pinspect.frameworks.model.Applicability`); a case says what kind of case it is with a
:class:`CaseKind`, in the words the framework files use: ``case_type`` (``community`` or
``post_custody``) and the yes/no flags ``unpaid_work_only`` and
``no_rehabilitative_requirements``.

:func:`not_asked` is the one rule: every prompt that does not apply to a case, and every key
question none of whose prompts applies, with the reason in words. The case form shows those as
"Does not apply: <reason>" and does not ask them; saving and rating refuse a yes or no answer
to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pinspect.frameworks.model import CaseType, Framework, KeyQuestion, Prompt

__all__ = [
    "CASE_KIND_COLUMNS",
    "CASE_TYPE_COLUMN",
    "FLAG_COLUMNS",
    "CaseKind",
    "case_kind_attributes",
    "case_kind_from",
    "case_type_for_sentence",
    "not_asked",
    "parse_case_type",
    "parse_flag",
    "why_not_applicable",
]

CASE_TYPE_COLUMN = "case_type"
FLAG_COLUMNS: tuple[str, ...] = ("unpaid_work_only", "no_rehabilitative_requirements")
#: The attribute columns that say what kind of case a case is.
CASE_KIND_COLUMNS: tuple[str, ...] = (CASE_TYPE_COLUMN, *FLAG_COLUMNS)

_SENTENCE_CASE_TYPES = (CaseType.COMMUNITY, CaseType.POST_CUSTODY)
_CASE_TYPE_SPELLINGS = {
    "community": CaseType.COMMUNITY,
    "post custody": CaseType.POST_CUSTODY,
    "post-custody": CaseType.POST_CUSTODY,
    "post_custody": CaseType.POST_CUSTODY,
}
_FLAG_SPELLINGS = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}
_TYPE_WORDS = {
    CaseType.COMMUNITY: "community",
    CaseType.POST_CUSTODY: "post-custody",
    CaseType.UNPAID_WORK_ONLY: "unpaid-work-only",
    CaseType.NO_REHABILITATIVE_REQUIREMENTS: "with no rehabilitative requirements",
}


def parse_case_type(text: str) -> CaseType:
    """``community`` or ``post_custody`` (also ``post-custody``, ``post custody``; any case)."""
    found = _CASE_TYPE_SPELLINGS.get(" ".join(text.split()).lower())
    if found is None:
        raise ValueError(f"{text!r} is not a case type; expected community or post_custody")
    return found


def parse_flag(text: str) -> bool:
    """A yes/no flag: yes, no (also y, n, true, false, 1, 0; any case)."""
    found = _FLAG_SPELLINGS.get(text.strip().lower())
    if found is None:
        raise ValueError(f"{text!r} is not yes or no")
    return found


def case_type_for_sentence(is_post_custody: bool) -> CaseType:
    """The case type of a long list's sentence type: licence and post-sentence supervision
    follow custody (post_custody); community and suspended sentence orders are community."""
    return CaseType.POST_CUSTODY if is_post_custody else CaseType.COMMUNITY


@dataclass(frozen=True)
class CaseKind:
    """What kind of case a case is, as seed 003 Annexe A §3 tells cases apart: community or
    post-custody, and whether it is unpaid work only or has no rehabilitative requirements."""

    case_type: CaseType
    unpaid_work_only: bool = False
    no_rehabilitative_requirements: bool = False

    def __post_init__(self) -> None:
        if self.case_type not in _SENTENCE_CASE_TYPES:
            raise ValueError("a case's type is community or post_custody")

    @property
    def types(self) -> frozenset[CaseType]:
        """The framework's case types this case is (what ``applies_to`` is compared with)."""
        types = {self.case_type}
        if self.unpaid_work_only:
            types.add(CaseType.UNPAID_WORK_ONLY)
        if self.no_rehabilitative_requirements:
            types.add(CaseType.NO_REHABILITATIVE_REQUIREMENTS)
        return frozenset(types)

    @property
    def words(self) -> str:
        """The kind in words: "a post-custody case", "an unpaid-work-only community case"."""
        parts = []
        if self.unpaid_work_only:
            parts.append("unpaid-work-only")
        parts.append(_TYPE_WORDS[self.case_type])
        text = " ".join(parts) + " case"
        if self.no_rehabilitative_requirements:
            text += " with no rehabilitative requirements"
        return ("an " if text[0] in "aeiou" else "a ") + text


def case_kind_from(values: Mapping[str, str]) -> CaseKind | None:
    """The kind of a case from its attributes (``case_type`` and the two flags), or None when
    its case type is not recorded; a blank flag is no. Raises ValueError naming the column."""
    text = (values.get(CASE_TYPE_COLUMN) or "").strip()
    flags: dict[str, bool] = {}
    for column in FLAG_COLUMNS:
        value = (values.get(column) or "").strip()
        try:
            flags[column] = parse_flag(value) if value else False
        except ValueError as error:
            raise ValueError(f"{column}: {error}") from None
    if not text:
        return None
    try:
        case_type = parse_case_type(text)
    except ValueError as error:
        raise ValueError(f"{CASE_TYPE_COLUMN}: {error}") from None
    return CaseKind(case_type, **flags)


def case_kind_attributes(kind: CaseKind | None) -> dict[str, str]:
    """The kind as attribute values in the framework files' words: ``case_type`` (community or
    post_custody) and each flag yes or no; empty when the kind is not recorded."""
    if kind is None:
        return {}
    return {
        CASE_TYPE_COLUMN: kind.case_type.value,
        "unpaid_work_only": "yes" if kind.unpaid_work_only else "no",
        "no_rehabilitative_requirements": "yes" if kind.no_rehabilitative_requirements else "no",
    }


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _types_in_words(types: Iterable[CaseType]) -> str:
    return " or ".join(_TYPE_WORDS[t] for t in sorted(types, key=lambda t: t.value))


def why_not_applicable(prompt: Prompt, kind: CaseKind) -> str | None:
    """Seed 003 Annexe A §3: why ``prompt`` does not apply to a case of ``kind``, in words, or
    None when it applies: a "Post-custody cases only" prompt applies to post-custody cases
    only; a '*' prompt does not apply to unpaid-work-only cases or cases with no rehabilitative
    requirements."""
    applicability = prompt.applicability
    if applicability.applies_to(kind.types):
        return None
    if applicability.only and not (applicability.only & kind.types):
        return _sentence(
            f"{_types_in_words(applicability.only)} cases only, and this is {kind.words}"
        )
    excluded = sorted(applicability.excluded & kind.types, key=lambda t: t.value)
    marked = " (prompts marked *)" if prompt.marker == "*" else ""
    if excluded == [CaseType.NO_REHABILITATIVE_REQUIREMENTS]:
        return f"Not asked in cases with no rehabilitative requirements{marked}"
    if excluded == [CaseType.UNPAID_WORK_ONLY]:
        return f"Not asked in unpaid-work-only cases{marked}"
    return (
        "Not asked in unpaid-work-only cases or cases with no rehabilitative requirements" + marked
    )


def _key_question_not_asked(key_question: KeyQuestion, kind: CaseKind) -> str | None:
    if not key_question.prompts:
        return None
    reasons = [why_not_applicable(p, kind) for p in key_question.prompts]
    if any(reason is None for reason in reasons):
        return None
    return f"none of its prompts applies to {kind.words}"


def not_asked(framework: Framework, kind: CaseKind | None) -> dict[str, str]:
    """Seed 003 Annexe A §3: the prompts of ``framework`` that do not apply to a case of
    ``kind``, and its key questions none of whose prompts applies, each id with the reason
    in words (empty when the kind is not recorded: then nothing can be told apart)."""
    if kind is None:
        return {}
    found: dict[str, str] = {}
    for standard in framework.standards:
        for key_question in standard.key_questions:
            for prompt in key_question.prompts:
                reason = why_not_applicable(prompt, kind)
                if reason is not None:
                    found[prompt.id] = reason
            kq_reason = _key_question_not_asked(key_question, kind)
            if kq_reason is not None:
                found[key_question.id] = _sentence(kq_reason)
    return found
