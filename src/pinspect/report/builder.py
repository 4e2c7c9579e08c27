"""Building a :class:`~pinspect.report.content.Report` from a rated inspection.

Nothing here rates anything: every rating, band, interval, departure, fragility flag and
suppressed group comes from the :class:`~pinspect.ratings.inspection.InspectionResult` the
engine produced. The builder puts them in the order the report prints them — seed 001 §4.4:
the overall rating first, then each domain and its standards — and replaces case references
by keyed pseudonyms for the data annex.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from pinspect.frameworks.catalogue import Catalogue, bundled_catalogue
from pinspect.frameworks.model import Framework, KeyQuestion, Prompt, RatedBy
from pinspect.ratings.answer import Answer
from pinspect.ratings.breakdown import Breakdown
from pinspect.ratings.departure import OVERALL
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.standard import StandardResult
from pinspect.report.content import (
    BreakdownCell,
    BreakdownGroup,
    BreakdownTable,
    CaseAnswerRow,
    CaseDataSection,
    DepartureRow,
    KeyQuestionRow,
    KeyQuestionTable,
    OutcomeRow,
    OutcomeSection,
    PromptRow,
    RatingRow,
    Report,
    SurveyResponse,
    SurveyRow,
)
from pinspect.report.inputs import PanelRecord, ReportInputs, SampleBasis, SurveyQuestion
from pinspect.report.pseudonymisation import pseudonyms
from pinspect.scale.banding import BandingKind
from pinspect.scale.counts import display_percent
from pinspect.settings import Settings
from pinspect.stats.suppression import is_suppressed

__all__ = ["NOT_COMPARABLE", "SUPPRESSED_VALUE", "build_report"]

NOT_COMPARABLE = "Indicative only: not comparable with PDU or regional results"
"""002 decision 7: how the national inspection's case data is labelled wherever it appears."""

SUPPRESSED_VALUE = "suppressed"
"""A case attribute value held by fewer than ``suppress_below`` cases, in the data annex."""


class _Questions:
    """Question and prompt texts, looked up in the report's framework and then in the
    frameworks its answers may come from (national case data, mirrored key questions)."""

    def __init__(self, frameworks: Sequence[Framework]) -> None:
        self._frameworks = frameworks

    def element(self, element_id: str) -> KeyQuestion | Prompt | None:
        for framework in self._frameworks:
            element = framework.element(element_id)
            if isinstance(element, KeyQuestion | Prompt):
                return element
        return None

    def text(self, element_id: str) -> str:
        element = self.element(element_id)
        return "" if element is None else element.text

    def sample(self, element_id: str) -> str:
        """The sample of the standard a key question or prompt belongs to, or ''."""
        for framework in self._frameworks:
            element = framework.element(element_id)
            if isinstance(element, Prompt):
                element = framework.key_question_of(element_id)
            if isinstance(element, KeyQuestion):
                sample = framework.standard_of(element.id).sample
                return "" if sample is None else sample.value
        return ""


def _related_frameworks(framework: Framework, catalogue: Catalogue) -> list[Framework]:
    frameworks = [framework]
    names: list[str] = []
    if framework.case_inspection is not None:
        names.append(framework.case_inspection.framework)
    names.extend(
        kq.mirrors.framework
        for standard in framework.standards
        for kq in standard.key_questions
        if kq.mirrors is not None
    )
    for name in dict.fromkeys(names):
        if name != framework.id and name in catalogue:
            frameworks.append(catalogue[name])
    return frameworks


