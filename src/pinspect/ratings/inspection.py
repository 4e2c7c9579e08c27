"""Rating an inspection: every standard, the overall rating, the case data and breakdowns.

:func:`rate_inspection` takes the framework, a table of case answers and everything else it
needs explicitly (judged ratings, departures, aggregated ratings, settings, the catalogue that
resolves cross-framework references) and returns an
:class:`~pinspect.ratings.inspection_result.InspectionResult`. :func:`rate_inspections` rates
every inspection of one table, counting all answers in one pass and computing every figure as
arrays; the result objects of an inspection are built when it is read. The inputs are checked
first (:mod:`pinspect.ratings.input_checks`); the result's JSON is
:func:`pinspect.ratings.serialisation.inspection_json`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import (
    AnswerScale,
    Framework,
    KeyQuestion,
    RatedBy,
    Reference,
    Standard,
)
from pinspect.problems import InputError, Problem
from pinspect.ratings.aggregate import aggregate_ratings
from pinspect.ratings.answer import ANSWER_CODES, Answer
from pinspect.ratings.answer_counts import (
    AnswerCounts,
    count_answers,
    question_targets,
)
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.breakdown import (
    Breakdown,
    BreakdownCounts,
    GroupFigures,
    breakdown_counts_for,
)
from pinspect.ratings.case_figures import CaseFigures, case_figures
from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.fragility import Fragility, inspections_fragility
from pinspect.ratings.input_checks import input_problems
from pinspect.ratings.inspection_result import CaseDataResult, InspectionResult
from pinspect.ratings.key_question import (
    AggregateEvidence,
    KeyQuestionResult,
    PromptResult,
    rate_key_question,
)
from pinspect.ratings.outcome import OutcomeCounts
from pinspect.ratings.overall import OverallResult, rate_overall
from pinspect.ratings.standard import (
    StandardResult,
    rate_aggregated_standard,
    rate_case_standard,
    rate_judged_standard,
    rate_not_rated_standard,
)
from pinspect.ratings.view import AnswerView, answer_view
from pinspect.scale.rating import Rating
from pinspect.settings import Settings

__all__ = ["InspectionResults", "rate_inspection", "rate_inspections"]

IntArray = npt.NDArray[np.int64]


def rate_inspection(
    framework: Framework,
    answers: AnswerTable,
    *,
    catalogue: Catalogue,
    settings: Settings | None = None,
    judged: Mapping[str, Rating] | None = None,
    departures: Sequence[Departure] = (),
    aggregate: Sequence[Rating] = (),
    by: Sequence[str] = (),
) -> InspectionResult:
    """Rate one inspection of ``framework`` from its case answers and judged ratings.

    Raises :class:`InputError` with every problem found (answers that do not fit the
    framework, judged ratings for standards that are not judged, unknown departure targets or
    attributes); nothing is rated then.
    """
    if len(answers.inspections) != 1:
        raise ValueError("rate_inspection rates one inspection; use rate_inspections")
    label = answers.inspections[0]
    return rate_inspections(
        framework,
        answers,
        catalogue=catalogue,
        settings=settings,
        judged={label: judged or {}},
        departures={label: departures},
        aggregate={label: aggregate},
        by=by,
    )[0]


class InspectionResults(Sequence[InspectionResult]):
    """The results of :func:`rate_inspections`, one per inspection in table order.

    Every figure is computed when rating: the answer counts (``counts``), the cases of each
    inspection (``cases``), the case-based key
    questions' bands and intervals and the case-based standards' ratings (``figures``, and
    ``case_data_figures`` for a framework whose cases are inspected against another's domain,
    002 decision 7), and the sub-group counts with small numbers suppressed
    (``breakdown_counts``, ``breakdown_figures``). One inspection's result objects are built
    when it is first read, together with those of its block of ``BLOCK`` inspections, whose
    confidence simulation runs together; an inspection's figures do not depend on which
    others are built with it.
    """

    BLOCK = 256

    def __init__(
        self,
        inspections: tuple[str, ...],
        build: Callable[[Sequence[int]], list[InspectionResult]],
        *,
        counts: AnswerCounts,
        cases: IntArray,
        figures: CaseFigures,
        case_data_figures: CaseFigures | None,
        breakdown_counts: tuple[BreakdownCounts, ...],
        breakdown_figures: tuple[GroupFigures, ...],
    ) -> None:
        self.inspections = inspections
        self.counts = counts
        self.cases = cases
        self.figures = figures
        self.case_data_figures = case_data_figures
        self.breakdown_counts = breakdown_counts
        self.breakdown_figures = breakdown_figures
        self._build = build
        self._built: list[InspectionResult | None] = [None] * len(inspections)

    def __len__(self) -> int:
        return len(self.inspections)

    @overload
    def __getitem__(self, index: int) -> InspectionResult: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[InspectionResult]: ...

    def __getitem__(self, index: int | slice) -> InspectionResult | Sequence[InspectionResult]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("inspection index out of range")
        found = self._built[index]
        if found is None:
            self.build(range(index - index % self.BLOCK, index - index % self.BLOCK + self.BLOCK))
            found = self._built[index]
            assert found is not None
        return found

    def __iter__(self) -> Iterator[InspectionResult]:
        for start in range(0, len(self), self.BLOCK):
            self.build(range(start, start + self.BLOCK))
            for index in range(start, min(start + self.BLOCK, len(self))):
                yield self[index]

    def build(self, indices: Sequence[int]) -> None:
        """Build the result objects of the inspections ``indices`` not built yet."""
        wanted = [i for i in indices if i < len(self) and self._built[i] is None]
        if wanted:
            for index, result in zip(wanted, self._build(wanted), strict=True):
                self._built[index] = result


def rate_inspections(
    framework: Framework,
    answers: AnswerTable,
    *,
    catalogue: Catalogue,
    settings: Settings | None = None,
    judged: Mapping[str, Mapping[str, Rating]] | None = None,
    departures: Mapping[str, Sequence[Departure]] | None = None,
    aggregate: Mapping[str, Sequence[Rating]] | None = None,
    by: Sequence[str] = (),
) -> InspectionResults:
    """Rate every inspection of ``answers`` (inspection label → judged ratings, departures,
    aggregated ratings). All answers are counted in one pass and every figure is computed as
    arrays; each inspection's result objects are built when read (see
    :class:`InspectionResults`). Inspections with departures are built at once, so a
    departure that cannot apply is reported here."""
    settings = settings or Settings()
    judged = judged or {}
    departures = departures or {}
    aggregate = aggregate or {}
    view = answer_view(framework, catalogue)
    question_target = question_targets(view, answers)
    known = {a.name for a in answers.attributes}
    group_counts: list[BreakdownCounts] = []
    if all(name in known for name in by):
        group_counts = breakdown_counts_for(
            view,
            answers,
            by,
            question_target=question_target,
            targets=[i for i, t in enumerate(view.targets) if not t.is_prompt],
        )
    counts = count_answers(view, answers, question_target=question_target)
    problems = input_problems(
        framework,
        answers,
        view,
        catalogue=catalogue,
        judged=judged,
        departures=departures,
        by=by,
        question_target=question_target,
        answer_totals=counts.counts.sum(axis=0),
    )
    if problems:
        raise InputError(problems)
    figures = case_figures(framework, view, counts.counts)
    inspected = framework.case_inspection
    case_data_figures = None
    if inspected is not None:
        source = catalogue[inspected.framework]
        case_data_figures = case_figures(
            source,
            view,
            counts.counts,
            [s for d in source.domains if d.id == inspected.domain for s in d.standards],
        )
    breakdown_kqs = [
        (i, t.id)
        for i, t in enumerate(view.targets)
        if not t.is_prompt
        and t.scale is AnswerScale.YES_NO
        and _is_case_based(catalogue, t.framework, t.id)
    ]
    breakdown_figures = tuple(
        g.suppressed(breakdown_kqs, settings.suppress_below) for g in group_counts
    )
    unused = tuple(sorted(q for q in answers.questions if q in view.unused))
    settings_dict = _settings_dict(framework, settings)
    columns = _Columns.of(view)

    def build(indices: Sequence[int]) -> list[InspectionResult]:
        labels = [answers.inspections[i] for i in indices]
        rows = counts.counts[list(indices)].reshape(len(indices), -1).tolist()
        rated = [
            _rate_one(
                framework,
                row,
                columns,
                catalogue=catalogue,
                settings=settings,
                judged=judged.get(label, {}),
                departures=departures.get(label, ()),
                aggregate=aggregate.get(label, ()),
            )
            for row, label in zip(rows, labels, strict=True)
        ]
        standards = _with_fragility(
            [r.standards for r in rated], framework, settings, [r.overall for r in rated]
        )
        overalls = [
            None
            if r.overall is None
            else r.overall.with_fragility(fragility.overall, settings.fragile_threshold)
            for r, fragility in zip(rated, standards.fragility, strict=True)
        ]
        case_data = _case_data(framework, [r.case_data for r in rated], catalogue, settings)
        return [
            InspectionResult(
                framework=framework.id,
                inspection=label,
                standards=tuple(standards.results[position]),
                overall=overalls[position],
                overall_reason=rated[position].overall_reason,
                case_data=case_data[position],
                breakdowns=tuple(Breakdown.of(f, index) for f in breakdown_figures),
                settings=dict(settings_dict),
                unused_questions=unused,
            )
            for position, (index, label) in enumerate(zip(indices, labels, strict=True))
        ]

    results = InspectionResults(
        answers.inspections,
        build,
        counts=counts,
        cases=np.bincount(answers.case_inspection, minlength=len(answers.inspections))
        if answers.case_inspection is not None
        else np.asarray([len(answers.cases)], dtype=np.int64),
        figures=figures,
        case_data_figures=case_data_figures,
        breakdown_counts=tuple(group_counts),
        breakdown_figures=breakdown_figures,
    )
    results.build([i for i, label in enumerate(answers.inspections) if departures.get(label)])
    return results


@dataclass(frozen=True)
class _Columns:
    """Where each key question's and prompt's counts sit in an inspection's row of counts
    (the counts of every target, ``ANSWER_CODES`` answers each, in the order of the view)."""

    key_question: dict[tuple[str, str], int]
    prompts: dict[tuple[str, str], tuple[tuple[str, int], ...]]

    @classmethod
    def of(cls, view: AnswerView) -> _Columns:
        key_question: dict[tuple[str, str], int] = {}
        prompts: dict[tuple[str, str], list[tuple[str, int]]] = {}
        current: list[tuple[str, int]] = []
        for index, target in enumerate(view.targets):
            column = index * ANSWER_CODES
            if target.is_prompt:
                current.append((target.id, column))
            else:
                key_question[(target.framework, target.id)] = column
                current = prompts.setdefault((target.framework, target.id), [])
        return cls(key_question, {k: tuple(v) for k, v in prompts.items()})


_YES, _NO, _NOT_APPLICABLE = int(Answer.YES), int(Answer.NO), int(Answer.NOT_APPLICABLE)


def _key_question(
    framework: Framework,
    standard: Standard,
    kq: KeyQuestion,
    *,
    row: Sequence[int],
    columns: _Columns,
    evidence: AggregateEvidence | None,
) -> KeyQuestionResult:
    at = columns.key_question[(framework.id, kq.id)]
    yes, no, na = row[at + _YES], row[at + _NO], row[at + _NOT_APPLICABLE]
    prompts = tuple(
        PromptResult(row[c + _YES], row[c + _NO], row[c + _NOT_APPLICABLE], id=prompt_id)
        for prompt_id, c in columns.prompts[(framework.id, kq.id)]
    )
    mirrors = None if kq.mirrors is None else str(kq.mirrors)
    if kq.answer_scale is AnswerScale.OUTCOME:
        # 003 §4.11: met through stability is sufficient progress, counted as met and apart.
        stability = row[at + Answer.MET_THROUGH_STABILITY]
        outcomes = OutcomeCounts(
            met=row[at + Answer.MET] + stability,
            part_met=row[at + Answer.PART_MET],
            not_met=row[at + Answer.NOT_MET],
            not_applicable=na,
            met_through_stability=stability,
        )
        return KeyQuestionResult(
            0, 0, na, id=kq.id, answer_scale=kq.answer_scale, prompts=prompts, outcomes=outcomes
        )
    if kq.aggregate_of is not None:
        return KeyQuestionResult(
            0, 0, 0, id=kq.id, answer_scale=kq.answer_scale, aggregate=evidence
        )
    if standard.rated_by is RatedBy.CASES and kq.answer_scale is AnswerScale.YES_NO:
        return rate_key_question(
            kq.id,
            yes,
            no,
            na,
            rounding=framework.percentage_rounding,
            confidence_level=framework.confidence_level,
            prompts=prompts,
            mirrors=mirrors,
        )
    return KeyQuestionResult(
        yes, no, na, id=kq.id, answer_scale=kq.answer_scale, prompts=prompts, mirrors=mirrors
    )


def _aggregate_evidence(
    reference: Reference, ratings: Sequence[Rating], rule: str
) -> AggregateEvidence:
    return AggregateEvidence(
        of=str(reference),
        rule=rule,
        ratings=tuple(ratings),
        rating=aggregate_ratings(ratings, rule) if ratings else None,
    )


def _rate_standard(
    framework: Framework,
    standard: Standard,
    *,
    row: Sequence[int],
    columns: _Columns,
    settings: Settings,
    judged: Mapping[str, Rating],
    aggregate: Sequence[Rating],
    indicative: bool = False,
) -> StandardResult:
    kq_results = []
    for kq in standard.key_questions:
        evidence = None
        if kq.aggregate_of is not None:
            evidence = _aggregate_evidence(kq.aggregate_of, aggregate, settings.aggregate_rule)
        kq_results.append(
            _key_question(framework, standard, kq, row=row, columns=columns, evidence=evidence)
        )
    key_questions = tuple(kq_results)
    if standard.rated_by is RatedBy.CASES:
        return rate_case_standard(standard, key_questions, indicative=indicative)
    if standard.rated_by is RatedBy.JUDGEMENT:
        return rate_judged_standard(standard, key_questions, judged.get(standard.id))
    if standard.rated_by is RatedBy.AGGREGATE:
        if standard.aggregate_of is None:
            raise ValueError(f"{standard.id} is rated by aggregate but names nothing to aggregate")
        evidence = _aggregate_evidence(standard.aggregate_of, aggregate, settings.aggregate_rule)
        return rate_aggregated_standard(standard, key_questions, evidence)
    outcomes = [kq.outcomes for kq in key_questions if kq.outcomes is not None]
    total = None
    if outcomes:
        total = OutcomeCounts(
            met=sum(o.met for o in outcomes),
            part_met=sum(o.part_met for o in outcomes),
            not_met=sum(o.not_met for o in outcomes),
            not_applicable=sum(o.not_applicable for o in outcomes),
            met_through_stability=sum(o.met_through_stability for o in outcomes),
        )
    return rate_not_rated_standard(standard, key_questions, total)


@dataclass(frozen=True)
class _WithFragility:
    """Every inspection's standards with their fragility, and the fragility itself."""

    results: list[list[StandardResult]]
    fragility: list[Fragility]


