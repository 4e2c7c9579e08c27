"""The ratings table and the departures section of a report."""

from __future__ import annotations

from pinspect.frameworks import Catalogue
from pinspect.report import Report, build_report, render_html
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from tests.core.report.scenarios import DEPARTURE_REASON, example_inputs


class TestRatingsTableSeed001_4_4:  # noqa: N801 - named after the seed clause
    """Seed 001 §4.4: "A visual representation of mock ratings (for an NPS division) is set out
    below.

        Overall rating for the NPS division   Good
        1    Organisational delivery
        1.1  Leadership                       Good
        1.2  Staff                            Good
        1.3  Services                         Outstanding
        1.4  Information and facilities       Requires improvement
        2    Case supervision
        2.1  Assessment                       Good
        2.2  Planning                         Good
        2.3  Implementation and delivery      Good
        2.4  Reviewing                        Requires improvement
        3    NPS specific work
        3.1  Court reports and case allocation Good
        3.2  Statutory victim work            Outstanding"
    """

    EXPECTED = (
        ("overall", "", "Overall rating for the NPS division", "Good"),
        ("domain", "1", "Organisational delivery", ""),
        ("standard", "1.1", "Leadership", "Good"),
        ("standard", "1.2", "Staff", "Good"),
        ("standard", "1.3", "Services", "Outstanding"),
        ("standard", "1.4", "Information and facilities", "Requires improvement"),
        ("domain", "2", "Case supervision", ""),
        ("standard", "2.1", "Assessment", "Good"),
        ("standard", "2.2", "Planning", "Good"),
        ("standard", "2.3", "Implementation and delivery", "Good"),
        ("standard", "2.4", "Reviewing", "Requires improvement"),
        ("domain", "3", "NPS specific work", ""),
        ("standard", "3.1", "Court reports and case allocation", "Good"),
        ("standard", "3.2", "Statutory victim work", "Outstanding"),
    )

    def test_the_mock_ratings_give_the_seed_table_row_for_row(
        self, mock_nps_report: Report
    ) -> None:
        rows = tuple((r.kind, r.id, r.name, r.rating_label) for r in mock_nps_report.ratings)
        assert rows == self.EXPECTED

    def test_the_overall_score_is_the_sum_of_the_standards_scores(
        self, mock_nps_report: Report
    ) -> None:
        """001 §4.22: 2+2+3+1 + 2+2+2+1 + 2+3 = 20 of 30, banded Good (16–25)."""
        overall = mock_nps_report.ratings[0]
        assert (overall.score, overall.max_score, overall.rating) == (20, 30, Rating.GOOD)

    def test_the_html_table_prints_the_rows_in_the_seed_order(
        self, mock_nps_report: Report
    ) -> None:
        html = render_html(mock_nps_report)
        table = html[html.index('<table class="ratings">') : html.index("</table>")]
        positions = [table.index(f">{name}<") for _, _, name, _ in self.EXPECTED]
        assert positions == sorted(positions)
        assert "Overall rating for the NPS division</th>" in table


def test_the_example_table_lists_overall_then_each_domain_and_its_standards(
    example_report: Report,
) -> None:
    assert [(r.kind, r.id) for r in example_report.ratings] == [
        ("overall", ""),
        ("domain", "1"),
        ("standard", "P1.1"),
        ("standard", "P1.2"),
        ("standard", "P1.3"),
        ("domain", "2"),
        ("standard", "P2.1"),
        ("standard", "P2.2"),
        ("standard", "P2.3"),
        ("standard", "P2.4"),
    ]
    labels = {r.id: r.rating_label for r in example_report.ratings if r.kind == "standard"}
    assert labels["P2.2"] == "Inadequate"
    assert labels["P2.1"] == "Outstanding"


class TestDeparturesSeed001_4_24:  # noqa: N801
    """Seed 001 §4.24: departures from the scoring rules are "agreed through the HMI Probation
    ratings panel, with the reasons being clearly set out"."""

    def test_the_table_shows_the_final_rating_and_the_departure(
        self, example_report: Report
    ) -> None:
        row = next(r for r in example_report.ratings if r.id == "P1.2")
        assert (row.rating, row.computed_rating, row.departed) == (
            Rating.GOOD,
            Rating.REQUIRES_IMPROVEMENT,
            True,
        )

    def test_the_departure_keeps_its_reasons_and_who_decided_when(
        self, example_report: Report
    ) -> None:
        (departure,) = example_report.departures
        assert departure.target == "P1.2"
        assert departure.computed is Rating.REQUIRES_IMPROVEMENT
        assert departure.final is Rating.GOOD
        assert departure.reason == DEPARTURE_REASON
        assert departure.decided_by == ("Director of Operations", "Assistant Chief Inspector")
        assert departure.proposed_by == "Lead Inspector Ada"

    def test_the_html_sets_out_the_reasons_escaped(self, example_html: str) -> None:
        section = example_html[example_html.index('id="departures"') :]
        section = section[: section.index("</section>")]
        assert "Staffing recovered &lt;b&gt;markedly&lt;/b&gt; after fieldwork &amp; the panel" in (
            section
        )
        assert "Requires improvement" in section
        assert "Director of Operations, Assistant Chief Inspector, 4 March 2025 10:30" in section

    def test_without_departures_the_section_says_so(self, mock_nps_report: Report) -> None:
        assert mock_nps_report.departures == ()
        assert "did not depart from the scoring rules" in render_html(mock_nps_report)


def test_an_overall_rating_that_cannot_be_computed_is_shown_as_not_rated_with_its_reason(
    catalogue: Catalogue,
) -> None:
    """001 §4.22: every scored standard needs a rating; without P1.1's the overall is null."""
    report = build_report(example_inputs(catalogue, unjudged=("P1.1",)), settings=Settings())
    overall = report.ratings[0]
    assert overall.rating_label == "Not rated"
    assert "P1.1" in overall.note
    assert next(r for r in report.ratings if r.id == "P1.1").rating_label == "Not rated"
    assert "Not rated" in render_html(report)
