"""``pinspect report``: the report from files, and bad input reported with exit status 2."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pinspect.cli import main
from pinspect.examples import example_path
from pinspect.report import pseudonym

CASES = str(example_path("cases"))
JUDGED = str(example_path("judged"))
ATTRS = str(example_path("attributes"))


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["report", "--framework", "hmip-2023-pdu", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _case_answers(path: Path) -> list[list[str]]:
    with zipfile.ZipFile(path) as archive:
        text = archive.read("case-answers.csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_html_from_the_bundled_example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    recommendations = write(
        tmp_path,
        "recs.csv",
        "addressed_to,text\nThe Example PDU,Improve planning <script>x</script>\n"
        "HMPPS,Review staffing levels\n",
    )
    out = tmp_path / "report.html"
    status, _, err = report(
        capsys,
        "--cases",
        CASES,
        "--judged",
        JUDGED,
        "--attributes",
        ATTRS,
        "--recommendations",
        recommendations,
        "--title",
        "Inspection of probation services",
        "--unit",
        "Example PDU",
        "--out",
        str(out),
    )
    assert status == 0, err
    html = out.read_text(encoding="utf-8")
    assert "Overall rating for Example PDU</th>" in html
    assert "The Example PDU should:" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "By sex and ethnicity" in html  # every attribute and pair by default
    assert "By ethnicity and age band" in html
    assert "wrote" in err


def test_the_unit_defaults_from_the_framework(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    status, _, err = report(capsys, "--cases", CASES, "--judged", JUDGED, "--out", str(out))
    assert status == 0, err
    html = out.read_text(encoding="utf-8")
    assert "Overall rating for the PDU</th>" in html
    assert "No case attributes were recorded" in html


@pytest.mark.slow
def test_pdf_from_the_bundled_example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    status, _, err = report(
        capsys, "--cases", CASES, "--judged", JUDGED, "--by", "sex", "--attributes", ATTRS,
        "--out", str(out),
    )  # fmt: skip
    assert status == 0, err
    from pypdf import PdfReader  # noqa: PLC0415

    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages)
    assert "Overall rating for the PDU Good" in text
    assert "P2.2 Planning Inadequate" in text


@pytest.mark.slow
def test_annex_formats_follow_the_out_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for suffix in (".xlsx", ".ods", ".csv"):
        out = tmp_path / f"annex{suffix}"
        status, _, err = report(capsys, "--cases", CASES, "--attributes", ATTRS, "--out", str(out))
        assert status == 0, err
        assert zipfile.is_zipfile(out)
    workbook = load_workbook(tmp_path / "annex.xlsx", read_only=True)
    assert "case answers" in workbook.sheetnames
    workbook.close()
    with zipfile.ZipFile(tmp_path / "annex.ods") as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
    assert _case_answers(tmp_path / "annex.csv")[0][:4] == ["case", "sample", "question", "answer"]


def test_a_key_file_gives_the_same_pseudonyms_on_every_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    key = tmp_path / "key"
    key.write_bytes(b"a secret key\n")
    cases = []
    for run in ("one", "two"):
        out = tmp_path / f"{run}.csv"
        status, _, err = report(
            capsys, "--cases", CASES, "--pseudonym-key-file", str(key), "--out", str(out)
        )
        assert status == 0, err
        cases.append({row[0] for row in _case_answers(out)[1:]})
    assert cases[0] == cases[1]
    assert pseudonym(b"a secret key", "C001") in cases[0]  # the key's surrounding blanks dropped
    assert not any("C0" in case for case in cases[0])


def test_without_a_key_file_pseudonyms_differ_between_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    cases = []
    for run in ("one", "two"):
        out = tmp_path / f"{run}.csv"
        status, _, err = report(capsys, "--cases", CASES, "--out", str(out))
        assert status == 0, err
        cases.append({row[0] for row in _case_answers(out)[1:]})
    assert len(cases[0]) == 60
    assert not cases[0] & cases[1]


class TestBadInput:
    """Exit status 2, one line per problem naming file, line and field; nothing written."""

    def test_a_bad_answer_names_its_file_line_and_value(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        cases = write(
            tmp_path, "cases.csv", "case_id,question,answer\nC1,P2.1.1,yes\nC1,P2.1.2,maybe\n"
        )
        out = tmp_path / "report.html"
        status, _, err = report(capsys, "--cases", cases, "--out", str(out))
        assert status == 2
        assert f"pinspect: {cases}:3: answer: 'maybe' is not an answer" in err
        assert not out.exists()

    def test_every_problem_of_every_file_is_reported_together(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        judged = write(tmp_path, "judged.csv", "standard,rating\nP1.1,Brilliant\n")
        recs = write(tmp_path, "recs.csv", "addressed_to,text\nHMPPS,\n,Do better\n")
        key = write(tmp_path, "key", "  \n")
        status, _, err = report(
            capsys,
            "--cases",
            CASES,
            "--judged",
            judged,
            "--recommendations",
            recs,
            "--pseudonym-key-file",
            key,
            "--out",
            str(tmp_path / "report.doc"),
        )
        assert status == 2
        lines = err.splitlines()
        assert any(f"{judged}:2: rating" in line and "Brilliant" in line for line in lines)
        assert f"pinspect: {recs}:2: text: the recommendation is empty" in lines
        assert f"pinspect: {recs}:3: addressed_to: name the body the recommendation is for" in lines
        assert f"pinspect: {key}: --pseudonym-key-file: the key file is empty" in lines
        assert any("--out: unknown output type '.doc'" in line for line in lines)

    def test_a_missing_directory_and_a_missing_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        status, _, err = report(
            capsys,
            "--cases",
            str(tmp_path / "none.csv"),
            "--out",
            str(tmp_path / "no" / "report.pdf"),
        )
        assert status == 2
        assert f"{tmp_path / 'none.csv'}: no such file" in err
        assert "--out: no such directory" in err

    def test_a_recommendations_file_with_a_wrong_header(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        recs = write(tmp_path, "recs.csv", "to,recommendation\nHMPPS,Do better\n")
        status, _, err = report(
            capsys, "--cases", CASES, "--recommendations", recs, "--out", str(tmp_path / "r.html")
        )
        assert status == 2
        assert f"{recs}:1: addressed_to: the header has no 'addressed_to' column" in err

    def test_an_unknown_by_attribute(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        status, _, err = report(
            capsys, "--cases", CASES, "--attributes", ATTRS, "--by", "religion",
            "--out", str(tmp_path / "r.html"),
        )  # fmt: skip
        assert status == 2
        assert "--by: no attribute column 'religion'" in err
