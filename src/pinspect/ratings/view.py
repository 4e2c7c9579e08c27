"""Which framework element each answered question feeds: the views over one set of answers.

Seed 001 §3.3 and seed 000: the regional public protection and desistance standards (R2.1,
R2.2) ask the PDU assessment, planning, implementation and reviewing key questions grouped by
aim, so one set of case answers feeds both views. A regional key question that ``mirrors`` a
PDU key question takes the answers given under either id; prompts are matched by letter.

Seed 002 decision 7: in the national inspection "cases … will be inspected against our
current PDU domain two standards" and presented "as a single national data set"; the national
framework's ``case_inspection`` names that framework and domain, whose key questions and
prompts become targets of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import AnswerScale, Framework, KeyQuestion, Prompt, Standard

__all__ = ["AnswerView", "Target", "answer_view"]


@dataclass(frozen=True)
class Target:
    """A framework element that answers are counted for."""

    framework: str
    id: str
    scale: AnswerScale
    is_prompt: bool
    aggregate: bool = False

    def accepts_answers(self) -> bool:
        return self.scale is not AnswerScale.OPEN and not self.aggregate


@dataclass(frozen=True)
class AnswerView:
    """The targets of one framework and the question ids that feed each of them."""

    framework: str
    targets: tuple[Target, ...]
    feeds: dict[str, int] = field(repr=False)
    unused: frozenset[str] = frozenset()
    mirrored_ids: dict[str, str] = field(default_factory=dict, repr=False)
    _positions: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._positions.update({(t.framework, t.id): i for i, t in enumerate(self.targets)})

    def target_index(self, framework_id: str, element_id: str) -> int:
        try:
            return self._positions[(framework_id, element_id)]
        except KeyError:
            raise KeyError(f"{framework_id}:{element_id} is not counted in this view") from None

    def accepts(self, question_id: str) -> bool:
        return question_id in self.feeds or question_id in self.unused


def _elements(standards: Iterator[Standard]) -> Iterator[tuple[KeyQuestion, Prompt | None]]:
    for standard in standards:
        for kq in standard.key_questions:
            yield kq, None
            for prompt in kq.prompts:
                yield kq, prompt


def answer_view(framework: Framework, catalogue: Catalogue) -> AnswerView:
    """The view of ``framework``: its own elements, the key questions they mirror and, for a
    framework with a ``case_inspection``, the inspected framework's domain as its own targets."""
    targets: list[Target] = []
    feeds: dict[str, int] = {}
    mirrored_ids: dict[str, str] = {}

    def add(framework_id: str, kq: KeyQuestion, prompt: Prompt | None) -> int:
        element_id = kq.id if prompt is None else prompt.id
        scale = kq.answer_scale if prompt is None else AnswerScale.YES_NO
        if kq.answer_scale is AnswerScale.OPEN:
            scale = AnswerScale.OPEN
        targets.append(
            Target(
                framework=framework_id,
                id=element_id,
                scale=scale,
                is_prompt=prompt is not None,
                aggregate=kq.aggregate_of is not None,
            )
        )
        feeds[element_id] = len(targets) - 1
        return len(targets) - 1

    mirrored_domains: set[tuple[str, str]] = set()
    for kq, prompt in _elements(framework.standards):
        index = add(framework.id, kq, prompt)
        mirrored = catalogue.mirrored_key_question(kq)
        if mirrored is None or kq.mirrors is None:
            continue
        source = catalogue[kq.mirrors.framework]
        mirrored_domains.update(
            (source.id, d.id)
            for d in source.domains
            if any(k.id == mirrored.id for s in d.standards for k in s.key_questions)
        )
        if prompt is None:
            feeds[mirrored.id] = index
            mirrored_ids[mirrored.id] = kq.id
        else:
            for other in mirrored.prompts:
                if other.letter == prompt.letter:
                    feeds[other.id] = index
                    mirrored_ids[other.id] = prompt.id

    unused: set[str] = set()
    for framework_id, domain_id in mirrored_domains:
        source = catalogue[framework_id]
        for domain in source.domains:
            if domain.id != domain_id:
                continue
            for kq, prompt in _elements(iter(domain.standards)):
                element_id = kq.id if prompt is None else prompt.id
                if element_id not in feeds:
                    unused.add(element_id)

    inspected = framework.case_inspection
    if inspected is not None:
        source = catalogue[inspected.framework]
        for domain in source.domains:
            if domain.id == inspected.domain:
                for kq, prompt in _elements(iter(domain.standards)):
                    add(source.id, kq, prompt)

    return AnswerView(
        framework=framework.id,
        targets=tuple(targets),
        feeds=feeds,
        unused=frozenset(unused),
        mirrored_ids=mirrored_ids,
    )
