"""Property tests of the rating rules (001 §4.8, §4.10, §4.22, §4.23)."""

from __future__ import annotations

import math
from itertools import product

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import PercentageRounding, RatedBy
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_counts import (
    answer_problems,
    count_answers,
    count_answers_by_group,
)
from pinspect.ratings.answer_table import AnswerTable, CaseAttribute
from pinspect.ratings.band_rule import band_for_counts, band_thresholds
from pinspect.ratings.breakdown import breakdown_counts, breakdown_counts_for
from pinspect.ratings.fragility import band_distribution
from pinspect.ratings.inspection import rate_inspection, rate_inspections
from pinspect.ratings.key_question import rate_key_question
from pinspect.ratings.overall import rate_overall
from pinspect.ratings.serialisation import inspection_json
from pinspect.ratings.standard import StandardResult, rate_case_standard
from pinspect.ratings.view import answer_view
from pinspect.scale.banding import BandingKind, majority_rule_banding
from pinspect.scale.rating import Band, Rating
from pinspect.settings import Settings

ROUNDINGS = st.sampled_from(list(PercentageRounding))
COUNTS = st.tuples(st.integers(0, 200), st.integers(0, 200)).filter(lambda c: c[0] + c[1] > 0)


def _standard(counts: list[tuple[int, int]], rounding: PercentageRounding) -> StandardResult:
    framework = bundled_catalogue().get_framework("hmip-2023-pdu")
    standard = framework.standard("P2.1")
    kqs = tuple(
        rate_key_question(kq.id, yes, no, 0, rounding=rounding, confidence_level=0.8)
        for kq, (yes, no) in zip(standard.key_questions, counts, strict=False)
    )
    return rate_case_standard(standard, kqs)


class TestOneMoreYesNeverLowers:
    """001 §4.8 and §4.10: a higher share of yes answers can only keep or raise a banding, the
    standard's rating and the overall rating."""

    @given(COUNTS, ROUNDINGS)
    def test_key_question(self, counts: tuple[int, int], rounding: PercentageRounding) -> None:
        """001 §4.8: turning one "no" into "yes" never lowers the band."""
        yes, no = counts
        if no == 0:
            return
        before = band_for_counts(yes, no, rounding)
        after = band_for_counts(yes + 1, no - 1, rounding)
        assert before is not None
        assert after is not None
        assert after >= before

    @given(
        st.lists(COUNTS, min_size=3, max_size=3),
        st.integers(0, 2),
        ROUNDINGS,
        st.lists(st.sampled_from(list(Rating)), min_size=4, max_size=4),
    )
    @settings(max_examples=200)
    def test_standard_and_overall(
        self,
        counts: list[tuple[int, int]],
        which: int,
        rounding: PercentageRounding,
        others: list[Rating],
    ) -> None:
        """001 §4.10, §4.22: one more yes in one key question never lowers the standard or the
        overall rating (the other scored standards held fixed)."""
        yes, no = counts[which]
        if no == 0:
            return
        lifted = list(counts)
        lifted[which] = (yes + 1, no - 1)
        before, after = _standard(counts, rounding), _standard(lifted, rounding)
        assert before.rating is not None
        assert after.rating is not None
        assert after.rating >= before.rating
        held = [
            StandardResult(f"J{i}", "", RatedBy.JUDGEMENT, True, r, None, ())
            for i, r in enumerate(others)
        ]
        banding = majority_rule_banding(5)
        overall_before, _ = rate_overall(banding, [before, *held])
        overall_after, _ = rate_overall(banding, [after, *held])
        assert overall_before is not None
        assert overall_after is not None
        assert overall_after.rating >= overall_before.rating


class Test001Section4Point10Minimum:
    """001 §4.10: "the rating will be aligned to the lowest banding at the key question
    level"."""

    @given(st.lists(COUNTS, min_size=3, max_size=3), ROUNDINGS)
    def test_standard_is_minimum_of_key_questions(
        self, counts: list[tuple[int, int]], rounding: PercentageRounding
    ) -> None:
        """001 §4.10: the standard's rating is the minimum of its key questions' ratings."""
        standard = _standard(counts, rounding)
        ratings = [kq.rating for kq in standard.key_questions]
        assert all(r is not None for r in ratings)
        assert standard.rating == min(r for r in ratings if r is not None)


def _brute_force_threshold(n: int, rating: Rating) -> int:
    """The minimum total over all assignments where a bare majority have ``rating`` and the rest
    one rating below (001 §4.23)."""
    majority = n // 2 + 1
    best = None
    for assignment in product((rating.score, rating.score - 1), repeat=n):
        if sum(1 for s in assignment if s == rating.score) >= majority:
            total = sum(assignment)
            best = total if best is None else min(best, total)
    assert best is not None
    return best


