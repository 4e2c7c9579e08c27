"""Summaries of many inspections (PDU to region to nation): rating distributions and pooled,
indicative key-question percentages.

Seed 002 decision 7, of the national case data: "We will report a percentage score that is
indicative of an 'Outstanding', 'Good', 'Requires improvement' or 'Inadequate' rating for the
fieldwork data. This should not be compared with case inspection data from regional or PDU
inspections"."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pinspect.frameworks import Catalogue, bundled_catalogue
from pinspect.ratings import summary as summary_module
from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.inspection_result import InspectionResult
from pinspect.ratings.serialisation import distribution_json, unit_summary_json
from pinspect.ratings.summary import summarise
from pinspect.scale.rating import Rating
from pinspect.settings import Settings
from tests.conftest import normalise, seed_text
from tests.core.ratings.builders import table_for

OUT, G, R, INA = Rating.OUTSTANDING, Rating.GOOD, Rating.REQUIRES_IMPROVEMENT, Rating.INADEQUATE
SETTINGS = Settings(simulation_draws=100)
SEED_002 = "002_a10d5bfe33c9fed7.txt"
DECISION_7 = (
    "We will report a percentage score that is indicative of an 'Outstanding', 'Good', "
    "'Requires improvement' or 'Inadequate' rating for the fieldwork data. This should not be "
    "compared with case inspection data from regional or PDU inspections"
)
CASE_KQS = [f"P2.{s}.{k}" for s in range(1, 5) for k in range(1, 4)]
JUDGED = ("P1.1", "P1.2", "P1.3")


def _pdu(
    label: str,
    counts: dict[str, tuple[int, ...]],
    judged: dict[str, Rating],
    departures: tuple[Departure, ...] = (),
) -> InspectionResult:
    catalogue = bundled_catalogue()
    result = rate_inspection(
        catalogue.get_framework("hmip-2023-pdu"),
        table_for(counts),
        catalogue=catalogue,
        settings=SETTINGS,
        judged=judged,
        departures=departures,
    )
    return replace(result, inspection=label)


def _all(yes: int, no: int, na: int = 0) -> dict[str, tuple[int, ...]]:
    return dict.fromkeys(CASE_KQS, (yes, no, na))


class TestSeed002Decision7PooledIsIndicative:
    """002 decision 7: pooled case data gives a percentage "indicative of" a rating, not to be
    compared with PDU or regional data — a pooled percentage is never a rating."""

    def test_the_quotation_is_the_seed_and_the_rule_cites_it(self) -> None:
        assert DECISION_7 in seed_text(SEED_002)
        assert DECISION_7 in normalise(summarise.__doc__ or "")
        assert "indicative, not ratings" in summary_module.INDICATIVE_NOTE

    def test_pooled_key_questions_carry_no_band_or_rating(self) -> None:
        """002 decision 7: the pooled figure is a percentage marked indicative, nothing more."""
        results = [_pdu("A", _all(40, 10, 2), {}), _pdu("B", _all(30, 20), {})]
        data = unit_summary_json(summarise(results, settings=SETTINGS))
        kq = next(k for k in data["key_questions"] if k["id"] == "P2.1.1")
        assert kq == {
            "standard": "P2.1",
            "id": "P2.1.1",
            "inspections": 2,
            "yes": 70,
            "no": 30,
            "not_applicable": 2,
            "percent": 70.0,
            "indicative": True,
            "suppressed": False,
        }
        assert "band" not in kq
        assert "rating" not in kq
        assert "indicative" in data["note"]


class TestDistributionsOfFinalRatings:
    """001 §4.10 and §4.15 give each inspection its standards' ratings; 001 §4.24: the panel's
    departures are the final ratings, so the distribution counts those."""

    def test_three_pdu_inspections(self) -> None:
        # A: 80% everywhere → P2.x Outstanding; B: 70% → Good; C: 40% → Inadequate.
        a = _pdu("A", _all(8, 2), dict.fromkeys(JUDGED, G))
        b = _pdu("B", _all(7, 3), dict.fromkeys(JUDGED, G))
        # The panel departs from C's computed Inadequate P2.1 to Requires improvement.
        c = _pdu(
            "C",
            _all(4, 6),
            {"P1.1": R, "P1.2": INA},  # P1.3 has no proposal: not rated
            (Departure("P2.1", R, "Close to the boundary; strong practice in the sample"),),
        )
        summary = summarise([a, b, c], settings=SETTINGS)
        assert summary.shown
        assert summary.inspections == ("A", "B", "C")
        by_id = {s.id: s.ratings for s in summary.standards}
        assert list(by_id) == ["P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4"]
        assert distribution_json(by_id["P2.1"]) == {
            "Outstanding": 1,
            "Good": 1,
            "Requires improvement": 1,  # C's departure, not its computed Inadequate
            "Inadequate": 0,
            "Not rated": 0,
        }
        assert by_id["P2.2"].inadequate == 1
        assert by_id["P1.2"].count(INA) == 1
        assert by_id["P1.3"].not_rated == 1
        # Overall (derived banding for 7 standards, docs/ratings.md): A scores 3·2 + 4·3 = 18
        # → Outstanding; B 14 → Good; C has an unrated standard → no overall rating.
        assert summary.overall is not None
        assert summary.overall.outstanding == 1
        assert summary.overall.good == 1
        assert summary.overall.not_rated == 1

    def test_overall_departure_is_counted(self) -> None:
        """001 §4.24: a departure from the overall rating is the overall rating counted."""
        judged = dict.fromkeys(JUDGED, G)
        a = _pdu("A", _all(8, 2), judged)
        b = _pdu("B", _all(8, 2), judged, (Departure(OVERALL, G, "Consistency with peers"),))
        summary = summarise([a, b], settings=SETTINGS)
        assert summary.overall is not None
        assert (summary.overall.outstanding, summary.overall.good) == (1, 1)


class TestSmallNumbers:
    """Our choice (the seeds are silent): an aggregate of one inspection is not shown; pooled
    counts over few people are suppressed like sub-group breakdowns."""

    def test_one_inspection_is_not_presented_as_an_aggregate(self) -> None:
        assert SETTINGS.summary_min_inspections == 2
        summary = summarise([_pdu("A", _all(8, 2), {})], settings=SETTINGS)
        assert not summary.shown
        data = unit_summary_json(summary)
        assert data["inspections"] == 1
        assert data["standards"] is None
        assert data["overall"] is None
        assert data["key_questions"] is None
        assert "own report" in data["reason"]

    def test_pooled_key_question_with_few_applicable_cases_is_suppressed(self) -> None:
        counts = {**_all(8, 2), "P2.4.3": (1, 1, 6)}
        results = [_pdu("A", counts, {}), _pdu("B", counts, {})]
        data = unit_summary_json(summarise(results, settings=replace(SETTINGS, suppress_below=5)))
        kq = next(k for k in data["key_questions"] if k["id"] == "P2.4.3")
        assert kq["suppressed"] is True
        assert kq["yes"] is None
        assert kq["percent"] is None
        assert kq["not_applicable"] is None
        data = unit_summary_json(summarise(results, settings=replace(SETTINGS, suppress_below=4)))
        kq = next(k for k in data["key_questions"] if k["id"] == "P2.4.3")
        assert (kq["yes"], kq["no"], kq["suppressed"]) == (2, 2, False)


class TestOneFrameworkAtATime:
    def test_frameworks_are_not_mixed(self, catalogue: Catalogue) -> None:
        national = rate_inspection(
            catalogue.get_framework("hmip-2024-national"),
            table_for({"P2.1.1": (8, 2)}),
            catalogue=catalogue,
            settings=SETTINGS,
        )
        with pytest.raises(ValueError, match="different frameworks"):
            summarise([_pdu("A", _all(8, 2), {}), national], settings=SETTINGS)

    def test_nothing_to_summarise(self) -> None:
        with pytest.raises(ValueError, match="no inspections"):
            summarise([], settings=SETTINGS)

    def test_national_case_data_is_pooled_and_marked(self, catalogue: Catalogue) -> None:
        """002 decision 7: the national inspections' case data sets pool like PDU cases."""
        framework = catalogue.get_framework("hmip-2024-national")
        results = [
            rate_inspection(
                framework,
                table_for({"P2.1.1": (yes, 10 - yes)}),
                catalogue=catalogue,
                settings=SETTINGS,
                judged={"N.1": G, "N.2": G, "N.3": G, "N.4": R},
            )
            for yes in (6, 9)
        ]
        data = unit_summary_json(summarise(results, settings=SETTINGS))
        kq = next(k for k in data["key_questions"] if k["id"] == "P2.1.1")
        assert (kq["yes"], kq["no"], kq.get("case_data")) == (15, 5, True)
        # 002 decision 8: G, G, G, RI = 7 → Good for both.
        assert data["overall"]["Good"] == 2


