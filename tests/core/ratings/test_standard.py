"""Standard ratings: 001 §4.10 (case-based), §4.15, §4.16, §4.17 (judged), 003 §4.10 (outcomes)."""

from __future__ import annotations

import pytest

from pinspect.frameworks import Catalogue
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.serialisation import outcomes_json
from pinspect.ratings.standard import lowest_key_question_rating
from pinspect.scale.rating import Band, Rating
from pinspect.settings import Settings
from tests.core.ratings.builders import table_for

FAST = Settings(simulation_draws=200)


class Test001Section4Point10LowestKeyQuestion:
    """001 §4.10: "For each standard, the rating will be aligned to the lowest banding at the key
    question level, recognising that each key question is an integral part of the standard." """

    def test_the_rule(self) -> None:
        """001 §4.10: the minimum of the key questions' ratings."""
        ratings = [Rating.OUTSTANDING, Rating.GOOD, Rating.OUTSTANDING]
        assert lowest_key_question_rating(ratings) is Rating.GOOD
        with pytest.raises(ValueError, match="at least one"):
            lowest_key_question_rating([])

    def test_worked_example_4_11_outstanding(self, catalogue: Catalogue) -> None:
        """001 §4.11: "implementation and delivery will be rated as outstanding when there is a
        sufficient focus on all three key questions … across a 'large majority' (80%+)"."""
        framework = catalogue.get_framework("hmip-2018-nps")
        table = table_for({"2.3.1": (40, 10), "2.3.2": (41, 9), "2.3.3": (45, 5)})
        result = rate_inspection(framework, table, catalogue=catalogue, settings=FAST)
        standard = result.standard("2.3")
        assert [kq.band for kq in standard.key_questions] == [Band.LARGE_MAJORITY] * 3
        assert standard.rating is Rating.OUTSTANDING

    def test_worked_example_4_11_good(self, catalogue: Catalogue) -> None:
        """001 §4.11: "if the banding is a 'reasonable majority' (65-79%) in relation to one of
        the three key questions, then we will rate implementation and delivery as good"."""
        framework = catalogue.get_framework("hmip-2018-nps")
        table = table_for({"2.3.1": (40, 10), "2.3.2": (35, 15), "2.3.3": (45, 5)})
        standard = rate_inspection(framework, table, catalogue=catalogue, settings=FAST).standard(
            "2.3"
        )
        assert standard.key_questions[1].band is Band.REASONABLE_MAJORITY
        assert standard.rating is Rating.GOOD
        assert standard.next_band_needs == 5  # 35 → 40 of 50 = 80%

    def test_key_question_without_applicable_case_leaves_standard_not_rated(
        self, catalogue: Catalogue
    ) -> None:
        """001 §4.10 needs every key question's banding: a key question answered n/a for every
        case makes the standard not rated, with a reason naming it — never Inadequate."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        table = table_for({"P2.1.1": (10, 2), "P2.1.2": (0, 0, 12), "P2.1.3": (9, 3)})
        result = rate_inspection(framework, table, catalogue=catalogue, settings=FAST)
        standard = result.standard("P2.1")
        assert standard.rating is None
        assert standard.reason is not None
        assert "P2.1.2" in standard.reason
        assert standard.key_questions[1].percent is None
        assert result.overall is None
        assert result.overall_reason is not None
        assert "P2.1" in result.overall_reason

    def test_not_applicable_answers_do_not_count(self, catalogue: Catalogue) -> None:
        """001 §4.7: percentages are over the cases a key question applies to."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        table = table_for({"P2.1.1": (8, 2, 10), "P2.1.2": (8, 2), "P2.1.3": (8, 2)})
        kq = (
            rate_inspection(framework, table, catalogue=catalogue, settings=FAST)
            .standard("P2.1")
            .key_questions[0]
        )
        assert (kq.yes, kq.no, kq.not_applicable, kq.percent) == (8, 2, 10, 80.0)

    def test_prompt_percentages_are_reported(self, catalogue: Catalogue) -> None:
        """001 §4.7 "informed by the prompts": prompt counts are reported beside the key
        question's."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        table = table_for({"P2.1.1": (4, 1), "P2.1.1.a": (3, 1, 1)})
        kq = (
            rate_inspection(framework, table, catalogue=catalogue, settings=FAST)
            .standard("P2.1")
            .key_questions[0]
        )
        prompt = kq.prompts[0]
        assert (prompt.id, prompt.yes, prompt.no, prompt.not_applicable) == ("P2.1.1.a", 3, 1, 1)
        assert prompt.percent == 75.0


class Test001Section4Point15JudgedStandards:
    """001 §4.15: "Domain One ratings will be proposed by the lead inspector in each case. It
    will be a single judgement, using all the relevant sources of evidence." """

    def test_supplied_rating_is_the_rating(self, catalogue: Catalogue) -> None:
        """001 §4.15, §4.16, §4.17: the supplied rating, with the key-question answers kept as
        evidence."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        table = table_for({"P1.1.1": (1, 0), "P1.1.1.a": (1, 0)})
        result = rate_inspection(
            framework, table, catalogue=catalogue, settings=FAST, judged={"P1.1": Rating.GOOD}
        )
        standard = result.standard("P1.1")
        assert standard.rating is Rating.GOOD
        assert standard.key_questions[0].yes == 1
        assert standard.key_questions[0].band is None  # evidence, not a banding

    def test_no_rating_supplied_is_null_with_reason(self, catalogue: Catalogue) -> None:
        """001 §4.15: without the lead inspector's rating the standard is not rated."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        result = rate_inspection(
            framework, table_for({"P2.1.1": (1, 0)}), catalogue=catalogue, settings=FAST
        )
        standard = result.standard("P1.2")
        assert standard.rating is None
        assert standard.reason is not None
        assert "no judged rating" in standard.reason


