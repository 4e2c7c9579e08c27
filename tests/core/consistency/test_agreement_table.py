"""The agreement table: flags and the engine's what-if (001 §4.12, §4.8, §4.10)."""

from __future__ import annotations

from pinspect.consistency import Marking, Markings, agreement_table
from pinspect.frameworks import bundled_catalogue
from pinspect.ratings.answer import Answer
from pinspect.scale.counts import YesNoCounts
from pinspect.scale.rating import Band, Rating
from pinspect.settings import Settings

SETTINGS = Settings(agreement_bootstrap_draws=200)
FRAMEWORK = bundled_catalogue()["hmip-2023-pdu"]


def _markings(question: str, first: list[Answer], second: list[Answer]) -> list[Marking]:
    return [
        m
        for case, (a, b) in enumerate(zip(first, second, strict=True))
        for m in (Marking(f"C{case}", question, "A", a), Marking(f"C{case}", question, "B", b))
    ]


YES, NO = Answer.YES, Answer.NO


class TestWouldADisagreementChangeTheBand:
    """001 §4.12 with 001 §4.8: the key question banded with each marker's answers counted."""

    def test_two_disagreements_move_80_percent_to_60(self) -> None:
        # A: 8 yes of 10 (Large majority); B says no to two of A's yes: 6 of 10 (Too few).
        first = [YES] * 8 + [NO] * 2
        second = [YES] * 6 + [NO] * 4
        table = agreement_table(
            Markings(tuple(_markings("P2.1.1", first, second))), SETTINGS, FRAMEWORK
        )
        (question,) = table.questions
        (comparison,) = question.bands
        assert (comparison.first_band, comparison.second_band) == (
            Band.LARGE_MAJORITY,
            Band.TOO_FEW,
        )
        assert question.band_changes is True

    def test_the_other_cases_of_the_inspection_can_absorb_a_disagreement(self) -> None:
        """With 90 more cases answered yes, 98 or 96 of 100 stay a Large majority."""
        first = [YES] * 8 + [NO] * 2
        second = [YES] * 6 + [NO] * 4
        table = agreement_table(
            Markings(tuple(_markings("P2.1.1", first, second))),
            SETTINGS,
            FRAMEWORK,
            other_cases={"P2.1.1": YesNoCounts(90, 0)},
        )
        assert table.questions[0].band_changes is False

    def test_disagreeing_on_cases_that_cancel_out_keeps_the_band(self) -> None:
        first = [YES, NO] * 5
        second = [NO, YES] * 5
        table = agreement_table(
            Markings(tuple(_markings("P2.1.1", first, second))), SETTINGS, FRAMEWORK
        )
        assert table.questions[0].band_changes is False
        assert table.questions[0].agreement.raw.value == 0.0


class TestWouldADisagreementChangeTheStandardsRating:
    """001 §4.12 with 001 §4.10: the standard rated by its lowest key question both ways."""

    def test_the_lowest_key_question_decides(self) -> None:
        all_yes = [YES] * 10
        markings = [
            *_markings("P2.1.1", all_yes, all_yes),
            *_markings("P2.1.2", all_yes, all_yes),
            *_markings("P2.1.3", [YES] * 8 + [NO] * 2, [YES] * 7 + [NO] * 3),
        ]
        table = agreement_table(Markings(tuple(markings)), SETTINGS, FRAMEWORK)
        (standard,) = table.standards
        (comparison,) = standard.ratings
        assert (comparison.first_rating, comparison.second_rating) == (
            Rating.OUTSTANDING,
            Rating.GOOD,
        )
        assert standard.rating_changes is True

    def test_a_key_question_nobody_double_marked_leaves_the_standard_unrated_and_says_why(
        self,
    ) -> None:
        table = agreement_table(
            Markings(tuple(_markings("P2.1.1", [YES] * 4, [YES] * 4))), SETTINGS, FRAMEWORK
        )
        (comparison,) = table.standards[0].ratings
        assert comparison.changes is None
        assert comparison.reason is not None
        assert "P2.1.2" in comparison.reason


class TestFlags:
    """001 §4.13: key questions whose agreement falls below the setting are flagged."""

    def test_below_the_setting_is_flagged_and_the_setting_decides(self) -> None:
        first = [YES, YES, NO, NO, YES, NO, YES, NO, YES, YES]
        second = [YES, NO, NO, YES, YES, YES, NO, NO, YES, NO]
        markings = Markings(tuple(_markings("P2.1.1", first, second)))
        assert agreement_table(markings, SETTINGS).flagged == ("P2.1.1",)
        lenient = SETTINGS.with_changes(agreement_flag_below=-1.0)
        assert agreement_table(markings, lenient).flagged == ()

    def test_an_undefined_kappa_is_not_flagged_when_kappa_is_the_figure(self) -> None:
        markings = Markings(tuple(_markings("P2.1.1", [YES] * 10, [YES] * 10)))
        by_kappa = SETTINGS.with_changes(agreement_flag_figure="kappa")
        table = agreement_table(markings, by_kappa)
        assert table.questions[0].agreement.kappa.value is None
        assert table.flagged == ()
