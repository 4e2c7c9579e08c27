"""``pinspect national``: many inspections rated from one answers file, their case-based
figures pooled by nation, region and sub-group (001 §5.9, 003 §3.5), small cells suppressed
across every published table, the 2024 national inspection's cases kept apart (002
decision 7)."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pinspect.cli import main
from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import AnswerScale
from pinspect.ratings.view import answer_view
from pinspect.settings import Settings

INSPECTIONS = [
    ("PDU-A1", "hmip-2023-pdu", "North"),
    ("PDU-A2", "hmip-2023-pdu", "North"),
    ("PDU-B1", "hmip-2023-pdu", "South"),
    ("PDU-B2", "hmip-2023-pdu", "South"),
    ("PDU-C1", "hmip-2023-pdu", "Wales"),
    ("NAT-2025", "hmip-2024-national", ""),
]
HEADER = ["inspection", "case_id", "question", "answer", "sex", "ethnicity"]


def _rows(seed: int = 7) -> list[list[str]]:
    catalogue = bundled_catalogue()
    rng = np.random.default_rng(seed)
    rows: list[list[str]] = []
    for label, framework_id, _ in INSPECTIONS:
        view = answer_view(catalogue[framework_id], catalogue)
        questions = [
            t.id for t in view.targets if t.accepts_answers() and t.scale is AnswerScale.YES_NO
        ]
        for case in range(int(rng.integers(12, 30))):
            sex = str(rng.choice(["Female", "Male", ""], p=[0.2, 0.75, 0.05]))
            ethnicity = str(
                rng.choice(["White", "Black", "Asian", "Mixed"], p=[0.7, 0.1, 0.15, 0.05])
            )
            for question in questions:
                answer = str(rng.choice(["yes", "no", "n/a"], p=[0.7, 0.25, 0.05]))
                rows.append([label, f"C{case:03d}", question, answer, sex, ethnicity])
    return rows


def _write(directory: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    answers = directory / "answers.csv"
    with answers.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    inspections = directory / "inspections.csv"
    with inspections.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["inspection", "framework", "region"])
        writer.writerows(INSPECTIONS)
    return answers, inspections


def _national(answers: Path, inspections: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    status = main(["national", str(answers), "--inspections", str(inspections), "--format", "json"])
    out = capsys.readouterr().out
    assert status == 0
    return json.loads(out)


@pytest.fixture(scope="module")
def rows() -> list[list[str]]:
    return _rows()


@pytest.fixture
def picture(tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]) -> Any:
    return _national(*_write(tmp_path, rows), capsys)


def _key(figure: dict[str, Any]) -> tuple[str, tuple[tuple[str, str | None], ...], str]:
    return (figure["scope"], tuple(sorted(figure["group"].items())), figure["key_question"])


class TestPooledFigures:
    """001 §5.9, 003 §3.5: results aggregated by sub-group at regional and national level."""

    def test_every_inspection_rated(self, picture: Any) -> None:
        labels = [r["inspection"] for r in picture["inspections"]]
        assert sorted(labels) == sorted(label for label, _, _ in INSPECTIONS)
        regions = {r["inspection"]: r["region"] for r in picture["inspections"]}
        assert regions["PDU-B2"] == "South"
        assert regions["NAT-2025"] is None

    def test_nation_and_regions_add_up_the_inspections(
        self, picture: Any, rows: list[list[str]]
    ) -> None:
        """Every shown figure of all cases equals the answers counted straight from the file."""
        region = {label: r for label, _, r in INSPECTIONS}
        counted: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
        for label, _, question, answer, _, _ in rows:
            if label.startswith("NAT"):
                continue
            column = {"yes": 0, "no": 1, "n/a": 2}[answer]
            counted[("nation", question)][column] += 1
            counted[(region[label], question)][column] += 1
        data_set = next(d for d in picture["national"]["data_sets"] if not d["indicative"])
        assert data_set["scopes"] == ["nation", "North", "South", "Wales"]
        shown = [f for f in data_set["figures"] if not f["group"] and not f["suppressed"]]
        assert len(shown) == 4 * 12
        for figure in shown:
            expected = counted[(figure["scope"], figure["key_question"])]
            assert [figure["yes"], figure["no"], figure["not_applicable"]] == expected

    def test_groups_and_pairs_are_published(self, picture: Any) -> None:
        data_set = next(d for d in picture["national"]["data_sets"] if not d["indicative"])
        groups = {tuple(sorted(f["group"])) for f in data_set["figures"]}
        assert {(), ("sex",), ("ethnicity",), ("ethnicity", "sex")} <= groups
        women = [
            f
            for f in data_set["figures"]
            if f["group"] == {"sex": "Female"} and f["scope"] == "nation"
        ]
        assert len(women) == 12

    def test_national_inspection_kept_apart(self, picture: Any) -> None:
        """002 decision 7: the national inspection's cases are indicative and not compared
        with PDU data: their own data set, for the nation only."""
        indicative = [d for d in picture["national"]["data_sets"] if d["indicative"]]
        assert len(indicative) == 1
        assert indicative[0]["framework"] == "hmip-2023-pdu"
        assert indicative[0]["inspections"] == 1
        assert indicative[0]["scopes"] == ["nation"]
        assert "002 decision 7" in indicative[0]["note"]


class TestSuppression:
    """Small cells hidden in every published table, and no hidden cell recoverable from a
    published total and its published parts (our rule; docs/ratings.md)."""

    def test_no_published_cell_under_the_threshold(self, picture: Any) -> None:
        threshold = Settings().suppress_below
        assert picture["national"]["suppress_below"] == threshold
        figures = [f for d in picture["national"]["data_sets"] for f in d["figures"]]
        assert any(f["suppressed"] for f in figures)
        for figure in figures:
            if figure["suppressed"]:
                assert figure["yes"] is None
                assert figure["percent"] is None
                continue
            assert figure["yes"] + figure["no"] >= threshold
            assert figure["cases"] is None or figure["cases"] >= threshold

    def test_no_hidden_cell_can_be_worked_out(self, picture: Any) -> None:
        """For every total and its parts — nation and regions, all cases and an attribute's
        groups, a group and its intersections — none or at least two cells are hidden."""
        _assert_no_lone_hidden_cell(picture)

    @pytest.mark.parametrize("seed", [1, 2])
    def test_no_hidden_cell_can_be_worked_out_other_data(
        self, seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        _assert_no_lone_hidden_cell(_national(*_write(tmp_path, _rows(seed)), capsys))


def _assert_no_lone_hidden_cell(picture: Any) -> None:
    """Key-question figures and case counts alike: every total and its parts hold none or at
    least two hidden cells."""
    for data_set in picture["national"]["data_sets"]:
        for hidden_of in (
            lambda f: f["suppressed"],
            lambda f: f["cases"] is None,
        ):
            relations: dict[tuple[Any, ...], list[bool]] = defaultdict(list)
            totals: dict[tuple[Any, ...], bool] = {}
            for figure in data_set["figures"]:
                scope, group, kq = _key(figure)
                hidden = hidden_of(figure)
                if scope != "nation":
                    relations[("scope", "nation", group, kq)].append(hidden)
                else:
                    totals[("scope", "nation", group, kq)] = hidden
                totals[("group", scope, group, kq, "")] = hidden
                for name, _ in group:
                    rest = tuple((n, v) for n, v in group if n != name)
                    relations[("group", scope, rest, kq, name)].append(hidden)
            for key, parts in relations.items():
                if key[0] == "scope":
                    total = totals[key]
                else:
                    total = totals[("group", key[1], key[2], key[3], "")]
                assert total + sum(parts) != 1, key


class TestFormats:
    def test_parquet_gives_the_same_figures(
        self, tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        answers, inspections = _write(tmp_path, rows)
        table = pa.table({name: [r[i] for r in rows] for i, name in enumerate(HEADER)})
        parquet = tmp_path / "answers.parquet"
        pq.write_table(table, parquet)
        from_csv = _national(answers, inspections, capsys)
        from_parquet = _national(parquet, inspections, capsys)
        assert from_parquet["national"] == from_csv["national"]

    def test_text_output(
        self, tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        answers, inspections = _write(tmp_path, rows)
        assert main(["national", str(answers), "--inspections", str(inspections)]) == 0
        out = capsys.readouterr().out
        assert "Framework hmip-2023-pdu: 5 inspections" in out
        assert "national inspection's cases, indicative" in out
        assert "suppressed" in out


class TestBadInput:
    """Exit 2 naming file, line and field; nothing rated."""

    def _errors(
        self, tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]
    ) -> str:
        answers, inspections = _write(tmp_path, rows)
        assert main(["national", str(answers), "--inspections", str(inspections)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        return captured.err

    def test_bad_rows_each_named(
        self, tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = [list(r) for r in rows]
        bad[0][3] = "maybe"
        bad[1][1] = ""
        bad[2][0] = "PDU-Z9"
        bad[3][4] = "Male" if bad[3][4] != "Male" else "Female"
        err = self._errors(tmp_path, bad, capsys)
        file = str(tmp_path / "answers.csv")
        assert f"{file}:2: answer: 'maybe' is not an answer" in err
        assert f"{file}:3: case_id: the case id is empty" in err
        assert f"{file}:4: inspection: inspection 'PDU-Z9' is not in the inspections file" in err
        assert f"{file}:5: sex: case 'C000' has sex" in err

    def test_unknown_question_named_by_line(
        self, tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = [list(r) for r in rows]
        bad[10][2] = "P9.9.9"
        err = self._errors(tmp_path, bad, capsys)
        assert f"{tmp_path / 'answers.csv'}:12: question: unknown question 'P9.9.9'" in err

    def test_inspection_without_region(
        self, tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        answers, inspections = _write(tmp_path, rows)
        text = inspections.read_text().replace(
            "PDU-C1,hmip-2023-pdu,Wales", "PDU-C1,hmip-2023-pdu,"
        )
        inspections.write_text(text)
        assert main(["national", str(answers), "--inspections", str(inspections)]) == 2
        err = capsys.readouterr().err
        assert f"{inspections}:6: region: inspection 'PDU-C1' has no region" in err

    def test_parquet_problem_names_the_row(
        self, tmp_path: Path, rows: list[list[str]], capsys: pytest.CaptureFixture[str]
    ) -> None:
        _, inspections = _write(tmp_path, rows)
        bad = [list(r) for r in rows]
        bad[4][3] = "perhaps"
        parquet = tmp_path / "answers.parquet"
        pq.write_table(pa.table({n: [r[i] for r in bad] for i, n in enumerate(HEADER)}), parquet)
        assert main(["national", str(parquet), "--inspections", str(inspections)]) == 2
        assert f"{parquet}:5: answer: 'perhaps' is not an answer" in capsys.readouterr().err

    def test_not_a_parquet_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        _, inspections = _write(tmp_path, _rows()[:5])
        parquet = tmp_path / "broken.parquet"
        parquet.write_bytes(b"not parquet at all")
        assert main(["national", str(parquet), "--inspections", str(inspections)]) == 2
        assert "cannot read the Parquet file" in capsys.readouterr().err
