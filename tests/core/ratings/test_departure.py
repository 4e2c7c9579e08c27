"""001 §4.24: "we will allow for some professional judgement to depart from the scoring rules
… agreed through the HMI Probation ratings panel, with the reasons being clearly set out"."""

from __future__ import annotations

import pytest

from pinspect.frameworks import Catalogue
from pinspect.problems import InputError
from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.serialisation import inspection_json
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from tests.core.ratings.builders import table_for

FAST = Settings(simulation_draws=200)
JUDGED = {"P1.1": Rating.GOOD, "P1.2": Rating.GOOD, "P1.3": Rating.GOOD}
CASES = {f"P2.{s}.{k}": (9, 1) for s in range(1, 5) for k in range(1, 4)}


class Test001Section4Point24Departures:
    """001 §4.24: departures keep the computed rating beside the final one, with reasons."""

    def test_blank_reason_is_refused(self) -> None:
        """001 §4.24 "with the reasons being clearly set out": no reason, no departure."""
        with pytest.raises(ValueError, match="no reason"):
            Departure(target="P2.1", final=Rating.GOOD, reason="   ")

    def test_standard_departure_keeps_both_and_feeds_overall(self, catalogue: Catalogue) -> None:
        """001 §4.24: the final rating is the panel's; the computed one is kept; the overall uses
        the final rating."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        departure = Departure("P2.1", Rating.GOOD, "evidence from fieldwork meetings")
        result = rate_inspection(
            framework,
            table_for(CASES),
            catalogue=catalogue,
            settings=FAST,
            judged=JUDGED,
            departures=[departure],
        )
        standard = result.standard("P2.1")
        assert standard.computed_rating is Rating.OUTSTANDING
        assert standard.rating is Rating.GOOD
        assert result.overall is not None
        assert result.overall.score == 2 * 3 + 2 + 3 * 3
        data = inspection_json(result)
        assert data["standards"][3]["departure"]["reason"] == "evidence from fieldwork meetings"
        assert data["standards"][3]["computed_rating"] == "Outstanding"
        assert data["departures"][0]["target"] == "P2.1"

    def test_overall_departure(self, catalogue: Catalogue) -> None:
        """001 §4.24: the panel may depart from the overall score's band."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        departure = Departure(OVERALL, Rating.GOOD, "close to the boundary; diverse ratings")
        result = rate_inspection(
            framework,
            table_for(CASES),
            catalogue=catalogue,
            settings=FAST,
            judged=JUDGED,
            departures=[departure],
        )
        assert result.overall is not None
        assert result.overall.computed_rating is Rating.OUTSTANDING  # 6 + 12 = 18 of 21
        assert result.overall.rating is Rating.GOOD
        assert inspection_json(result)["overall"]["departure"]["computed"] == "Outstanding"

    def test_departure_for_unknown_standard_is_an_input_error(self, catalogue: Catalogue) -> None:
        """001 §4.24 departs from a standard's rating: the standard must exist."""
        framework = catalogue.get_framework("hmip-2023-pdu")
        with pytest.raises(InputError, match=r"no standard 'P9\.9'"):
            rate_inspection(
                framework,
                table_for(CASES),
                catalogue=catalogue,
                settings=FAST,
                departures=[Departure("P9.9", Rating.GOOD, "x")],
            )