def build_report(inputs: ReportInputs, *, settings: Settings) -> Report:
    """The report of one rated inspection (see the module docstring).

    Raises ValueError when the pseudonym key is empty or two cases' pseudonyms collide.
    """
    framework, result = inputs.framework, inputs.result
    catalogue = inputs.catalogue if inputs.catalogue is not None else bundled_catalogue()
    questions = _Questions(_related_frameworks(framework, catalogue))
    suppress_below = int(result.settings.get("suppress_below", settings.suppress_below))
    attribute_names, case_answers = _case_answers(inputs, questions, settings, suppress_below)
    return Report(
        title=inputs.title,
        unit=inputs.unit,
        mock=inputs.mock,
        published_on=inputs.published_on,
        framework_id=framework.id,
        framework_title=framework.title,
        framework_version=framework.version,
        licence=framework.licence,
        ratings=tuple(_ratings_table(framework, result, inputs.unit)),
        overall_note=result.overall_reason or "",
        key_questions=tuple(
            _key_question_table(s, questions) for s in result.standards if _is_case_based(s)
        ),
        departures=tuple(_departures(result, inputs.panel)),
        breakdowns=tuple(_breakdown_table(b, questions) for b in result.breakdowns),
        suppress_below=suppress_below,
        survey=tuple(_survey_row(q) for q in inputs.survey),
        outcomes=tuple(
            _outcome_section(s, questions) for s in result.standards if s.outcomes is not None
        ),
        recommendations=inputs.recommendations,
        case_data=_case_data(result, catalogue, questions),
        method_notes=_method_notes(framework, result, inputs.basis),
        confidence_level=_confidence_level(framework, result),
        attribute_names=attribute_names,
        case_answers=case_answers,
        basis=inputs.basis,
    )


def _is_case_based(standard: StandardResult) -> bool:
    return standard.rated_by is RatedBy.CASES


def _standard_row(standard: StandardResult) -> RatingRow:
    return RatingRow(
        kind="standard",
        id=standard.id,
        name=standard.name,
        rating=standard.rating,
        computed_rating=standard.computed_rating,
        departed=standard.departure is not None,
        rated_by=standard.rated_by.value,
        score=standard.score if standard.scored else None,
        fragile=standard.fragile,
        p_rating_differs=standard.p_rating_differs,
        note=_standard_note(standard),
    )


def _standard_note(standard: StandardResult) -> str:
    if standard.outcomes is not None:
        return "Baseline data, not rated (003 §4.10): see Outcomes"
    if standard.rating is None:
        return standard.reason or ""
    if not standard.scored:
        return "not scored in the overall rating"
    return ""


def _ratings_table(
    framework: Framework, result: InspectionResult, unit: str
) -> Iterator[RatingRow]:
    """Seed 001 §4.4: the overall rating first, then each domain followed by its standards."""
    overall = result.overall
    name = f"Overall rating for {unit}" if unit else "Overall rating"
    if overall is None:
        yield RatingRow(kind="overall", id="", name=name, note=result.overall_reason or "")
    else:
        yield RatingRow(
            kind="overall",
            id="",
            name=name,
            rating=overall.rating,
            computed_rating=overall.computed_rating,
            departed=overall.departure is not None,
            score=overall.score,
            max_score=overall.max_score,
            fragile=overall.fragile,
            p_rating_differs=overall.p_rating_differs,
        )
    for domain in framework.domains:
        yield RatingRow(kind="domain", id=domain.id, name=domain.name)
        for standard in domain.standards:
            yield _standard_row(result.standard(standard.id))


def _key_question_table(standard: StandardResult, questions: _Questions) -> KeyQuestionTable:
    rows = []
    for kq in standard.key_questions:
        deciding = kq.rating is not None and kq.rating == standard.computed_rating
        rows.append(
            KeyQuestionRow(
                id=kq.id,
                text=questions.text(kq.id),
                yes=kq.yes,
                no=kq.no,
                not_applicable=kq.not_applicable,
                band=kq.band,
                rating=kq.rating,
                interval=None
                if kq.interval is None
                else (round(kq.interval[0], 1), round(kq.interval[1], 1)),
                fragile=bool(standard.fragile) and deciding,
                next_band_needs=kq.next_band_needs,
                prompts=tuple(
                    PromptRow(
                        id=p.id,
                        text=questions.text(p.id),
                        yes=p.yes,
                        no=p.no,
                        not_applicable=p.not_applicable,
                    )
                    for p in kq.prompts
                ),
            )
        )
    return KeyQuestionTable(
        standard_id=standard.id,
        standard_name=standard.name,
        rating=standard.rating,
        fragile=standard.fragile,
        p_rating_differs=standard.p_rating_differs,
        rows=tuple(rows),
        indicative=standard.indicative,
    )


def _panel_record(panel: Sequence[PanelRecord], target: str) -> PanelRecord | None:
    records = [p for p in panel if p.target == target]
    departed = [p for p in records if p.decision == "departed"]
    chosen = departed or records
    return chosen[-1] if chosen else None