class Test003Section4Point10Outcomes:
    """003 §4.10: "We will not rate outcomes for at least the first 12 months of our inspection
    activity. Instead we will collect and publish baseline data"; 003 §4.2: "met/part met/not
    met for outcomes in individual cases"."""

    def test_outcomes_are_counted_and_not_rated(self, catalogue: Catalogue) -> None:
        """003 §4.2, §4.10: counts and percentages of met / part met / not met; rating null."""
        framework = catalogue.get_framework("hmip-2021-pdu")
        rows = [(f"C{i}", "2.6.1", Answer.MET) for i in range(5)]
        rows += [(f"D{i}", "2.6.1", Answer.PART_MET) for i in range(3)]
        rows += [(f"E{i}", "2.6.1", Answer.NOT_MET) for i in range(2)]
        rows += [("F0", "2.6.1", Answer.NOT_APPLICABLE), ("C0", "2.6.1.a", Answer.YES)]
        table = AnswerTable.from_answers(rows)
        result = rate_inspection(framework, table, catalogue=catalogue, settings=FAST)
        standard = result.standard("2.6")
        assert standard.rating is None
        assert standard.reason is not None
        assert "003 §4.10" in standard.reason
        assert standard.outcomes is not None
        data = outcomes_json(standard.outcomes)
        assert (data["met"], data["part_met"], data["not_met"], data["not_applicable"]) == (
            5,
            3,
            2,
            1,
        )
        assert data["percent"] == {"met": 50.0, "part_met": 30.0, "not_met": 20.0}
        assert not standard.scored

    def test_answer_words(self) -> None:
        """003 §4.2: met, part met (part-met, partly met) and not met are read."""
        assert Answer.parse("Part-met") is Answer.PART_MET
        assert Answer.parse("partly met") is Answer.PART_MET
        assert Answer.parse("NOT MET") is Answer.NOT_MET
        assert Answer.parse("n/a") is Answer.NOT_APPLICABLE
        assert Answer.parse("Y") is Answer.YES
        with pytest.raises(ValueError, match="not an answer"):
            Answer.parse("maybe")
