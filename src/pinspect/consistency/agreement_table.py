"""The agreement table: per key question, per standard and per marker pair.

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases." Seed 001 §4.13: "We conduct training and quality
management exercises now, to check and if necessary refine our inspectors' consistency of
judgement". This module groups double markings and hands each group to
:mod:`pinspect.stats.agreement`:

- a key question's figures come from the cases marked at least twice for it;
- a standard's from every (case, key question) of its key questions, pooled;
- a marker pair's from every (case, question) both markers marked.

With two markers in a group, kappa is Cohen's; with more, Fleiss' and alpha is added. Yes, no
and n/a are three answers: a case one marker found not applicable and the other answered is a
disagreement. AC1 counts the answers possible as those the group used, at least two (yes and
no): three once anyone answered n/a.

A key question (or standard) is flagged when the figure named by the ``agreement_flag_figure``
setting falls below ``agreement_flag_below``. With a framework, each pair's disagreement is
also rated through the engine (see :mod:`pinspect.consistency.what_if`): would the key
question's band, or the standard's rating, differ with one marking counted instead of the
other?
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from pinspect.consistency.markings import MARKING_ANSWERS, Markings
from pinspect.consistency.what_if import (
    BandComparison,
    RatingComparison,
    compare_bands,
    compare_ratings,
)
from pinspect.frameworks.model import Framework
from pinspect.ratings.answer import Answer
from pinspect.scale.counts import YesNoCounts
from pinspect.settings import Settings
from pinspect.stats.agreement import (
    Agreement,
    Figure,
    category_counts,
    multi_marker_agreement,
    pair_agreement,
)

__all__ = [
    "AgreementTable",
    "PairAgreement",
    "QuestionAgreement",
    "StandardAgreement",
    "agreement_table",
    "flag_figure",
]

Units = Mapping[tuple[str, str], Mapping[str, Answer]]


@dataclass(frozen=True)
class QuestionAgreement:
    """One key question's agreement; ``bands`` compares the band each marker's answers give
    (empty without a framework)."""

    question: str
    standard: str | None
    agreement: Agreement
    flagged: bool
    bands: tuple[BandComparison, ...] = ()

    @property
    def band_changes(self) -> bool | None:
        """Whether counting one marker's answers instead of another's changes the band; None
        without a framework or when no pair could be compared."""
        known = [c.changes for c in self.bands if c.changes is not None]
        return any(known) if known else None


@dataclass(frozen=True)
class StandardAgreement:
    """One standard's pooled agreement and whether a pair's disagreement changes its rating."""

    standard: str
    name: str
    questions: tuple[str, ...]
    agreement: Agreement
    flagged: bool
    ratings: tuple[RatingComparison, ...]

    @property
    def rating_changes(self) -> bool | None:
        known = [c.changes for c in self.ratings if c.changes is not None]
        return any(known) if known else None


@dataclass(frozen=True)
class PairAgreement:
    """Two markers' agreement over every question both answered for the same case."""

    first: str
    second: str
    agreement: Agreement


@dataclass(frozen=True)
class AgreementTable:
    """Everything ``pinspect agreement`` prints and the web shows."""

    framework: str | None
    markers: tuple[str, ...]
    questions: tuple[QuestionAgreement, ...]
    standards: tuple[StandardAgreement, ...]
    pairs: tuple[PairAgreement, ...]
    flag_figure: str
    flag_below: float
    confidence_level: float
    draws: int
    seed: int

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(q.question for q in self.questions if q.flagged)

    @property
    def multi_marker(self) -> bool:
        """Whether any key question was marked by more than two markers (alpha is shown)."""
        return any(q.agreement.alpha is not None for q in self.questions)


def flag_figure(agreement: Agreement, name: str) -> Figure:
    """The figure named by the ``agreement_flag_figure`` setting; kappa stands in for alpha
    where only two markers marked the cases."""
    if name == "alpha":
        return agreement.alpha if agreement.alpha is not None else agreement.kappa
    figures = {"ac1": agreement.ac1, "kappa": agreement.kappa, "raw": agreement.raw}
    return figures[name]