def _departures(result: InspectionResult, panel: Sequence[PanelRecord]) -> Iterator[DepartureRow]:
    """001 §4.24: every departure with the computed and final rating and its reasons."""
    found = [
        (s.id, s.name, s.computed_rating, s.departure)
        for s in result.standards
        if s.departure is not None
    ]
    overall = result.overall
    if overall is not None and overall.departure is not None:
        found.insert(0, (OVERALL, "Overall rating", overall.computed_rating, overall.departure))
    for target, name, computed, departure in found:
        assert departure is not None
        record = _panel_record(panel, target)
        yield DepartureRow(
            target=target,
            target_name=name,
            computed=computed,
            final=departure.final,
            reason=departure.reason.strip(),
            decided_by=() if record is None else record.decided_by,
            decided_at=None if record is None else record.decided_at,
            proposed_by="" if record is None else record.proposed_by,
        )


def _breakdown_table(breakdown: Breakdown, questions: _Questions) -> BreakdownTable:
    """003 §3.5: the engine's breakdown; a group whose case count it suppressed is left out."""
    key_questions: tuple[tuple[str, str], ...] = ()
    groups = []
    for group in breakdown.groups:
        if not key_questions:
            key_questions = tuple((kq.id, questions.text(kq.id)) for kq in group.key_questions)
        if group.cases is None:
            continue
        groups.append(
            BreakdownGroup(
                values=group.values,
                cases=group.cases,
                cells=tuple(
                    BreakdownCell(
                        key_question=kq.id,
                        yes=kq.yes,
                        no=kq.no,
                        percent=kq.percent,
                        suppressed=kq.suppressed,
                    )
                    for kq in group.key_questions
                ),
            )
        )
    return BreakdownTable(by=breakdown.by, key_questions=key_questions, groups=tuple(groups))


def _survey_row(question: SurveyQuestion) -> SurveyRow:
    """003 §5.6, §5.7, §5.8, §5.9: each survey question's responses, counted and as percentages."""
    total = sum(question.responses.values())
    return SurveyRow(
        id=question.id,
        text=question.text,
        prompts=question.prompts,
        responses=tuple(
            SurveyResponse(option=option, count=count, percent=display_percent(count, total))
            for option, count in question.responses.items()
        ),
        total=total,
    )


def _outcome_section(standard: StandardResult, questions: _Questions) -> OutcomeSection:
    """003 §4.10: outcomes are reported as baseline data and never rated."""
    rows = tuple(
        OutcomeRow.of(kq.id, questions.text(kq.id), kq.outcomes)
        for kq in standard.key_questions
        if kq.outcomes is not None
    )
    total = None
    if standard.outcomes is not None and len(rows) > 1:
        total = OutcomeRow.of("", "All outcomes", standard.outcomes)
    return OutcomeSection(
        standard_id=standard.id,
        standard_name=standard.name,
        rows=rows,
        total=total,
        note=standard.reason or "",
    )


def _case_data(
    result: InspectionResult, catalogue: Catalogue, questions: _Questions
) -> CaseDataSection | None:
    """002 decision 7: the national case data, labelled as not comparable."""
    data = result.case_data
    if data is None:
        return None
    title = catalogue[data.framework].title if data.framework in catalogue else data.framework
    return CaseDataSection(
        framework_id=data.framework,
        framework_title=title,
        label=NOT_COMPARABLE,
        note=data.note,
        ratings=tuple(_standard_row(s) for s in data.standards),
        key_questions=tuple(
            _key_question_table(s, questions) for s in data.standards if _is_case_based(s)
        ),
    )


def _confidence_level(framework: Framework, result: InspectionResult) -> float:
    """The level the engine computed the key-question intervals at."""
    return float(result.settings.get("confidence_level", framework.confidence_level))


def basis_notes(basis: SampleBasis | None) -> tuple[str, ...]:
    """What the ratings rest on, in sentences: the sample (001 §4.12), the cases inspected,
    the reserve used and withdrawals, and cases left open at the panel with the reason."""
    if basis is None:
        return ()
    notes = [
        f"{basis.cases_inspected} of the {basis.sample_size} cases in the sample were inspected."
    ]
    if basis.confidence_level is not None and basis.margin_of_error is not None:
        notes.append(
            f"The sample was sized for {basis.confidence_level:.0%} confidence with a margin of "
            f"error of {basis.margin_of_error:.0%} (001 §4.12)."
        )
    else:
        notes.append("The sample's size was given, not computed from a confidence level.")
    withdrawn = "case was" if basis.withdrawn == 1 else "cases were"
    notes.append(
        f"{basis.withdrawn} {withdrawn} withdrawn from the sample and {basis.reserve_used} "
        f"reserve case{'' if basis.reserve_used == 1 else 's'} used in their place."
    )
    if basis.open_cases:
        notes.append(
            f"The inspection went to the ratings panel with {basis.open_cases} sample "
            f"case{' still open' if basis.open_cases == 1 else 's still open'}; the lead "
            f"inspector's reason: {basis.open_cases_reason}"
        )
    return tuple(notes)


