"""Key questions, diversity breakdowns, outcomes, people on probation, national case data and
recommendations: what each section of a report holds."""

from __future__ import annotations

import re

import pytest

from pinspect.examples import example_path
from pinspect.frameworks import Catalogue
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inputs import read_case_answers
from pinspect.ratings.inspection import rate_inspection
from pinspect.report import Report, ReportInputs, build_report, render_html
from pinspect.scale.rating import Band, Rating
from pinspect.settings import Settings
from tests.core.report.scenarios import KEY, SETTINGS_DRAWS, example_inputs


def _section(html: str, section_id: str) -> str:
    start = html.index(f'<section id="{section_id}"')
    return html[start : html.index("</section>", start)]


class TestKeyQuestionsSeed001_4_7To4_10:  # noqa: N801
    """Seed 001 §4.7, §4.8, §4.9, §4.10: yes/no per case and key question; "the consolidated
    results (at key question level)" are banded and the standard "aligned to the lowest banding"."""

    def test_every_case_based_standard_has_its_key_questions_in_order(
        self, example_report: Report
    ) -> None:
        assert [t.standard_id for t in example_report.key_questions] == [
            "P2.1",
            "P2.2",
            "P2.3",
            "P2.4",
        ]
        assert [r.id for r in example_report.key_questions[1].rows] == [
            "P2.2.1",
            "P2.2.2",
            "P2.2.3",
        ]

    def test_a_row_carries_counts_percent_band_rating_and_interval(
        self, example_report: Report
    ) -> None:
        row = example_report.key_questions[1].rows[1]  # P2.2.2: 19 of 60 in the example
        assert (row.yes, row.no, row.not_applicable) == (19, 41, 0)
        assert row.percent == 31.7
        assert (row.band, row.rating) == (Band.MINORITY, Rating.INADEQUATE)
        assert row.interval is not None
        assert row.interval[0] < 31.7 < row.interval[1]
        assert row.text.startswith("Does planning focus sufficiently")

    def test_the_fragile_flag_marks_the_key_question_that_decides_a_fragile_rating(
        self, example_report: Report
    ) -> None:
        """The example's P2.3 is Good on a fragile margin, decided by P2.3.2 (41 of 60)."""
        table = example_report.key_questions[2]
        assert table.fragile is True
        assert [r.id for r in table.rows if r.fragile] == ["P2.3.2"]
        assert not any(r.fragile for t in example_report.key_questions[:2] for r in t.rows)

    def test_the_html_has_the_percentages_in_the_table_and_as_bar_charts(
        self, example_html: str
    ) -> None:
        section = _section(example_html, "key-questions")
        assert '<td class="num">31.7%</td>' in section
        assert 'aria-label="P2.2.2 answered yes: 31.7%"' in section
        assert section.count('<svg class="bar"') == 12
        assert 'width="63.4"' in section  # 31.7% of the 200-unit bar


class TestDiversitySeed003_3_5:  # noqa: N801
    """Seed 003 §3.5: "We will aggregate data where it is meaningful to do so"; results by
    sub-group, small groups suppressed by the engine (``suppress_below``)."""

    def test_groups_the_engine_suppressed_are_absent(
        self, example_report_inputs: ReportInputs, example_report: Report
    ) -> None:
        engine = {b.by: b for b in example_report_inputs.result.breakdowns}
        for table in example_report.breakdowns:
            shown = {g.values for g in table.groups}
            suppressed = {g.values for g in engine[table.by].groups if g.cases is None}
            visible = {g.values for g in engine[table.by].groups if g.cases is not None}
            assert shown == visible
            assert not shown & suppressed

    def test_the_small_ethnic_groups_appear_nowhere_in_the_html(
        self, example_report: Report, example_html: str
    ) -> None:
        """The example has 3 Mixed and 2 Other cases: fewer than 5, so neither is shown."""
        ethnicity = next(t for t in example_report.breakdowns if t.by == ("ethnicity",))
        assert [g.label for g in ethnicity.groups] == ["Asian", "Black", "White"]
        section = _section(example_html, "diversity")
        assert "Mixed" not in section
        assert "Other" not in section
        assert '<th scope="row">Female, White</th>' in section

    def test_the_engines_threshold_decides_what_is_shown(self, catalogue: Catalogue) -> None:
        """Rated with ``suppress_below`` 10, the Asian (7) and Black (8) groups go as well."""
        inputs = example_inputs(catalogue, suppress_below=10)
        report = build_report(inputs, settings=Settings())
        ethnicity = next(t for t in report.breakdowns if t.by == ("ethnicity",))
        assert [g.label for g in ethnicity.groups] == ["White"]
        assert report.suppress_below == 10
        html = _section(render_html(report), "diversity")
        assert "groups of fewer than\n10 cases are not shown" in html
        assert ">Asian<" not in html

    def test_the_section_states_the_suppression_rule(self, example_html: str) -> None:
        section = _section(example_html, "diversity")
        assert "groups of fewer than\n5 cases are not shown" in section


def _outcome_inputs(catalogue: Catalogue) -> ReportInputs:
    framework = catalogue.get_framework("hmip-2021-pdu")
    words = (
        [Answer.MET] * 9 + [Answer.PART_MET] * 6 + [Answer.NOT_MET] * 4 + [Answer.NOT_APPLICABLE]
    )
    table = AnswerTable.from_answers(
        (f"S{i:02d}", "2.6.1", answer) for i, answer in enumerate(words)
    )
    result = rate_inspection(
        framework,
        table,
        catalogue=catalogue,
        settings=Settings(simulation_draws=SETTINGS_DRAWS),
    )
    return ReportInputs(
        framework=framework,
        result=result,
        answers=table,
        title="Outcomes",
        unit="Example PDU",
        pseudonym_key=KEY,
    )