class Test001Section4Point23DerivedBandings:
    """001 §4.23: "These bandings are aligned to the tipping points between the ratings at the
    standard level, e.g. an overall rating of 'good' is produced through six standard ratings of
    'good' and four standard ratings of 'requires improvement'"."""

    @given(st.integers(1, 12))
    def test_majority_rule_equals_brute_force(self, n: int) -> None:
        """001 §4.23: each threshold is the least total of a bare majority at the rating and the
        rest one below."""
        banding = majority_rule_banding(n)
        for rating in (Rating.REQUIRES_IMPROVEMENT, Rating.GOOD, Rating.OUTSTANDING):
            band = next(b for b in banding.bands if b.rating is rating)
            assert band.min_score == _brute_force_threshold(n, rating)

    def test_every_bundled_framework(self) -> None:
        """001 §4.23 for each bundled framework: derived (and published) bandings equal the
        majority rule for its number of scored standards."""
        for framework in bundled_catalogue().values():
            if framework.banding.kind is BandingKind.NONE:
                continue
            n = len(framework.scored_standards)
            for band in framework.banding.bands:
                if band.rating is not Rating.INADEQUATE:
                    assert band.min_score == _brute_force_threshold(n, band.rating)


class TestExactBoundaries:
    """001 §4.8: "Too few: 50-64% Reasonable majority: 65-79% Large majority: 80%+" — a share
    exactly at a boundary is in the higher band; one case fewer is not."""

    @given(st.integers(1, 60), st.sampled_from([50, 65, 80]), ROUNDINGS)
    def test_boundary(self, k: int, bound: int, rounding: PercentageRounding) -> None:
        """001 §4.8 at 20k cases, where the boundary is a whole number of cases."""
        n = 20 * k
        yes = bound * n // 100
        band = band_for_counts(yes, n - yes, rounding)
        assert band is not None
        assert band.lower_bound == bound
        if rounding is PercentageRounding.EXACT:
            below = band_for_counts(yes - 1, n - yes + 1, rounding)
            assert below is not None
            assert below == Band(band - 1)


class TestBreakdownMarginals:
    """003 §3.3 (intersectionality): a single attribute's breakdown, taken from the count of an
    attribute pair, equals counting that attribute on its own."""

    @given(
        answers=st.lists(
            st.tuples(
                st.integers(0, 11),
                st.sampled_from(["P2.1.1", "P2.1.2", "P2.2.1", "P2.1.1.a"]),
                st.sampled_from([Answer.YES, Answer.NO, Answer.NOT_APPLICABLE]),
            ),
            min_size=1,
            max_size=60,
            unique_by=lambda row: (row[0], row[1]),
        ),
        sexes=st.lists(st.sampled_from(["male", "female", "other", ""]), min_size=12, max_size=12),
        ages=st.lists(st.sampled_from(["18-25", "26-49", "50+", ""]), min_size=12, max_size=12),
    )
    @settings(max_examples=60, deadline=None)
    def test_single_attribute_from_pair_equals_direct_count(
        self,
        answers: list[tuple[int, str, Answer]],
        sexes: list[str],
        ages: list[str],
    ) -> None:
        framework = bundled_catalogue().get_framework("hmip-2023-pdu")
        rows = [(f"C{case:02d}", question, answer) for case, question, answer in answers]
        attributes = {
            "sex": {f"C{i:02d}": value for i, value in enumerate(sexes)},
            "age": {f"C{i:02d}": value for i, value in enumerate(ages)},
        }
        table = AnswerTable.from_answers(rows, attributes=attributes)
        view = answer_view(framework, bundled_catalogue())
        derived = breakdown_counts_for(view, table, ("sex", "age"))
        for counts in derived[:2]:
            direct = breakdown_counts(view, table, counts.by)
            assert counts.labels == direct.labels
            assert np.array_equal(counts.counts, direct.counts)
            assert np.array_equal(counts.cases, direct.cases)
        # Counting the key questions alone by group gives the same figures for them.
        key_questions = [i for i, t in enumerate(view.targets) if not t.is_prompt]
        only = breakdown_counts_for(view, table, ("sex", "age"), targets=key_questions)
        for every, held in zip(derived, only, strict=True):
            assert every.labels == held.labels
            assert np.array_equal(every.for_targets(key_questions), held.for_targets(key_questions))
            assert np.array_equal(every.cases, held.cases)
        prompt = next(i for i, t in enumerate(view.targets) if t.is_prompt)
        with pytest.raises(ValueError, match="not counted by group"):
            only[0].for_targets([prompt])


