"""The quality-assurance sub-sample (001 §4.13): stratified by inspector, reproducible by seed.

Seed 001 §4.13: "we are intensifying our focus on training, quality assurance and quality
control."
"""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pinspect.consistency.qa_sample import AssessedCase, draw_qa_sample

INSPECTORS = ("ana", "ben", "cal", "dee")


@st.composite
def assessed(draw: st.DrawFn) -> list[AssessedCase]:
    count = draw(st.integers(1, 80))
    return [
        AssessedCase(f"C{n:04d}", draw(st.sampled_from(INSPECTORS))) for n in range(1, count + 1)
    ]


SHARES = st.sampled_from([0.05, 0.1, 0.2, 0.25, 1 / 3, 0.5, 1.0])


class TestQaSampleStratifiedByInspector:
    """001 §4.13: every inspector's cases are checked, in the set share, rounded up."""

    @given(assessed(), SHARES, st.integers(0, 2**31))
    def test_each_inspector_has_the_share_of_their_cases_drawn(
        self, cases: list[AssessedCase], share: float, seed: int
    ) -> None:
        sample = draw_qa_sample(cases, share=share, seed=seed)
        drawn = Counter(q.case.inspector for q in sample.cases)
        own = Counter(c.inspector for c in cases)
        for inspector, total in own.items():
            assert drawn[inspector] == math.ceil(round(share * total, 9))
            assert (inspector, drawn[inspector], total) in sample.by_inspector
        assert {q.case for q in sample.cases} <= set(cases)

    @given(assessed(), SHARES, st.integers(0, 2**31), st.randoms())
    def test_the_same_cases_share_and_seed_give_the_same_sample_in_any_order(
        self, cases: list[AssessedCase], share: float, seed: int, shuffler: object
    ) -> None:
        shuffled = list(cases)
        shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
        assert draw_qa_sample(cases, share=share, seed=seed) == draw_qa_sample(
            shuffled, share=share, seed=seed
        )

    @given(assessed(), SHARES, st.integers(0, 2**31))
    def test_a_second_marker_never_marks_their_own_case(
        self, cases: list[AssessedCase], share: float, seed: int
    ) -> None:
        sample = draw_qa_sample(cases, share=share, seed=seed, markers=INSPECTORS)
        for q in sample.cases:
            assert q.second_marker is not None
            assert q.second_marker != q.case.inspector

    def test_the_second_marking_is_shared_evenly(self) -> None:
        cases = [
            AssessedCase(f"C{i}{n:02d}", inspector)
            for i, inspector in enumerate(INSPECTORS)
            for n in range(10)
        ]
        sample = draw_qa_sample(cases, share=0.5, seed=7, markers=INSPECTORS)
        assert Counter(q.second_marker for q in sample.cases) == dict.fromkeys(INSPECTORS, 5)

    def test_a_tenth_of_thirty_is_three(self) -> None:
        cases = [AssessedCase(f"C{n:02d}", "ana") for n in range(30)]
        assert len(draw_qa_sample(cases, share=0.1, seed=1).cases) == 3

    def test_another_seed_draws_other_cases(self) -> None:
        cases = [AssessedCase(f"C{n:02d}", "ana") for n in range(40)]
        first = {q.case for q in draw_qa_sample(cases, share=0.25, seed=1).cases}
        second = {q.case for q in draw_qa_sample(cases, share=0.25, seed=2).cases}
        assert first != second

    def test_one_inspector_alone_has_nobody_to_second_mark(self) -> None:
        sample = draw_qa_sample([AssessedCase("C1", "ana")], share=1.0, seed=1)
        assert sample.cases[0].second_marker is None

    def test_a_share_outside_the_range_is_refused(self) -> None:
        with pytest.raises(ValueError, match="share"):
            draw_qa_sample([AssessedCase("C1", "ana")], share=0.0, seed=1)
