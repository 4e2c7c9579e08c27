"""``pinspect agreement``: the agreement table of a markings file (001 §4.12, §4.13).

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement". The command is how such an
exercise's markings are measured.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pinspect.cli import main
from tests.core.consistency.markings_files import HMIP_2023_PDU_CASE_KEY_QUESTIONS, write_markings


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["agreement", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _rows(out: str, first_column: str) -> dict[str, str]:
    """The rows of the text table whose header starts with ``first_column``, by first cell."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first_column))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        rows[line.split("  ")[0]] = line
    return rows


def test_two_markers_40_cases_12_questions_print_kappa_ac1_and_raw_agreement_per_question(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """001 §4.12: one row per key question with raw agreement, kappa and AC1, no alpha."""
    path = write_markings(tmp_path / "markings.csv")
    status, out, err = run(capsys, str(path))
    assert (status, err) == (0, "")
    header = out.splitlines()[2]
    assert header.split() == (
        ["key", "question", "markers", "cases", "raw", "agreement", "kappa", "AC1", "flag"]
    )
    rows = _rows(out, "key question")
    assert list(rows) == list(HMIP_2023_PDU_CASE_KEY_QUESTIONS)
    for row in rows.values():
        cells = row.split()
        assert cells[1:3] == ["2", "40"]
        assert row.count(" to ") == 3  # raw agreement, kappa and AC1, each with its interval


def test_the_printed_figures_are_the_json_figures(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_markings(tmp_path / "markings.csv")
    _, out, _ = run(capsys, str(path))
    status, text, _ = run(capsys, str(path), "--format", "json")
    data = json.loads(text)
    assert status == 0
    first = data["key_questions"][0]
    row = _rows(out, "key question")[first["question"]]
    for name in ("raw_agreement", "kappa", "ac1"):
        figure = first[name]
        low, high = figure["interval"]
        assert f"{figure['value']:.2f} ({low:.2f} to {high:.2f})" in row
    assert first["alpha"] is None
    assert data["confidence_level"] == 0.95
    assert data["interval_method"].startswith("percentile bootstrap over cases")


def test_three_markers_add_alpha(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """More than two markers marked the same cases: kappa is Fleiss' and alpha is printed."""
    path = write_markings(tmp_path / "markings.csv", markers=("A", "B", "C"))
    status, out, _ = run(capsys, str(path))
    assert status == 0
    assert "alpha" in out.splitlines()[2].split()
    assert "kappa is Fleiss'" in out
    for row in _rows(out, "key question").values():
        assert row.split()[1:3] == ["3", "40"]
        assert row.count(" to ") == 4
    pairs = _rows(out, "marker pair")
    assert list(pairs) == ["A and B", "A and C", "B and C"]


def test_malformed_file_exits_2_naming_the_line_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "case,question,marker,answer\n"
        "C1,P2.1.1,A,yes\n"
        "C1,P2.1.1,B,maybe\n"
        "C2,P2.1.1,,no\n"
        "C1,P2.1.1,A,no\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, str(path))
    assert status == 2
    assert out == ""
    assert f"{path}:3: answer: 'maybe' is not a marking" in err
    assert f"{path}:4: marker: the marker is empty" in err
    assert f"{path}:5: marker: 'A' already marked 'P2.1.1' for this case on line 2" in err


def test_a_missing_column_exits_2_naming_the_header_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("case,question,answer\nC1,P2.1.1,yes\n", encoding="utf-8")
    status, _, err = run(capsys, str(path))
    assert status == 2
    assert f"{path}:1: marker: the header has no 'marker' column" in err


def test_with_a_framework_a_question_outside_it_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "case,question,marker,answer\nC1,P2.1.1,A,yes\nC1,P1.1.1,B,yes\n", encoding="utf-8"
    )
    status, _, err = run(capsys, str(path), "--framework", "hmip-2023-pdu")
    assert status == 2
    assert f"{path}:3: question: 'P1.1.1' is not a case-based key question of hmip-2023-pdu" in err


def test_an_unknown_framework_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_markings(tmp_path / "markings.csv")
    status, _, err = run(capsys, str(path), "--framework", "no-such")
    assert status == 2
    assert "--framework: unknown framework 'no-such'" in err


def test_with_a_framework_standards_and_band_changes_are_printed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """001 §4.10: grouped by standard, each with whether a disagreement changes its rating."""
    path = write_markings(tmp_path / "markings.csv")
    status, out, _ = run(capsys, str(path), "--framework", "hmip-2023-pdu")
    assert status == 0
    assert "band changes" in out.splitlines()[2]
    standards = _rows(out, "standard")
    assert list(standards) == [
        "P2.1 Assessment",
        "P2.2 Planning",
        "P2.3 Implementation and delivery",
        "P2.4 Reviewing",
    ]
    for row in standards.values():
        assert row.split()[-1] in ("yes", "no")


def test_a_flagged_question_is_marked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Markers who agree only by chance fall below the agreement_flag_below setting."""
    path = write_markings(tmp_path / "markings.csv", agree=0.0, questions=("P2.1.1",))
    status, out, _ = run(capsys, str(path))
    assert status == 0
    assert _rows(out, "key question")["P2.1.1"].rstrip().endswith("FLAG")
    assert "FLAG: AC1 below 0.6" in out


def test_a_band_change_names_both_bands_and_markers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """001 §4.8: 8 of 10 yes is a Large majority, 6 of 10 Too few."""
    path = tmp_path / "markings.csv"
    rows = ["case,question,marker,answer"]
    for case in range(10):
        rows.append(f"C{case},P2.1.1,A,{'yes' if case < 8 else 'no'}")
        rows.append(f"C{case},P2.1.1,B,{'yes' if case < 6 else 'no'}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    status, out, _ = run(capsys, str(path), "--framework", "hmip-2023-pdu")
    assert status == 0
    assert "- P2.1.1: Large majority with A's answers, Too few with B's (10 cases)" in out
