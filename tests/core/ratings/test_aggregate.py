"""000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU inspections
generate a rating for key question R 1.2.2 which is combined with the evidence for R 1.2.1"."""

from __future__ import annotations

import pytest

from pinspect.frameworks import Catalogue
from pinspect.ratings.aggregate import (
    PublishedRatings,
    aggregate_ratings,
    aggregated_references,
    ratings_to_aggregate,
)
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.serialisation import key_question_json
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from tests.core.ratings.builders import table_for

OUT, G, R, INA = Rating.OUTSTANDING, Rating.GOOD, Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE


class Test000R1Point2Point2AggregateRules:
    """000 R 1.2.2 says "aggregated"; the aggregate_rule setting says how."""

    @pytest.mark.parametrize(
        ("ratings", "rule", "expected"),
        [
            ([G, R, OUT], "median", G),
            ([G, R], "median", R),  # lower median on ties
            ([OUT, OUT, INA, INA], "median", INA),
            ([G, R, OUT], "lowest", R),
            ([G, R], "mean", R),  # 1.5 rounds half down
            ([G, G, R], "mean", G),  # 1.67 → 2
            ([OUT, INA, INA], "mean", R),  # 1.0
            ([OUT, OUT, R], "mean", G),  # 2.33 → 2
        ],
    )
    def test_rules(self, ratings: list[Rating], rule: str, expected: Rating) -> None:
        """000 R 1.2.2 with median (lower on ties), lowest, mean (rounded half down)."""
        assert aggregate_ratings(ratings, rule) is expected

    def test_nothing_to_aggregate(self) -> None:
        """000 R 1.2.2 needs PDU ratings to aggregate."""
        with pytest.raises(ValueError, match="no ratings"):
            aggregate_ratings([], "median")


class Test000R1Point2Point2InTheRegionalFramework:
    """000 R 1.2.2: the aggregated rating is evidence on the key question of judged R1.2."""

    def test_reported_on_the_key_question(self, catalogue: Catalogue) -> None:
        """000 R 1.2.2: the aggregated P1.2 rating is reported on R1.2.2; R1.2 stays judged."""
        framework = catalogue.get_framework("hmip-2023-region")
        result = rate_inspection(
            framework,
            table_for({"R2.3.1": (1, 0)}),
            catalogue=catalogue,
            settings=Settings(simulation_draws=200, aggregate_rule="lowest"),
            aggregate=[G, R, OUT],
            judged={"R1.2": G},
        )
        standard = result.standard("R1.2")
        kq = standard.key_questions[1]
        assert kq.id == "R1.2.2"
        assert kq.aggregate is not None
        assert kq.aggregate.of == "hmip-2023-pdu:P1.2"
        assert kq.rating is R
        assert standard.rating is G  # the judged rating, with the aggregate as evidence
        assert key_question_json(kq)["aggregate"]["rule"] == "lowest"


def test_ratings_to_aggregate_takes_p12_from_the_published_pdu_inspections(
    catalogue: Catalogue,
) -> None:
    """000 R 1.2.2: "Aggregated ratings for standard P 1.2 from all of the region's PDU
    inspections" — the P1.2 final rating of each published PDU inspection, in order; other
    frameworks' inspections and unrated P1.2s add nothing."""
    region = catalogue.get_framework("hmip-2023-region")
    assert [str(r) for r in aggregated_references(region)] == ["hmip-2023-pdu:P1.2"]
    published = [
        PublishedRatings("hmip-2023-pdu", {"P1.1": G, "P1.2": R}),
        PublishedRatings("hmip-2021-pdu", {"P1.2": G}),
        PublishedRatings("hmip-2023-pdu", {"P1.2": None}),
        PublishedRatings("hmip-2023-pdu", {"P1.2": G}),
    ]
    assert ratings_to_aggregate(region, published) == [R, G]
    assert aggregated_references(catalogue.get_framework("hmip-2023-pdu")) == ()