def _with_fragility(
    standards: Sequence[Sequence[StandardResult]],
    framework: Framework,
    settings: Settings,
    overall: Sequence[OverallResult | None],
) -> _WithFragility:
    """The confidence figures of every inspection, simulated together (same figures as one
    inspection at a time)."""
    simulated = [[s for s in inspection if s.rated_by is RatedBy.CASES] for inspection in standards]
    held = [[s for s in inspection if s.rated_by is not RatedBy.CASES] for inspection in standards]
    fragility = inspections_fragility(
        simulated,
        held,
        rounding=framework.percentage_rounding,
        banding=framework.banding,
        computed_overall=[None if o is None else o.computed_rating for o in overall],
        draws=settings.simulation_draws,
        seed=settings.simulation_seed,
    )
    threshold = settings.fragile_threshold
    results = [
        [
            s.with_fragility(found.standards[s.id], threshold) if s.id in found.standards else s
            for s in inspection
        ]
        for inspection, found in zip(standards, fragility, strict=True)
    ]
    return _WithFragility(results, fragility)


@dataclass(frozen=True)
class _Rated:
    """One inspection's standards and overall rating, before the confidence simulation."""

    standards: list[StandardResult]
    overall: OverallResult | None
    overall_reason: str | None
    case_data: list[StandardResult] | None


