"""Inspections the report tests are built from: the bundled example and seed scenarios."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pinspect.examples import example_path
from pinspect.frameworks import Catalogue
from pinspect.frameworks.model import Framework
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.departure import Departure
from pinspect.ratings.inputs import (
    read_case_answers,
    read_case_attributes,
    read_judged_ratings,
    with_attributes,
)
from pinspect.ratings.inspection import rate_inspection
from pinspect.report import PanelRecord, Recommendation, ReportInputs, SurveyQuestion
from pinspect.scale.rating import Rating

SETTINGS_DRAWS = 500
KEY = b"report-test-key"
SECRET = "SECRET-REF-"
"""Prefix of the example's case references in these tests: it must never reach an annex."""

DEPARTURE_REASON = "Staffing recovered <b>markedly</b> after fieldwork & the panel agreed"
SCRIPT = "<script>alert('x')</script>"
RECOMMENDATIONS = (
    Recommendation("Example PDU", "Improve planning for keeping other people safe " + SCRIPT),
    Recommendation("HMPPS Wales", "Fund interpreters for all supervision appointments"),
    Recommendation("Example PDU", '=HYPERLINK("http://example.invalid")'),
)
SURVEY = (
    SurveyQuestion(
        "S1",
        "Did your probation practitioner listen to you?",
        {"Yes": 30, "Sometimes": 8, "No": 2},
        ("P1.2.3.a",),
    ),
)
PANEL = (
    PanelRecord(
        target="P1.2",
        decision="departed",
        decided_by=("Director of Operations", "Assistant Chief Inspector"),
        decided_at=datetime(2025, 3, 4, 10, 30),
        proposed_by="Lead Inspector Ada",
        reason=DEPARTURE_REASON,
    ),
)


def example_table(catalogue: Catalogue, framework: Framework) -> AnswerTable:
    """The bundled 60-case example with its attributes, case references made recognisable,
    and one extra attribute whose values look like spreadsheet formulas."""
    table = read_case_answers(example_path("cases"), framework, catalogue)
    attributes = read_case_attributes(example_path("attributes"), table.cases)
    formulas = ("=1+1", "+44 20", "-3", "@SUM(A1)")
    attributes["note"] = {c: formulas[i % 4] for i, c in enumerate(table.cases)}
    table = with_attributes(table, attributes)
    return replace(table, cases=tuple(SECRET + c for c in table.cases), _question_index={})


def example_inputs(
    catalogue: Catalogue,
    *,
    unjudged: tuple[str, ...] = (),
    suppress_below: int = 5,
    **changes: object,
) -> ReportInputs:
    """The example inspection rated (judged ratings of ``unjudged`` standards left out), with
    a departure, recommendations, a survey question and the panel's record."""
    framework = catalogue.get_framework("hmip-2023-pdu")
    table = example_table(catalogue, framework)
    judged = read_judged_ratings(example_path("judged"), framework, catalogue)
    judged = {k: v for k, v in judged.items() if k not in unjudged}
    from pinspect.settings import Settings  # noqa: PLC0415

    result = rate_inspection(
        framework,
        table,
        catalogue=catalogue,
        settings=Settings(simulation_draws=SETTINGS_DRAWS, suppress_below=suppress_below),
        judged=judged,
        departures=[Departure("P1.2", Rating.GOOD, DEPARTURE_REASON)],
        by=["sex", "ethnicity"],
    )
    inputs = ReportInputs(
        framework=framework,
        result=result,
        answers=table,
        title="Inspection of probation services",
        unit="Example PDU",
        pseudonym_key=KEY,
        recommendations=RECOMMENDATIONS,
        survey=SURVEY,
        panel=PANEL,
        catalogue=catalogue,
    )
    return replace(inputs, **changes)  # type: ignore[arg-type]


# Seed 001 §4.4's mock ratings for an NPS division, standard by standard.
MOCK_RATINGS = {
    "1.1": Rating.GOOD,
    "1.2": Rating.GOOD,
    "1.3": Rating.OUTSTANDING,
    "1.4": Rating.REQUIRES_IMPROVEMENT,
    "2.1": Rating.GOOD,
    "2.2": Rating.GOOD,
    "2.3": Rating.GOOD,
    "2.4": Rating.REQUIRES_IMPROVEMENT,
    "3.1": Rating.GOOD,
    "3.2": Rating.OUTSTANDING,
}
# Yes answers of 10 cases that put a key question in the band of each rating
# (001 §4.8, §4.9, §4.10).
YES_OF_TEN = {
    Rating.INADEQUATE: 4,
    Rating.REQUIRES_IMPROVEMENT: 6,
    Rating.GOOD: 7,
    Rating.OUTSTANDING: 9,
}


def mock_nps_inputs(catalogue: Catalogue) -> ReportInputs:
    """An hmip-2018-nps inspection whose ratings are exactly those of seed 001 §4.4."""
    framework = catalogue.get_framework("hmip-2018-nps")
    answers: list[tuple[str, str, Answer]] = []
    judged = {}
    for standard in framework.standards:
        target = MOCK_RATINGS[standard.id]
        if standard.sample is None:
            judged[standard.id] = target
            continue
        for kq in standard.key_questions:
            for case in range(10):
                answer = Answer.YES if case < YES_OF_TEN[target] else Answer.NO
                answers.append((f"{standard.sample.value}-{case}", kq.id, answer))
    table = AnswerTable.from_answers(answers)
    from pinspect.settings import Settings  # noqa: PLC0415

    result = rate_inspection(
        framework,
        table,
        catalogue=catalogue,
        settings=Settings(simulation_draws=SETTINGS_DRAWS),
        judged=judged,
    )
    return ReportInputs(
        framework=framework,
        result=result,
        answers=table,
        title="Mock ratings",
        unit="the NPS division",
        pseudonym_key=KEY,
        catalogue=catalogue,
    )