@pytest.fixture(scope="module")
def outcome_report(catalogue: Catalogue) -> Report:
    return build_report(_outcome_inputs(catalogue), settings=Settings())


class TestOutcomesSeed003_4_10:  # noqa: N801
    """Seed 003 §4.10: "We will not rate outcomes for at least the first 12 months of our
    inspection activity. Instead we will collect and publish baseline data on progress against
    key outcomes"."""

    def test_outcomes_are_counted_with_percentages(self, outcome_report: Report) -> None:
        (section,) = outcome_report.outcomes
        (row,) = section.rows
        assert (row.met, row.part_met, row.not_met, row.not_applicable) == (9, 6, 4, 1)
        assert (row.percent_met, row.percent_part_met, row.percent_not_met) == (47.4, 31.6, 21.1)

    def test_the_outcomes_standard_is_not_rated_in_the_ratings_table(
        self, outcome_report: Report
    ) -> None:
        row = next(r for r in outcome_report.ratings if r.id == "2.6")
        assert row.rating is None
        assert row.rating_label == "Not rated"
        assert "not rated" in row.note

    def test_the_html_labels_outcomes_as_baseline_data_not_rated(
        self, outcome_report: Report
    ) -> None:
        section = _section(render_html(outcome_report), "outcomes")
        assert "Outcomes: baseline data, not rated" in section
        assert "(baseline data, not rated)</caption>" in section
        assert "47.4%" in section
        assert not re.search(r"Outstanding|Inadequate|Requires improvement|>Good<", section)

    def test_a_report_without_outcomes_has_no_outcomes_section(self, example_html: str) -> None:
        assert 'id="outcomes"' not in example_html


class TestPeopleOnProbationSeed003_5:  # noqa: N801
    """Seed 003 §5.9: "findings from these survey responses and interviews with people on
    probation will be summarised in a dedicated section in the inspection report"."""

    def test_the_survey_is_counted_with_percentages(self, example_report: Report) -> None:
        (question,) = example_report.survey
        assert question.total == 40
        assert [(r.option, r.count, r.percent) for r in question.responses] == [
            ("Yes", 30, 75.0),
            ("Sometimes", 8, 20.0),
            ("No", 2, 5.0),
        ]

    def test_the_section_shows_each_question_with_a_chart(self, example_html: str) -> None:
        section = _section(example_html, "people-on-probation")
        assert "<h3>Did your probation practitioner listen to you?</h3>" in section
        assert "40 responses; informs P1.2.3.a" in section
        assert 'aria-label="Sometimes: 20.0%"' in section


@pytest.fixture(scope="module")
def national_report(catalogue: Catalogue) -> Report:
    framework = catalogue.get_framework("hmip-2024-national")
    table = read_case_answers(example_path("cases"), framework, catalogue)
    result = rate_inspection(
        framework,
        table,
        catalogue=catalogue,
        settings=Settings(simulation_draws=SETTINGS_DRAWS),
        judged={s.id: Rating.GOOD for s in framework.standards},
    )
    inputs = ReportInputs(
        framework=framework,
        result=result,
        answers=table,
        title="National inspection",
        unit="England and Wales",
        pseudonym_key=KEY,
        catalogue=catalogue,
    )
    return build_report(inputs, settings=Settings())


class TestNationalCaseDataSeed002Decision7:
    """Seed 002 decision 7: the national case data is "indicative" and "should not be compared
    with case inspection data from regional or PDU inspections"."""

    def test_the_case_data_is_labelled_not_comparable(self, national_report: Report) -> None:
        assert national_report.case_data is not None
        assert national_report.case_data.label.endswith(
            "not comparable with PDU or regional results"
        )
        assert [r.id for r in national_report.case_data.ratings] == ["P2.1", "P2.2", "P2.3", "P2.4"]
        assert all(t.indicative for t in national_report.case_data.key_questions)

    def test_the_html_prints_the_label_and_the_seed_note(self, national_report: Report) -> None:
        section = _section(render_html(national_report), "case-data")
        assert "not comparable with PDU or regional results" in section
        assert "should not be compared with case inspection data" in section

    def test_the_national_ratings_table_holds_only_the_judged_national_standards(
        self, national_report: Report
    ) -> None:
        ids = [r.id for r in national_report.ratings if r.kind == "standard"]
        assert ids == ["N.1", "N.2", "N.3", "N.4"]
        assert national_report.key_questions == ()

    def test_case_answers_keep_the_sample_of_the_pdu_standards(
        self, national_report: Report
    ) -> None:
        assert {row.sample for row in national_report.case_answers} == {"supervision"}


def test_recommendations_are_grouped_by_the_body_they_are_addressed_to_in_order(
    example_html: str,
) -> None:
    section = _section(example_html, "recommendations")
    assert section.index("Example PDU should:") < section.index("HMPPS Wales should:")
    first = section[section.index("Example PDU should:") : section.index("HMPPS Wales")]
    assert first.count("<li>") == 2
    assert "=HYPERLINK(&#34;http://example.invalid&#34;)" in first


def test_the_report_has_a_json_twin(example_report: Report) -> None:
    """The same content as JSON-ready data: ratings as their labels, no case reference."""
    import json  # noqa: PLC0415

    data = json.loads(json.dumps(example_report.as_dict()))
    assert data["ratings"][0]["name"] == "Overall rating for Example PDU"
    assert data["ratings"][0]["rating"] == "Good"
    assert data["departures"][0]["computed"] == "Requires improvement"
    assert "SECRET-REF-" not in json.dumps(data)