def _method_notes(
    framework: Framework, result: InspectionResult, basis: SampleBasis | None = None
) -> tuple[str, ...]:
    level = _confidence_level(framework, result)
    notes = [
        *basis_notes(basis),
        "Each key question was answered yes or no for every inspected case it applies to; its "
        "percentage is the share of applicable cases answered yes (seed 001 §4.7).",
        "Bands: Minority under 50%, Too few 50–64%, Reasonable majority 65–79%, Large majority "
        "80% and over (001 §4.8). A standard rated from cases takes the rating of its lowest "
        "key question: Inadequate, Requires improvement, Good, Outstanding (001 §4.10). "
        f"Percentages meet the band boundaries by the '{framework.percentage_rounding.value}' "
        "rule.",
        f"Intervals are Wilson score intervals at {level:.0%} confidence. A rating is marked "
        "fragile when a fresh sample of the same size would give a different rating with "
        f"probability above {result.settings.get('fragile_threshold', 0.2)}.",
        "Judged standards are proposed by the lead inspector and verified by the ratings panel "
        "(001 §4.15, §4.16, §4.17).",
    ]
    banding = framework.banding
    if banding.kind is not BandingKind.NONE:
        bands = ", ".join(
            f"{band.rating.label} {band.min_score}–{band.max_score}" for band in banding.bands
        )
        source = "published" if banding.kind is BandingKind.PUBLISHED else "derived by 001 §4.23"
        notes.append(
            "The overall rating adds the scores of the scored standards (Inadequate 0, Requires "
            f"improvement 1, Good 2, Outstanding 3; 001 §4.22, no weightings, §4.25) and bands "
            f"the total ({source}): {bands}."
        )
    notes.append(framework.licence)
    return tuple(notes)


def _case_answers(
    inputs: ReportInputs, questions: _Questions, settings: Settings, suppress_below: int
) -> tuple[tuple[str, ...], tuple[CaseAnswerRow, ...]]:
    """The inspection's answers in long format, each case named by its pseudonym only.

    Rows are ordered by pseudonym (not by case reference, whose order could identify cases);
    an attribute value held by fewer than ``suppress_below`` of the inspection's cases is
    written as ``suppressed``, the same small-number rule the breakdowns use.
    """
    table = inputs.answers
    index = (
        table.inspections.index(inputs.result.inspection)
        if inputs.result.inspection in table.inspections
        else 0
    )
    rows = [int(r) for r in (table.row_inspection == index).nonzero()[0]]
    case_codes = sorted({int(table.case[r]) for r in rows})
    names = pseudonyms(
        inputs.pseudonym_key,
        (table.cases[c] for c in case_codes),
        length=settings.pseudonym_length,
    )
    attribute_names = tuple(a.name for a in table.attributes)
    values: dict[int, tuple[str, ...]] = dict.fromkeys(case_codes, ())
    for attribute in table.attributes:
        counts = Counter(int(attribute.codes[c]) for c in case_codes)
        for c in case_codes:
            code = int(attribute.codes[c])
            if code < 0:
                text = ""
            elif is_suppressed(counts[code], suppress_below):
                text = SUPPRESSED_VALUE
            else:
                text = attribute.values[code]
            values[c] = (*values[c], text)
    samples = {q: questions.sample(q) for q in table.questions}
    answers = [
        CaseAnswerRow(
            case=names[table.cases[int(table.case[r])]],
            sample=samples[table.questions[int(table.question[r])]],
            question=table.questions[int(table.question[r])],
            answer=Answer(int(table.answer[r])).word,
            attributes=values[int(table.case[r])],
        )
        for r in rows
    ]
    answers.sort(key=lambda row: row.case)  # stable: each case keeps its answers' order
    return attribute_names, tuple(answers)