class TestBandThresholds:
    """001 §4.8: "Minority: <50% Too few: 50-64% Reasonable majority: 65-79% Large majority:
    80%+" — solved for the yes count: the band is the number of thresholds reached."""

    @given(st.integers(0, 400), st.integers(0, 400), ROUNDINGS)
    def test_thresholds_give_the_band(
        self, yes: int, no: int, rounding: PercentageRounding
    ) -> None:
        """001 §4.8: band_for_counts equals how many of the three thresholds yes reaches."""
        if yes + no == 0:
            return
        thresholds = band_thresholds(np.asarray([yes + no]), rounding)[0]
        band = band_for_counts(yes, no, rounding)
        assert band is not None
        assert int(band) == int(np.count_nonzero(thresholds <= yes))


def _exact_band_distribution(yes: int, no: int, rounding: PercentageRounding) -> list[float]:
    """P(band ≤ b) from the beta-binomial probabilities written out with log-gamma."""
    n = yes + no
    alpha, beta = yes + 0.5, no + 0.5

    def log_beta(a: float, b: float) -> float:
        return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)

    pmf = [
        math.exp(
            math.lgamma(n + 1)
            - math.lgamma(k + 1)
            - math.lgamma(n - k + 1)
            + log_beta(k + alpha, n - k + beta)
            - log_beta(alpha, beta)
        )
        for k in range(n + 1)
    ]
    bands = [band_for_counts(k, n - k, rounding) for k in range(n + 1)]
    return [sum(p for p, band in zip(pmf, bands, strict=True) if band <= b) for b in range(3)]


