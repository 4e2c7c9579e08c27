"""The overall rating: 001 §4.22, §4.23, §4.24, §4.25 and 002 decision 8."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pinspect.frameworks import Catalogue
from pinspect.frameworks.model import RatedBy
from pinspect.ratings.overall import overall_score, rate_overall
from pinspect.ratings.standard import StandardResult
from pinspect.scale.banding import BandingKind, majority_rule_banding
from pinspect.scale.rating import Rating


def _standard(standard_id: str, rating: Rating | None, scored: bool = True) -> StandardResult:
    return StandardResult(
        id=standard_id,
        name=standard_id,
        rated_by=RatedBy.JUDGEMENT,
        scored=scored,
        computed_rating=rating,
        reason=None if rating else "not rated: no judged rating was supplied",
        key_questions=(),
    )


class Test001Section4Point22Scores:
    """001 §4.22: "'inadequate' = 0, 'requires improvement' = 1, 'good' = 2 and 'outstanding' =
    3. Adding these scores produces a total score"; §4.25: no weightings."""

    def test_scores_add_up_unweighted(self) -> None:
        """001 §4.22, §4.25: the plain sum of the scores."""
        assert (
            overall_score(
                [Rating.INADEQUATE, Rating.REQUIRES_IMPROVEMENT, Rating.GOOD, Rating.OUTSTANDING]
            )
            == 6
        )


class Test001Section4Point23WorkedExample:
    """001 §4.23: "an overall rating of 'good' is produced through six standard ratings of
    'good' and four standard ratings of 'requires improvement'"."""

    def test_six_good_four_requires_improvement_is_good(self, catalogue: Catalogue) -> None:
        """001 §4.22, §4.23 with the published 10-standard banding of hmip-2018-nps: 16 → Good."""
        framework = catalogue.get_framework("hmip-2018-nps")
        ratings = [Rating.GOOD] * 6 + [Rating.REQUIRES_IMPROVEMENT] * 4
        standards = [_standard(s.id, r) for s, r in zip(framework.standards, ratings, strict=True)]
        overall, reason = rate_overall(framework.banding, standards)
        assert reason is None
        assert overall is not None
        assert overall.score == 16
        assert overall.max_score == 30
        assert overall.rating is Rating.GOOD
        assert overall.banding is BandingKind.PUBLISHED
        below = [*standards[:5], _standard("x", Rating.REQUIRES_IMPROVEMENT), *standards[6:]]
        overall_below, _ = rate_overall(framework.banding, below)
        assert overall_below is not None
        assert overall_below.rating is Rating.REQUIRES_IMPROVEMENT

    def test_published_bands_of_001_4_22(self, catalogue: Catalogue) -> None:
        """001 §4.22: "0-5 = Inadequate 6-15 = Requires improvement 16-25 = Good 26-30 =
        Outstanding"."""
        banding = catalogue.get_framework("hmip-2018-nps").banding
        assert [(b.rating, b.min_score, b.max_score) for b in banding.bands] == [
            (Rating.INADEQUATE, 0, 5),
            (Rating.REQUIRES_IMPROVEMENT, 6, 15),
            (Rating.GOOD, 16, 25),
            (Rating.OUTSTANDING, 26, 30),
        ]


class Test002Decision8NationalBands:
    """002 decision 8: "0–2 = Inadequate 3–6 = Requires improvement 7–10 = Good 11–12 =
    Outstanding"."""

    @pytest.mark.parametrize(
        ("score", "rating"),
        [
            (0, Rating.INADEQUATE),
            (2, Rating.INADEQUATE),
            (3, Rating.REQUIRES_IMPROVEMENT),
            (6, Rating.REQUIRES_IMPROVEMENT),
            (7, Rating.GOOD),
            (10, Rating.GOOD),
            (11, Rating.OUTSTANDING),
            (12, Rating.OUTSTANDING),
        ],
    )
    def test_bands(self, catalogue: Catalogue, score: int, rating: Rating) -> None:
        """002 decision 8 for every boundary score."""
        assert catalogue.get_framework("hmip-2024-national").banding.rating_for(score) is rating

    def test_equals_the_majority_rule_for_four(self, catalogue: Catalogue) -> None:
        """002 decision 8 follows 001 §4.23's rule for four standards."""
        published = catalogue.get_framework("hmip-2024-national").banding
        assert published.bands == majority_rule_banding(4).bands


class TestOverallNotComputable:
    """001 §4.22 sums every scored standard; with one unrated there is no score to band."""

    def test_unrated_scored_standard_gives_null_with_reason(self) -> None:
        """001 §4.22: a scored standard without a rating → overall null naming it."""
        banding = majority_rule_banding(2)
        overall, reason = rate_overall(banding, [_standard("A", Rating.GOOD), _standard("B", None)])
        assert overall is None
        assert reason == (
            "every scored standard needs a rating for the overall score (001 §4.22), and B has "
            "none: no judged rating was supplied"
        )

    def test_the_reason_names_the_unrated_standards_together_by_reason(self) -> None:
        """001 §4.22: the reason says which scored standards lack a rating and why, each
        reason once, in words rather than "not rated" over and again."""
        banding = majority_rule_banding(4)
        other = replace(_standard("D", None), reason="not rated: no applicable case answered")
        standards = [_standard("A", None), _standard("B", Rating.GOOD), _standard("C", None), other]
        _, reason = rate_overall(banding, standards)
        assert reason == (
            "every scored standard needs a rating for the overall score (001 §4.22), and A and "
            "C have none: no judged rating was supplied; D has none: no applicable case answered"
        )

    def test_not_scored_standards_are_left_out(self) -> None:
        """001 §4.22 scores the scored standards only (e.g. 2021 PDU outcomes are not)."""
        banding = majority_rule_banding(2)
        standards = [
            _standard("A", Rating.GOOD),
            _standard("B", Rating.GOOD),
            _standard("C", None, scored=False),
        ]
        overall, reason = rate_overall(banding, standards)
        assert reason is None
        assert overall is not None
        assert overall.score == 4

    def test_banding_none_gives_null(self, catalogue: Catalogue) -> None:
        """A framework without an overall rating (2021 regional questions) → null with reason."""
        banding = catalogue.get_framework("hmip-2021-region").banding
        overall, reason = rate_overall(banding, [])
        assert overall is None
        assert reason is not None
        assert "none" in reason
