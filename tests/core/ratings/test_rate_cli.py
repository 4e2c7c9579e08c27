"""``pinspect rate``: the CLI contract tests and outside tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.examples import example_path

CASES = str(example_path("cases"))
JUDGED = str(example_path("judged"))
ATTRS = str(example_path("attributes"))
STANDARD_KEYS = {
    "id",
    "name",
    "rated_by",
    "rating",
    "score",
    "reason",
    "key_questions",
    "p_rating_differs",
    "fragile",
}
KQ_KEYS = {
    "id",
    "yes",
    "no",
    "not_applicable",
    "percent",
    "band",
    "rating",
    "interval",
    "next_band_needs",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def rate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    return run(capsys, "rate", "--framework", "hmip-2023-pdu", *argv)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_on_the_bundled_example(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON keys and values of the contract, on the bundled example inspection."""
    status, out, _ = rate(
        capsys,
        "--cases",
        CASES,
        "--judged",
        JUDGED,
        "--attributes",
        ATTRS,
        "--by",
        "sex,ethnicity",
        "--format",
        "json",
    )
    assert status == 0
    data = json.loads(out)
    assert data["framework"] == "hmip-2023-pdu"
    assert {"framework", "standards", "overall", "overall_reason", "breakdowns"} <= set(data)
    standards = {s["id"]: s for s in data["standards"]}
    for standard in data["standards"]:
        assert set(standard) >= STANDARD_KEYS
        for kq in standard["key_questions"]:
            assert set(kq) >= KQ_KEYS
    assert [
        standards[s]["rating"] for s in ("P1.1", "P1.2", "P1.3", "P2.1", "P2.2", "P2.3", "P2.4")
    ] == [
        "Good",
        "Requires improvement",
        "Good",
        "Outstanding",
        "Inadequate",
        "Good",
        "Outstanding",
    ]
    p23 = standards["P2.3"]
    assert p23["fragile"] is True
    assert p23["p_rating_differs"] > 0.2
    assert sum(1 for s in data["standards"] if s["fragile"]) == 1
    kq = p23["key_questions"][1]
    assert (kq["id"], kq["yes"], kq["no"], kq["percent"], kq["band"], kq["rating"]) == (
        "P2.3.2",
        41,
        19,
        68.3,
        "Reasonable majority",
        "Good",
    )
    assert kq["next_band_needs"] == 7
    assert len(kq["interval"]) == 2
    assert kq["interval"][0] < 68.3 < kq["interval"][1]
    assert data["overall"]["score"] == 13
    assert data["overall"]["max"] == 21
    assert data["overall"]["rating"] == "Good"
    assert data["overall"]["banding"] == "derived"
    assert data["overall_reason"] is None
    assert [b["by"] for b in data["breakdowns"]] == [["sex"], ["ethnicity"], ["sex", "ethnicity"]]


def test_table_format(capsys: pytest.CaptureFixture[str]) -> None:
    """The table names standards, key questions with bands and intervals, and the overall."""
    status, out, _ = rate(capsys, "--cases", CASES, "--judged", JUDGED)
    assert status == 0
    assert "P2.3.2" in out
    assert "Reasonable majority" in out
    assert "FRAGILE" in out
    assert "Overall: Good (score 13 of 21" in out


def test_xlsx_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """XLSX files are read from their first sheet with the same header rules."""
    from openpyxl import Workbook  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["case_id", "question", "answer"])
    for i in range(10):
        sheet.append([f"C{i}", "P2.1.1", "Yes" if i < 8 else "no"])
    path = tmp_path / "cases.xlsx"
    workbook.save(path)
    status, out, _ = rate(capsys, "--cases", str(path), "--format", "json")
    assert status == 0
    kq = json.loads(out)["standards"][3]["key_questions"][0]
    assert (kq["yes"], kq["no"], kq["band"]) == (8, 2, "Large majority")