def _rate_one(
    framework: Framework,
    row: Sequence[int],
    columns: _Columns,
    *,
    catalogue: Catalogue,
    settings: Settings,
    judged: Mapping[str, Rating],
    departures: Sequence[Departure],
    aggregate: Sequence[Rating],
) -> _Rated:
    standards = [
        _rate_standard(
            framework,
            s,
            row=row,
            columns=columns,
            settings=settings,
            judged=judged,
            aggregate=aggregate,
        )
        for s in framework.standards
    ]
    problems: list[Problem] = []
    by_target = {}
    for departure in departures:
        if departure.target in by_target:
            problems.append(Problem(None, None, "target", f"two departures for {departure.target}"))
        by_target[departure.target] = departure
    standards = [s.with_departure(by_target[s.id]) if s.id in by_target else s for s in standards]
    overall, overall_reason = rate_overall(framework.banding, standards)
    if OVERALL in by_target:
        if overall is None:
            problems.append(
                Problem(
                    None,
                    None,
                    "target",
                    f"no overall rating was computed to depart from: {overall_reason}",
                )
            )
        else:
            overall = overall.with_departure(by_target[OVERALL])
    if problems:
        raise InputError(problems)

    case_data = None
    inspected = framework.case_inspection
    if inspected is not None:
        source_framework = catalogue[inspected.framework]
        case_data = [
            _rate_standard(
                source_framework,
                s,
                row=row,
                columns=columns,
                settings=settings,
                judged={},
                aggregate=(),
                indicative=inspected.indicative,
            )
            for domain in source_framework.domains
            if domain.id == inspected.domain
            for s in domain.standards
        ]
    return _Rated(standards, overall, overall_reason, case_data)