class TestFragilityBandDistribution:
    """The confidence figures (beyond the seeds): a fresh sample's yes count is
    BetaBinomial(n, yes + ½, no + ½), banded by 001 §4.8 ("Minority: <50% Too few: 50-64%
    Reasonable majority: 65-79% Large majority: 80%+")."""

    @given(st.integers(0, 120), st.integers(0, 120), ROUNDINGS)
    @settings(max_examples=60)
    def test_equals_the_beta_binomial_written_out(
        self, yes: int, no: int, rounding: PercentageRounding
    ) -> None:
        """The band probabilities equal the beta-binomial's, summed band by band."""
        if yes + no == 0:
            return
        found = band_distribution(np.asarray([yes]), np.asarray([no]), rounding)[0]
        expected = _exact_band_distribution(yes, no, rounding)
        assert np.allclose(found, expected, rtol=0, atol=1e-9)

    @given(
        st.lists(st.tuples(st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=8),
        ROUNDINGS,
    )
    @settings(max_examples=40)
    def test_each_key_question_alone_or_together(
        self, counts: list[tuple[int, int]], rounding: PercentageRounding
    ) -> None:
        """Computing many key questions at once gives each one's own figures (none applicable:
        all probabilities 1, never simulated)."""
        yes = np.asarray([c[0] for c in counts])
        no = np.asarray([c[1] for c in counts])
        together = band_distribution(yes, no, rounding)
        for index, (y, n) in enumerate(counts):
            alone = band_distribution(np.asarray([y]), np.asarray([n]), rounding)[0]
            assert np.allclose(together[index], alone, rtol=0, atol=1e-12)
            if y + n == 0:
                assert together[index].tolist() == [1.0, 1.0, 1.0]


_PDU = "hmip-2023-pdu"
_PDU_QUESTIONS = ["P2.1.1", "P2.1.2", "P2.1.3", "P2.2.1", "P2.2.2", "P2.2.3", "P2.1.1.a"]


class TestManyInspectionsRateAsEachAlone:
    """001 §4.8, §4.9, §4.10 and the confidence figures: rating many inspections in one call
    gives each inspection exactly what rating it alone gives, fragility included."""

    @given(
        st.lists(
            st.lists(st.integers(0, 2), min_size=len(_PDU_QUESTIONS), max_size=len(_PDU_QUESTIONS)),
            min_size=3,
            max_size=24,
        ),
        st.lists(st.integers(0, 2), min_size=24, max_size=24),
        st.lists(st.sampled_from(["female", "male", ""]), min_size=24, max_size=24),
    )
    @settings(max_examples=25)
    def test_batch_equals_one_by_one(
        self, cases: list[list[int]], inspection_of: list[int], sexes: list[str]
    ) -> None:
        """Each inspection's JSON is the same rated with the others or on its own."""
        catalogue = bundled_catalogue()
        framework = catalogue.get_framework(_PDU)
        rows = [
            (f"C{c:02d}", question, Answer(answer))
            for c, answers in enumerate(cases)
            for question, answer in zip(_PDU_QUESTIONS, answers, strict=True)
        ]
        labels = ("A", "B", "C")
        together = AnswerTable.from_answers(rows)
        case_inspection = np.asarray([inspection_of[c] for c in range(len(cases))])
        sex_values = sorted({s for s in sexes[: len(cases)] if s})
        sex_codes = np.asarray(
            [sex_values.index(s) if s else -1 for s in sexes[: len(cases)]], dtype=np.int64
        )
        table = AnswerTable(
            cases=together.cases,
            questions=together.questions,
            case=together.case,
            question=together.question,
            answer=together.answer,
            inspections=labels,
            case_inspection=case_inspection,
            attributes=(CaseAttribute("sex", tuple(sex_values), sex_codes),),
        )
        fast = Settings(simulation_draws=200)
        results = rate_inspections(framework, table, catalogue=catalogue, settings=fast, by=["sex"])
        for index, label in enumerate(labels):
            mine = [
                row
                for row, c in zip(
                    rows, np.repeat(case_inspection, len(_PDU_QUESTIONS)), strict=True
                )
                if c == index
            ]
            if not mine:
                continue
            alone_table = AnswerTable.from_answers(
                mine,
                attributes={"sex": {f"C{c:02d}": s for c, s in enumerate(sexes[: len(cases)])}},
            )
            alone = inspection_json(
                rate_inspection(
                    framework, alone_table, catalogue=catalogue, settings=fast, by=["sex"]
                )
            )
            batch = inspection_json(results[index])
            assert batch.pop("inspection") == label
            assert batch == alone


class TestAnswerChecksFromTotals:
    """Bad input is reported with file, line and field: the checks that start from the answer
    totals find exactly the problems a row-by-row search finds."""

    @given(
        st.lists(
            st.tuples(
                st.integers(0, 9),
                st.sampled_from(["P2.1.1", "P2.1.2", "P2.1.1.a", "P2.6.1", "P9.9.9", "P1.1.1"]),
                st.sampled_from(list(Answer)),
            ),
            min_size=1,
            max_size=40,
        )
    )
    @settings(max_examples=80)
    def test_same_problems(self, answers: list[tuple[int, str, Answer]]) -> None:
        """Unknown ids, answers that do not fit and repeated answers: the same list both ways."""
        catalogue = bundled_catalogue()
        view = answer_view(catalogue.get_framework(_PDU), catalogue)
        table = AnswerTable.from_answers(
            [(f"C{case}", question, answer) for case, question, answer in answers]
        )
        totals = count_answers(view, table).counts.sum(axis=0)
        searched = answer_problems(view, table, catalogue)
        from_totals = answer_problems(view, table, catalogue, answer_totals=totals)
        assert from_totals == searched


class TestCountsByHand:
    """001 §4.7: "based upon the consolidated results (at key question level) of all cases
    inspected" — every answer counted once, under its inspection, group, target and answer;
    answers to questions that feed no target and cases outside every group left out."""

    @given(
        answers=st.lists(
            st.tuples(
                st.integers(0, 7),
                st.sampled_from(["P2.1.1", "P2.1.2", "P2.1.1.a", "P9.9.9"]),
                st.sampled_from(list(Answer)),
            ),
            min_size=1,
            max_size=50,
        ),
        inspection_of=st.lists(st.integers(0, 1), min_size=8, max_size=8),
        group_of=st.lists(st.integers(-1, 2), min_size=8, max_size=8),
    )
    def test_counts_equal_a_count_by_hand(
        self,
        answers: list[tuple[int, str, Answer]],
        inspection_of: list[int],
        group_of: list[int],
    ) -> None:
        catalogue = bundled_catalogue()
        view = answer_view(catalogue.get_framework(_PDU), catalogue)
        loose = AnswerTable.from_answers([(f"C{c}", q, a) for c, q, a in answers])
        case_number = [int(case_id[1:]) for case_id in loose.cases]
        table = AnswerTable(
            cases=loose.cases,
            questions=loose.questions,
            case=loose.case,
            question=loose.question,
            answer=loose.answer,
            inspections=("A", "B"),
            case_inspection=np.asarray([inspection_of[c] for c in case_number]),
        )
        groups = np.asarray([group_of[c] for c in case_number], dtype=np.int64)
        by_group = count_answers_by_group(view, table, groups, 3)
        totals = count_answers(view, table).counts
        expected_by_group = np.zeros_like(by_group)
        expected = np.zeros_like(totals)
        for case, question, answer in answers:
            target = view.feeds.get(question)
            if target is None:
                continue
            expected[inspection_of[case], target, answer] += 1
            if group_of[case] >= 0:
                expected_by_group[inspection_of[case], group_of[case], target, answer] += 1
        assert np.array_equal(totals, expected)
        assert np.array_equal(by_group, expected_by_group)