def test_departures_and_outcomes_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Departures are listed with computed and final ratings and the reason."""
    departures = write(
        tmp_path,
        "d.csv",
        'target,rating,reason\nP2.3,Requires improvement,"fragile margin, reviewed at panel"\n',
    )
    status, out, _ = rate(
        capsys, "--cases", CASES, "--judged", JUDGED, "--departures", departures, "--format", "json"
    )
    assert status == 0
    data = json.loads(out)
    p23 = data["standards"][5]
    assert p23["rating"] == "Requires improvement"
    assert p23["computed_rating"] == "Good"
    assert p23["departure"]["reason"] == "fragile margin, reviewed at panel"


BAD_CASES = [
    ("unknown question", "case_id,question,answer\nC1,P9.9.9,yes\n", ":2", "P9.9.9"),
    ("unknown answer", "case_id,question,answer\nC1,P2.1.1,maybe\n", ":2", "maybe"),
    ("answered twice", "case_id,question,answer\nC1,P2.1.1,yes\nC1,P2.1.1,no\n", ":3", "twice"),
    ("empty file", "", ":1", "empty"),
    ("header only", "case_id,question,answer\n", ":1", "no rows"),
    ("wrong header", "case,question,answer\nC1,P2.1.1,yes\n", ":1", "case_id"),
    ("another framework", "case_id,question,answer\nC1,2.1.1,yes\n", ":2", "hmip-2021-pdu"),
    ("outcome word for yes/no", "case_id,question,answer\nC1,P2.1.1,met\n", ":2", "met"),
]


@pytest.mark.parametrize(
    ("label", "text", "line", "value"), BAD_CASES, ids=[c[0] for c in BAD_CASES]
)
def test_bad_cases_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    label: str,
    text: str,
    line: str,
    value: str,
) -> None:
    """Bad case input: exit 2, a message naming file, line and value, nothing on stdout."""
    cases = write(tmp_path, "cases.csv", text)
    status, out, err = rate(capsys, "--cases", cases, "--format", "json")
    assert status == 2
    assert out == ""
    assert f"cases.csv{line}" in err
    assert value in err


def test_every_problem_in_a_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """All problems are collected before anything is rated."""
    cases = write(
        tmp_path,
        "cases.csv",
        "case_id,question,answer\nC1,P9,yes\nC2,P2.1.1,perhaps\nC3,P2.1.1,yes\n",
    )
    status, _, err = rate(capsys, "--cases", cases)
    assert status == 2
    assert "cases.csv:2" in err
    assert "cases.csv:3" in err


@pytest.mark.parametrize(
    ("option", "text", "line", "value"),
    [
        ("--judged", "standard,rating\nP2.1,Good\n", ":2", "P2.1"),
        ("--judged", "standard,rating\nP1.1,Brilliant\n", ":2", "Brilliant"),
        ("--departures", "target,rating,reason\nP2.1,Good,\n", ":2", "no reason"),
        ("--departures", "target,rating,reason\nP7.7,Good,because\n", ":2", "P7.7"),
        ("--aggregate", "inspection,rating\nA,Good\n", "", "hmip-2023-pdu"),
    ],
)
def test_bad_other_files_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    option: str,
    text: str,
    line: str,
    value: str,
) -> None:
    """Judged ratings for a case-based standard, bad ratings, departures without a reason or
    target, aggregates for a framework without one: exit 2 naming file, line and value."""
    path = write(tmp_path, "input.csv", text)
    status, out, err = rate(capsys, "--cases", CASES, option, path)
    assert status == 2
    assert out == ""
    assert f"input.csv{line}" in err
    assert value in err


def test_by_needs_a_known_attribute(capsys: pytest.CaptureFixture[str]) -> None:
    """--by names attribute columns of the attributes file."""
    status, _, err = rate(capsys, "--cases", CASES, "--attributes", ATTRS, "--by", "religion")
    assert status == 2
    assert "religion" in err


def test_region_aggregate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """000 R 1.2.2 through the CLI: --aggregate rates the key question from P1.2 ratings."""
    agg = write(tmp_path, "agg.csv", "inspection,rating\nA,Good\nB,Requires improvement\nC,Good\n")
    status, out, _ = run(
        capsys,
        "rate",
        "--framework",
        "hmip-2023-region",
        "--cases",
        CASES,
        "--aggregate",
        agg,
        "--format",
        "json",
    )
    assert status == 0
    data = json.loads(out)
    r12 = next(s for s in data["standards"] if s["id"] == "R1.2")
    assert r12["key_questions"][1]["rating"] == "Good"
    r21 = next(s for s in data["standards"] if s["id"] == "R2.1")
    assert r21["rating"] is not None
    assert "P2.1.1" in data["unused_questions"]
