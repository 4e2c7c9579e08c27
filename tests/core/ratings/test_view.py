"""Views over one set of answers: 001 §3.3 (regional R2.1/R2.2) and 002 decision 7 (national)."""

from __future__ import annotations

import pytest

from pinspect.frameworks import Catalogue
from pinspect.problems import InputError
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.serialisation import inspection_json
from pinspect.settings import Settings
from tests.core.ratings.builders import table_for

FAST = Settings(simulation_draws=200)
PDU_ANSWERS = {
    "P2.1.2": (30, 10),
    "P2.1.3": (25, 15),
    "P2.2.2": (33, 7),
    "P2.2.3": (21, 19),
    "P2.3.2": (35, 5),
    "P2.3.3": (36, 4),
    "P2.4.2": (28, 12),
    "P2.4.3": (27, 13),
    "P2.1.3.a": (20, 20),
}


class TestRegionalViewOfPduAnswers:
    """000 R 2.1, R 2.2 and 001 §3.3: the regional public protection and desistance key questions
    ask the PDU key questions grouped by aim, so one set of answers feeds both views."""

    def test_regional_key_questions_equal_the_pdu_ones_they_mirror(
        self, catalogue: Catalogue
    ) -> None:
        """Each R2.1/R2.2 key question reports exactly the PDU key question it mirrors."""
        table = table_for(PDU_ANSWERS)
        pdu = rate_inspection(
            catalogue.get_framework("hmip-2023-pdu"), table, catalogue=catalogue, settings=FAST
        )
        region = rate_inspection(
            catalogue.get_framework("hmip-2023-region"), table, catalogue=catalogue, settings=FAST
        )
        pdu_kqs = {kq.id: kq for s in pdu.standards for kq in s.key_questions}
        for standard_id in ("R2.1", "R2.2"):
            for kq in region.standard(standard_id).key_questions:
                assert kq.mirrors is not None
                mirrored = pdu_kqs[kq.mirrors.split(":")[1]]
                assert (kq.yes, kq.no, kq.band, kq.interval) == (
                    mirrored.yes,
                    mirrored.no,
                    mirrored.band,
                    mirrored.interval,
                )
        r211 = region.standard("R2.1").key_questions[0]
        assert r211.prompts[0].yes == 20  # P2.1.3.a feeds R2.1.1.a by letter
        assert region.standard("R2.1").rating is not None

    def test_answers_under_regional_ids_are_accepted(self, catalogue: Catalogue) -> None:
        """001 §3.3: the same answers given under the R ids rate the same."""
        framework = catalogue.get_framework("hmip-2023-region")
        by_r = table_for({"R2.1.1": (25, 15)})
        by_p = table_for({"P2.1.3": (25, 15)})
        a = rate_inspection(framework, by_r, catalogue=catalogue, settings=FAST)
        b = rate_inspection(framework, by_p, catalogue=catalogue, settings=FAST)
        assert a.standard("R2.1").key_questions[0] == b.standard("R2.1").key_questions[0]

    def test_one_case_answering_both_ids_is_refused(self, catalogue: Catalogue) -> None:
        """001 §3.3: P2.1.3 and R2.1.1 are one question; a case answers it once."""
        framework = catalogue.get_framework("hmip-2023-region")
        table = table_for({"R2.1.1": (1, 0), "P2.1.3": (1, 0)})
        with pytest.raises(InputError, match=r"answers R2\.1\.1 twice"):
            rate_inspection(framework, table, catalogue=catalogue, settings=FAST)


class Test002Decision7NationalCaseData:
    """002 decision 7: "We will present the case inspection data as a single national data set.
    We will report a percentage score that is indicative of … a rating … This should not be
    compared with case inspection data from regional or PDU inspections"."""

    def test_case_data_is_one_indicative_data_set(self, catalogue: Catalogue) -> None:
        """002 decision 7: PDU domain two answers → case_data marked indicative, with the note;
        the national standards N.1–N.4 stay judged."""
        framework = catalogue.get_framework("hmip-2024-national")
        result = rate_inspection(
            framework,
            table_for(PDU_ANSWERS | {"P2.1.1": (39, 1)}),
            catalogue=catalogue,
            settings=FAST,
        )
        assert result.case_data is not None
        data = inspection_json(result)["case_data"]
        assert data["indicative"] is True
        assert data["framework"] == "hmip-2023-pdu"
        assert "should not be compared" in data["note"]
        p21 = result.case_data.standards[0]
        assert p21.id == "P2.1"
        assert p21.indicative
        assert p21.rating is not None
        assert data["standards"][0]["indicative"] is True
        assert [s.rated_by.value for s in result.standards] == ["judgement"] * 4
        assert result.overall is None  # no judged ratings supplied
