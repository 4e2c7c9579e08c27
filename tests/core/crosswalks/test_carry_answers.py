"""The same case answers rated under 2021 and under 2023 through the crosswalk."""

from __future__ import annotations

from pinspect.crosswalks import CrosswalkCatalogue, Level, Relationship
from pinspect.crosswalks.answers import carry_answers
from pinspect.frameworks import Catalogue
from pinspect.ratings.inspection import rate_inspection
from pinspect.scale.rating import Band, Rating
from tests.core.ratings.builders import table_for

# Yes / no per 2021 key question: every case-based standard of 2021, a mix of bands.
ANSWERS_2021: dict[str, tuple[int, ...]] = {
    "2.1.1": (8, 2),
    "2.2.1": (17, 3),  # 85%: Large majority
    "2.2.2": (16, 4),  # 80%: Large majority, on the boundary (001 §4.8)
    "2.2.3": (13, 7),  # 65%: Reasonable majority, on the boundary
    "2.3.1": (14, 6),
    "2.3.2": (15, 5),
    "2.3.3": (12, 8, 2),  # 60% of the 20 applicable: Too few; two n/a
    "2.4.1": (9, 11),
    "2.4.2": (18, 2),
    "2.4.3": (10, 10),
    "2.5.1": (19, 1),
    "2.5.2": (16, 4),
    "2.5.3": (17, 3),
    "2.7.1": (4, 1),
}


def test_the_same_answers_rate_the_same_where_the_crosswalk_says_equal(
    catalogue: Catalogue, crosswalks: CrosswalkCatalogue
) -> None:
    """001 §4.7, §4.8, §4.9, §4.10: ratings rest on the key-question judgements, so answers
    carried to the 2023 key questions the crosswalk pairs as equal give the same percentages,
    bands and standard ratings there; nothing else is carried."""
    crosswalk = crosswalks.get_between("hmip-2021-pdu", "hmip-2023-pdu")
    table = table_for(ANSWERS_2021)
    carried = carry_answers(table, crosswalk)
    assert carried.left_behind == ("2.1.1", "2.4.1", "2.4.2", "2.4.3", "2.7.1")
    assert carried.carried["2.3.1"] == "P2.2.1"

    before = rate_inspection(catalogue["hmip-2021-pdu"], table, catalogue=catalogue)
    after = rate_inspection(catalogue["hmip-2023-pdu"], carried.table, catalogue=catalogue)
    compared = 0
    for row in crosswalk.at(Level.KEY_QUESTION):
        if row.relationship is not Relationship.EQUAL:
            continue
        assert row.from_id is not None
        assert row.to_id is not None
        old = before.standard(row.from_id.rsplit(".", 1)[0])
        new = after.standard(row.to_id.rsplit(".", 1)[0])
        a = next(k for k in old.key_questions if k.id == row.from_id)
        b = next(k for k in new.key_questions if k.id == row.to_id)
        assert (a.yes, a.no, a.not_applicable, a.percent, a.band) == (
            b.yes,
            b.no,
            b.not_applicable,
            b.percent,
            b.band,
        )
        compared += 1
    assert compared == 9
    for row in crosswalk.at(Level.STANDARD):
        if row.relationship is Relationship.EQUAL:
            assert row.from_id is not None
            assert row.to_id is not None
            assert before.standard(row.from_id).rating is after.standard(row.to_id).rating
    # 001 §4.10: the lowest key question rates the standard, in both editions.
    assert after.standard("P2.1").rating is Rating.GOOD
    assert after.standard("P2.2").rating is Rating.REQUIRES_IMPROVEMENT
    assert next(k for k in after.standard("P2.2").key_questions if k.id == "P2.2.3").band is (
        Band.TOO_FEW
    )
    # Implementation and delivery asks less in 2023: its answers are not carried, so it is
    # not rated rather than rated from answers to other questions.
    assert after.standard("P2.3").rating is None
    assert before.standard("2.4").rating is Rating.INADEQUATE