COUNT = st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 3))
INSPECTION = st.tuples(
    st.fixed_dictionaries(dict.fromkeys(CASE_KQS, COUNT)),
    st.fixed_dictionaries({s: st.sampled_from([None, *Rating]) for s in JUDGED}),
)


class TestSummaryProperties:
    """001 §4.7 consolidates a key question's answers over all cases; pooling many inspections
    adds their counts and every inspection is counted once per standard."""

    @given(st.lists(INSPECTION, min_size=SETTINGS.summary_min_inspections, max_size=5))
    @settings(max_examples=30)
    def test_counts_add_up(
        self, inspections: list[tuple[dict[str, tuple[int, int, int]], dict[str, Rating | None]]]
    ) -> None:
        results = [
            _pdu(
                f"I{i}",
                {kq: c for kq, c in counts.items() if sum(c)},
                {s: r for s, r in judged.items() if r is not None},
            )
            for i, (counts, judged) in enumerate(inspections)
        ]
        summary = summarise(results, settings=SETTINGS)
        assert summary.overall is not None
        assert summary.overall.total == len(results)
        for standard in summary.standards:
            assert standard.ratings.total == len(results)
            for rating in Rating:
                expected = sum(1 for r in results if r.standard(standard.id).rating is rating)
                assert standard.ratings.count(rating) == expected
        pooled = {kq.id: kq for kq in summary.key_questions}
        assert set(pooled) == set(CASE_KQS)
        for kq_id, kq in pooled.items():
            standard_id = kq_id.rsplit(".", 1)[0]
            found = [
                k for r in results for k in r.standard(standard_id).key_questions if k.id == kq_id
            ]
            assert kq.yes + kq.no == sum(k.yes + k.no for k in found)
            assert kq.yes == sum(k.yes for k in found)
            assert kq.not_applicable == sum(k.not_applicable for k in found)
            assert kq.inspections == len(results)