def _is_flagged(agreement: Agreement, settings: Settings) -> bool:
    value = flag_figure(agreement, settings.agreement_flag_figure).value
    return value is not None and value < settings.agreement_flag_below


def _order(markers: Sequence[str], wanted: set[str]) -> list[str]:
    return [m for m in markers if m in wanted]


def group_agreement(units: Units, markers: Sequence[str], settings: Settings) -> Agreement:
    """Agreement over ``units`` ((case, question) → marker → answer): Cohen's figures for two
    markers, Fleiss' and alpha for more. ``markers`` gives their order (the first is the
    table's rows)."""
    marked = [answers for answers in units.values() if len(answers) >= 2]
    involved = _order(markers, {m for answers in marked for m in answers})
    used = {a for answers in marked for a in answers.values()}
    categories = 3 if Answer.NOT_APPLICABLE in used else 2
    level = settings.agreement_confidence_level
    draws, seed = settings.agreement_bootstrap_draws, settings.agreement_bootstrap_seed
    if len(involved) <= 2:
        first, second = ([*involved, "", ""])[:2]
        both = [a for a in marked if first in a and second in a]
        return pair_agreement(
            [MARKING_ANSWERS.index(a[first]) for a in both],
            [MARKING_ANSWERS.index(a[second]) for a in both],
            categories=categories,
            confidence_level=level,
            draws=draws,
            seed=seed,
        )
    counts = category_counts(
        [[MARKING_ANSWERS.index(answer) for answer in a.values()] for a in marked], categories
    )
    return multi_marker_agreement(
        counts,
        markers=len(involved),
        categories=categories,
        confidence_level=level,
        draws=draws,
        seed=seed,
    )


def agreement_table(
    markings: Markings,
    settings: Settings,
    framework: Framework | None = None,
    other_cases: Mapping[str, YesNoCounts] | None = None,
) -> AgreementTable:
    """The agreement table of ``markings``. With ``framework`` the questions are grouped by
    standard and each disagreement is rated; ``other_cases`` holds, per key question, the
    counted answers of the inspection's cases that were not double-marked (none for a file of
    markings alone), so a band compared is the band the inspection would have."""
    units = markings.by_case()
    order = markings.markers
    questions: list[QuestionAgreement] = []
    for question in markings.questions:
        of_question = {k: v for k, v in units.items() if k[1] == question}
        agreement = group_agreement(of_question, order, settings)
        standard = None if framework is None else framework.standard_of(question).id
        bands: tuple[BandComparison, ...] = ()
        if framework is not None:
            bands = compare_bands(framework, question, of_question, order, other_cases or {})
        questions.append(
            QuestionAgreement(
                question, standard, agreement, _is_flagged(agreement, settings), bands
            )
        )
    standards: list[StandardAgreement] = []
    if framework is not None:
        for standard_id in dict.fromkeys(q.standard for q in questions if q.standard):
            element = framework.standard(standard_id)
            kq_ids = tuple(kq.id for kq in element.key_questions)
            of_standard = {k: v for k, v in units.items() if k[1] in kq_ids}
            agreement = group_agreement(of_standard, order, settings)
            standards.append(
                StandardAgreement(
                    standard=element.id,
                    name=element.name,
                    questions=tuple(q for q in markings.questions if q in kq_ids),
                    agreement=agreement,
                    flagged=_is_flagged(agreement, settings),
                    ratings=compare_ratings(
                        framework, element, of_standard, order, other_cases or {}
                    ),
                )
            )
    pairs = []
    for first, second in combinations(order, 2):
        shared = {k: v for k, v in units.items() if first in v and second in v}
        if shared:
            pair_units = {k: {first: v[first], second: v[second]} for k, v in shared.items()}
            pairs.append(PairAgreement(first, second, group_agreement(pair_units, order, settings)))
    return AgreementTable(
        framework=None if framework is None else framework.id,
        markers=order,
        questions=tuple(questions),
        standards=tuple(standards),
        pairs=tuple(pairs),
        flag_figure=settings.agreement_flag_figure,
        flag_below=settings.agreement_flag_below,
        confidence_level=settings.agreement_confidence_level,
        draws=settings.agreement_bootstrap_draws,
        seed=settings.agreement_bootstrap_seed,
    )
