"""Outcomes met through stability (003 §4.8, §4.11): stability counts as sufficient progress
only "in exceptional and defensible circumstances with evidence of planning towards
progress" — the answer records both, is counted as met and shown apart, and the report's
outcomes baseline says how many cases relied on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.frameworks import bundled_catalogue
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inspection import rate_inspection
from pinspect.ratings.serialisation import outcomes_json
from pinspect.report import ReportInputs, build_report, render_html
from pinspect.settings import Settings

HEADER = "case_id,question,answer,circumstances,planning\n"


def _rate(capsys: pytest.CaptureFixture[str], path: Path, text: str) -> tuple[int, str, str]:
    path.write_text(text, encoding="utf-8")
    status = main(["rate", "--framework", "hmip-2021-pdu", "--cases", str(path)])
    out, err = capsys.readouterr()
    return status, out, err


class TestStabilityIsRecordedSeed003_4_11:  # noqa: N801
    """003 §4.11: "stability as sufficient in exceptional and defensible circumstances with
    evidence of planning towards progress"; 003 §4.8: "inspectors should look for evidence of
    planning for progress"."""

    def test_a_stability_answer_without_its_record_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        cases = tmp_path / "cases.csv"
        status, out, err = _rate(
            capsys, cases, HEADER + "C1,2.6.1,met through stability,Recently bereaved,\n"
        )
        assert status == 2
        assert out == ""
        assert f"{cases}:2: planning: an outcome met through stability must record the " in err
        assert "evidence of planning towards progress" in err
        assert "circumstances:" not in err
        assert "Recently bereaved" not in err  # case content is never repeated

    def test_a_file_without_the_record_columns_names_both(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        cases = tmp_path / "cases.csv"
        status, _, err = _rate(capsys, cases, "case_id,question,answer\nC1,2.6.1,stability\n")
        assert status == 2
        assert f"{cases}:2: circumstances:" in err
        assert f"{cases}:2: planning:" in err

    def test_a_recorded_stability_answer_is_counted_as_met_and_apart(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        cases = tmp_path / "cases.csv"
        rows = "C1,2.6.1,met through stability,Housing lost in month two,Referral made\n"
        rows += "C2,2.6.1,met,,\nC3,2.6.1,not met,,\n"
        status, out, _ = _rate(capsys, cases, HEADER + rows)
        assert status == 0
        assert "met 2 (through stability 1) / part met 0 / not met 1" in out


class TestStabilityIsCountedApartSeed003_4_11:  # noqa: N801
    """003 §4.11: stability is sufficient progress; the counts show how many relied on it."""

    def test_counts_and_json(self) -> None:
        catalogue = bundled_catalogue()
        rows = [("A", "2.6.1", Answer.MET), ("B", "2.6.1", Answer.MET_THROUGH_STABILITY)]
        rows += [("C", "2.6.1", Answer.NOT_MET), ("D", "2.6.1", Answer.MET_THROUGH_STABILITY)]
        result = rate_inspection(
            catalogue["hmip-2021-pdu"],
            AnswerTable.from_answers(rows),
            catalogue=catalogue,
            settings=Settings(),
        )
        outcomes = result.standard("2.6").outcomes
        assert outcomes is not None
        data = outcomes_json(outcomes)
        assert (data["met"], data["met_through_stability"], data["not_met"]) == (3, 2, 1)
        assert data["percent"]["met"] == 75.0

    def test_the_report_baseline_says_how_many_relied_on_stability(self) -> None:
        catalogue = bundled_catalogue()
        rows = [(f"S{i}", "2.6.1", Answer.MET_THROUGH_STABILITY) for i in range(3)]
        rows += [(f"M{i}", "2.6.1", Answer.MET) for i in range(5)]
        rows += [("P0", "2.6.1", Answer.PART_MET)]
        framework = catalogue["hmip-2021-pdu"]
        table = AnswerTable.from_answers(rows)
        result = rate_inspection(framework, table, catalogue=catalogue, settings=Settings())
        report = build_report(
            ReportInputs(
                framework=framework,
                result=result,
                answers=table,
                title="Anytown PDU",
                unit="Anytown PDU",
                pseudonym_key=b"k" * 32,
                catalogue=catalogue,
            ),
            settings=Settings(),
        )
        (section,) = report.outcomes
        assert section.rows[0].met_through_stability == 3
        html = render_html(report)
        assert "Met through stability: 3 of the 8 judged met." in html

    def test_answer_words(self) -> None:
        """003 §4.11: the words a cases file may use for a stability answer."""
        for word in ("met through stability", "Stability", "sufficient progress through stability"):
            assert Answer.parse(word) is Answer.MET_THROUGH_STABILITY
        assert Answer.MET_THROUGH_STABILITY.word == "met through stability"
