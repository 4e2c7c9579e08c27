"""Properties of a unit's trend read in the framework its inspections used."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from pinspect.crosswalks import bundled_crosswalks
from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import RatedBy
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.standard import StandardResult
from pinspect.scale.rating import Rating
from pinspect.trends import Comparison, Direction, PublishedInspection, unit_trend

FRAMEWORK = bundled_catalogue()["hmip-2023-pdu"]
STANDARDS = list(FRAMEWORK.standards)
RATINGS = st.sampled_from([*Rating, None])


def _result(label: str, ratings: list[Rating | None]) -> InspectionResult:
    standards = tuple(
        StandardResult(
            id=s.id,
            name=s.name,
            rated_by=RatedBy.JUDGEMENT,
            scored=s.scored,
            computed_rating=r,
            reason=None if r else "not rated",
            key_questions=(),
        )
        for s, r in zip(STANDARDS, ratings, strict=True)
    )
    return InspectionResult(FRAMEWORK.id, label, standards, None, "none", None, (), {})


class TestOneFramework:
    """001 §4.1, §4.22: ratings are ordered and scored 0–3; under one framework every value
    compares directly and a change is the difference of the scores."""

    @given(
        st.lists(
            st.tuples(st.integers(0, 3650), st.lists(RATINGS, min_size=7, max_size=7)),
            min_size=1,
            max_size=5,
        )
    )
    def test_values_in_date_order_and_exact_changes(
        self, drawn: list[tuple[int, list[Rating | None]]]
    ) -> None:
        start = datetime.date(2024, 1, 1)
        inspections = [
            PublishedInspection(f"I{i}", start + datetime.timedelta(days=day), _result(f"I{i}", r))
            for i, (day, r) in enumerate(drawn)
        ]
        trend = unit_trend(
            inspections, frameworks=bundled_catalogue(), crosswalks=bundled_crosswalks()
        )
        ordered = sorted(inspections, key=lambda i: i.date)
        assert [i.label for i in trend.inspections] == [i.label for i in ordered]
        for index, series in enumerate(trend.standards):
            expected = [i.result.standards[index].rating for i in ordered]
            assert [p.rating for p in series.points] == expected
            assert all(p.comparison is Comparison.SAME for p in series.points)
            last: Rating | None = None
            for point in series.points:
                if point.rating is None:
                    assert point.change is None
                    continue
                if last is None:
                    assert point.change is None
                else:
                    assert point.change is not None
                    assert not point.change.approximate
                    assert point.change.steps == point.rating.score - last.score
                    assert (point.change.direction is Direction.UP) == (point.rating > last)
                last = point.rating
