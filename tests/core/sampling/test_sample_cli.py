"""``pinspect sample``: the CLI contract tests and outside tools rely on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pinspect.cli import main
from pinspect.synthetic import synthetic_long_list, write_long_list_csv
from tests.core.sampling.factories import TODAY, row


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(scope="module")
def long_list_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ll") / "longlist.csv"
    write_long_list_csv(synthetic_long_list(1500, seed=2, today=TODAY), path)
    return path


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_json_contract(capsys: pytest.CaptureFixture[str], long_list_csv: Path) -> None:
    args = ["sample", str(long_list_csv), "--seed", "7", "--today", "2024-06-01"]
    status, out, _ = run(capsys, *args, "--format", "json")
    assert status == 0
    data = json.loads(out)
    keys = {"seed", "size", "population", "eligible", "excluded", "strata", "cases", "shortfall"}
    assert keys <= set(data)
    assert data["seed"] == 7
    assert data["population"] == 1500
    assert data["eligible"] + sum(data["excluded"].values()) == 1500
    assert {"name", "population", "quota", "drawn"} <= set(data["strata"][0])
    assert {"crn", "stratum", "area", "team", "practitioner", "reserve"} <= set(data["cases"][0])
    sample = [c for c in data["cases"] if c["reserve"] is False]
    reserve = [c["reserve"] for c in data["cases"] if c["reserve"] is not False]
    assert len(sample) == data["size"] == sum(s["quota"] for s in data["strata"])
    assert reserve == list(range(1, len(reserve) + 1))
    assert data["confidence"] == 0.8
    assert data["margin"] == 0.05
    _, again, _ = run(capsys, *args, "--format", "json")
    assert json.loads(again)["cases"] == data["cases"]


def test_size_and_options(capsys: pytest.CaptureFixture[str], long_list_csv: Path) -> None:
    status, out, _ = run(
        capsys, "sample", str(long_list_csv), "--size", "40", "--reserve", "10",
        "--max-per-practitioner", "2", "--seed", "1", "--strata", "sex",
        "--window", "2023-06-01:2024-05-31", "--format", "json", "--breakdown", "ethnicity",
    )  # fmt: skip
    assert status == 0
    data = json.loads(out)
    assert data["size"] == 40
    assert sum(1 for c in data["cases"] if c["reserve"] is not False) == 4
    assert all(s["name"].startswith("sex=") for s in data["strata"])
    assert "ethnicity" in data["analysis"]["breakdowns"]


def test_seed_chosen_and_printed(capsys: pytest.CaptureFixture[str], long_list_csv: Path) -> None:
    status, out, err = run(capsys, "sample", str(long_list_csv), "--today", "2024-06-01")
    assert status == 0
    assert "seed" in err
    seed = err.split("--seed ")[1].split(" ")[0]
    assert f"seed: {seed}" in out


def test_out_csv_and_xlsx(
    capsys: pytest.CaptureFixture[str], long_list_csv: Path, tmp_path: Path
) -> None:
    out_csv = tmp_path / "sample.csv"
    status, _, _ = run(capsys, "sample", str(long_list_csv), "--seed", "3", "--out", str(out_csv))
    assert status == 0
    with out_csv.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert {"crn", "ethnicity", "stratum", "reserve_rank", "sample"} <= set(rows[0])
    assert rows[0]["reserve_rank"] == ""
    assert rows[-1]["reserve_rank"] != ""
    out_xlsx = tmp_path / "sample.xlsx"
    status, _, _ = run(capsys, "sample", str(long_list_csv), "--seed", "3", "--out", str(out_xlsx))
    assert status == 0
    workbook = load_workbook(out_xlsx, read_only=True)  # read-only keeps the file open
    try:
        drawn_rows = sum(1 for _ in workbook.worksheets[0].iter_rows())
    finally:
        workbook.close()
    assert drawn_rows == len(rows) + 1


def test_mapping_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [
        {("Case Ref" if k == "crn" else k): v for k, v in row(f"A{i}").items()} for i in range(5)
    ]
    path = write_rows(tmp_path / "ll.csv", rows)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("Case Ref: crn\n")
    status, out, _ = run(
        capsys, "sample", str(path), "--mapping", str(mapping), "--size", "2", "--seed", "1",
        "--format", "json", "--today", "2024-06-01",
    )  # fmt: skip
    assert status == 0
    assert len([c for c in json.loads(out)["cases"] if c["reserve"] is False]) == 2


class TestBadInput:
    """Bad input: exit status 2, file/line/column named, nothing written to --out."""

    def check(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, *extra: str
    ) -> str:
        out = tmp_path / "sample.csv"
        status, _, err = run(capsys, "sample", str(path), "--seed", "1", "--out", str(out), *extra)
        assert status == 2
        assert not out.exists()
        assert not list(tmp_path.glob(".pinspect-*"))
        return err

    def test_missing_column(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        rows = [{k: v for k, v in row("A1").items() if k != "practitioner"}]
        path = write_rows(tmp_path / "ll.csv", rows)
        err = self.check(capsys, tmp_path, path)
        assert f"{path}:1: practitioner: required column is missing" in err

    def test_bad_date(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write_rows(tmp_path / "ll.csv", [row("A1"), row("A2", start_date="31/31/2024")])
        err = self.check(capsys, tmp_path, path)
        assert f"{path}:3: start_date: not a date" in err

    def test_empty_file(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "ll.csv"
        path.write_text("")
        assert "empty" in self.check(capsys, tmp_path, path)

    def test_header_only(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "ll.csv"
        path.write_text(",".join(row("A1")) + "\n")
        assert "no cases" in self.check(capsys, tmp_path, path)

    def test_size_too_large(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write_rows(tmp_path / "ll.csv", [row("A1"), row("A2")])
        err = self.check(capsys, tmp_path, path, "--size", "3", "--today", "2024-06-01")
        assert f"{path}: --size:" in err

    def test_unknown_file_type(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "ll.txt"
        path.write_text("crn\n")
        assert "unknown file type" in self.check(capsys, tmp_path, path)

    def test_bad_xlsx(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "ll.xlsx"
        path.write_text("not a workbook")
        err = self.check(capsys, tmp_path, path)
        # The file is named, and the message says what is wrong with it (the name alone holds
        # "xlsx", so checking for that would pass whatever the message said).
        assert f"{path}: not a readable .xlsx workbook" in err

    def test_unknown_out_type(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write_rows(tmp_path / "ll.csv", [row("A1")])
        status, _, err = run(capsys, "sample", str(path), "--out", str(tmp_path / "s.pdf"))
        assert status == 2
        assert "--out" in err

    def test_bad_window(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write_rows(tmp_path / "ll.csv", [row("A1")])
        assert "--window" in self.check(capsys, tmp_path, path, "--window", "2024")

    def test_size_with_confidence(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = write_rows(tmp_path / "ll.csv", [row("A1")])
        assert "not both" in self.check(capsys, tmp_path, path, "--size", "1", "--margin", "0.1")