def _case_data(
    framework: Framework,
    rated: Sequence[list[StandardResult] | None],
    catalogue: Catalogue,
    settings: Settings,
) -> list[CaseDataResult | None]:
    """002 decision 7: the inspected framework's standards as one indicative data set."""
    inspected = framework.case_inspection
    if inspected is None:
        return [None] * len(rated)
    source_framework = catalogue[inspected.framework]
    standards = [r or [] for r in rated]
    with_fragility = _with_fragility(standards, source_framework, settings, [None] * len(rated))
    return [
        CaseDataResult(
            framework=source_framework.id,
            domain=inspected.domain,
            note=inspected.note,
            source=str(inspected.source),
            standards=tuple(data_standards),
        )
        for data_standards in with_fragility.results
    ]


def _is_case_based(catalogue: Catalogue, framework_id: str, kq_id: str) -> bool:
    return catalogue[framework_id].standard_of(kq_id).rated_by is RatedBy.CASES


def _settings_dict(framework: Framework, settings: Settings) -> dict[str, Any]:
    return {
        "percentage_rounding": framework.percentage_rounding.value,
        "confidence_level": framework.confidence_level,
        "fragile_threshold": settings.fragile_threshold,
        "simulation_draws": settings.simulation_draws,
        "simulation_seed": settings.simulation_seed,
        "suppress_below": settings.suppress_below,
        "aggregate_rule": settings.aggregate_rule,
    }
