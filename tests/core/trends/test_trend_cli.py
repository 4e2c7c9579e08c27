"""``pinspect trend``: a unit's inspections from files, every problem reported first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.examples import example_directory
from pinspect.examples.trend import TREND_MANIFEST, write_trend_example

EXAMPLE = example_directory() / TREND_MANIFEST


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_example_trend_as_tables(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "trend", str(EXAMPLE))
    assert status == 0, err
    assert out.startswith("Trend for Anytown PDU: 3 inspections, read in hmip-2023-pdu")
    lines = out.splitlines()
    assessment = next(line for line in lines if line.startswith("P2.1 Assessment"))
    # 2021 assessment asks the same as 2023 P2.1: compared directly, no '≈'.
    assert assessment.split("  ")[1:] != []
    assert "Requires improvement (2.2)" in assessment
    assert "≈" not in assessment
    delivery = next(line for line in lines if line.startswith("P2.3 Implementation"))
    assert "≈ Good (2.4)" in delivery
    assert any("2.7 Statutory victim work  Outstanding" in line for line in lines)
    assert "≈ Requires improvement (12/27)" in out


def test_the_example_trend_as_json_and_in_an_older_framework(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(
        capsys, "trend", str(EXAMPLE), "--format", "json", "--framework", "hmip-2021-pdu"
    )
    assert status == 0
    data = json.loads(out)
    assert data["framework"] == "hmip-2021-pdu"
    assert [i["label"] for i in data["inspections"]] == [
        "Inspection 2022",
        "Inspection 2024",
        "Inspection 2026",
    ]
    court = next(s for s in data["standards"] if s["id"] == "2.1")
    assert [p["comparison"] for p in court["points"]] == ["equal", "none", "none"]
    assert court["points"][0]["rating"] == "Good"


def test_the_example_files_are_reproducible(tmp_path: Path) -> None:
    """Regenerating the example writes the files shipped, byte for byte."""
    for path in write_trend_example(tmp_path):
        assert path.read_bytes() == (example_directory() / path.name).read_bytes(), path.name


def test_every_problem_in_the_trend_file_and_its_inspections(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in ("anytown-2022-cases.csv", "anytown-2022-judged.csv"):
        shutil.copy(example_directory() / name, tmp_path / name)
    (tmp_path / "anytown-2022-judged.csv").write_text(
        "standard,rating\n1.1,Splendid\n", encoding="utf-8"
    )
    manifest = tmp_path / "trend.yaml"
    manifest.write_text(
        "unit: Anytown\n"
        "colour: blue\n"
        "inspections:\n"
        "  - label: A\n"
        "    date: 16 May 2022\n"
        "    framework: hmip-2021-pdu\n"
        "    cases: anytown-2022-cases.csv\n"
        "  - label: B\n"
        "    date: 2023-01-01\n"
        "    framework: hmip-2021-pdu-scored-27\n"
        "    cases: anytown-2022-cases.csv\n"
        "    judged: anytown-2022-judged.csv\n"
        "  - label: B\n"
        "    date: 2024-01-01\n"
        "    framework: hmip-1999\n"
        "    cases: missing.csv\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, "trend", str(manifest))
    assert status == 2
    assert out == ""
    assert f"{manifest}:2: colour: unknown field 'colour'" in err
    assert f"{manifest}:5: inspections/0/date: must be a date written YYYY-MM-DD" in err
    assert (
        f"{manifest}:13: inspections/2/label: the label 'B' is already that of inspection 2" in err
    )
    assert "Traceback" not in err
    manifest.write_text(
        manifest.read_text()
        .replace("colour: blue\n", "")
        .replace("16 May 2022", "2022-05-16")
        .replace("  - label: B\n    date: 2024-01-01", "  - label: C\n    date: 2024-01-01"),
        encoding="utf-8",
    )
    status, _, err = run(capsys, "trend", str(manifest))
    assert status == 2
    assert f"{manifest}:12: inspections/2/framework: unknown framework 'hmip-1999'" in err
    assert "missing.csv" not in err  # an inspection of an unknown framework is not read
    assert "anytown-2022-judged.csv:2" in err
    assert "Splendid" in err


def test_a_date_that_is_no_date(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """YAML reads 2022-13-40 as a date and fails: the line is named, not a traceback."""
    manifest = tmp_path / "trend.yaml"
    manifest.write_text("inspections:\n  - label: A\n    date: 2022-13-40\n", encoding="utf-8")
    status, _, err = run(capsys, "trend", str(manifest))
    assert status == 2
    assert f"{manifest}:3: not valid YAML: a value that is not a date" in err


def test_a_missing_trend_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "trend", str(tmp_path / "absent.yaml"))
    assert status == 2
    assert "absent.yaml: no such file" in err
