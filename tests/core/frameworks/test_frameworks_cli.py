"""``pinspect frameworks …``: the CLI contract tests and outside tools rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pinspect.cli import main
from tests.core.frameworks.test_loader import YOUTH


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "frameworks", "list", "--format", "json")
    assert status == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert len(rows) == 8  # the seeds' seven frameworks and one bundled variant
    assert rows["hmip-2023-pdu"]["standards"] == 7
    assert rows["hmip-2024-national"]["banding"] == "published"
    assert rows["hmip-2023-pdu"]["extends"] is None
    assert rows["hmip-2021-pdu-scored-27"]["extends"] == {
        "framework": "hmip-2021-pdu",
        "version": "August 2021 (Annexe A)",
    }
    assert rows["hmip-2021-pdu-scored-27"]["scored_standards"] == 9


def test_list_table_shows_what_each_variant_extends(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "frameworks", "list")
    assert status == 0
    header, _rule, *rows = out.splitlines()
    assert "extends" in header.split()
    variant = next(r for r in rows if r.startswith("hmip-2021-pdu-scored-27 "))
    assert variant.split()[1:5] == ["pdu", "11", "9", "30"]
    assert " hmip-2021-pdu " in variant


def test_show_a_variant_lists_its_changes(capsys: pytest.CaptureFixture[str]) -> None:
    """001 §4.23: the variant's changes are listed, the banding derived anew among them."""
    status, out, _ = run(capsys, "frameworks", "show", "hmip-2021-pdu-scored-27")
    assert status == 0
    assert "a variant of hmip-2021-pdu (August 2021 (Annexe A))" in out
    assert "  - 2.7 scored: yes → no (published PDU reports of 2021–2023" in out
    assert "overall banding: 0–5 / 6–15 / 16–25 / 26–30 for 10 scored standards → " in out
    assert "0–4 / 5–13 / 14–22 / 23–27 for 9" in out
    assert "2.2.1 Does assessment focus sufficiently on engaging the person on probation?" in out
    status, out, _ = run(
        capsys, "frameworks", "show", "hmip-2021-pdu-scored-27", "--format", "json"
    )
    data = json.loads(out)
    assert data["banding"]["max_score"] == 27
    assert data["extends"]["framework"] == "hmip-2021-pdu"
    assert [c["element"] for c in data["extends"]["changes"]] == ["2.7", None]
    assert data["extends"]["changes"][0]["reason"].startswith("published PDU reports")
    status, out, _ = run(
        capsys, "frameworks", "show", "hmip-2021-pdu-scored-27", "--format", "markdown"
    )
    assert "A variant of `hmip-2021-pdu`" in out
    assert "- 2.7 scored: yes → no" in out


def test_validate_a_variant_against_the_framework_it_extends(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "local-nine.yaml"
    variant = (
        "schema_version: 1\nid: local-nine\ntitle: Nine\nversion: '1'\n"
        "extends: {framework: hmip-2021-pdu, version: August 2021 (Annexe A)}\n"
        "source: {document: plan.md, section: Scoring}\n"
        "standards:\n- {id: '2.1', scored: false, reason: no court work in mock inspections}\n"
    )
    path.write_text(variant, encoding="utf-8")
    status, out, _ = run(capsys, "frameworks", "validate", str(path))
    assert status == 0
    assert "valid variant 'local-nine'" in out
    assert "2.1 scored: yes → no (no court work in mock inspections)" in out
    path.write_text(variant.replace("'2.1'", "'2.9'"), encoding="utf-8")
    status, _, err = run(capsys, "frameworks", "validate", str(path))
    assert status == 2
    assert f"{path}:8: standards/0/id: hmip-2021-pdu has no standard '2.9'" in err
    path.write_text(variant.replace("framework: hmip-2021-pdu", "framework: nowhere"))
    status, _, err = run(capsys, "frameworks", "validate", str(path))
    assert status == 2
    assert "there is no framework 'nowhere' to extend" in err


def test_show_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "frameworks", "show", "hmip-2023-pdu", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert {"id", "title", "version", "unit", "source", "banding", "domains"} <= set(data)
    standard = data["domains"][1]["standards"][0]
    assert {"id", "name", "statement", "rated_by", "scored", "key_questions"} <= set(standard)
    assert standard["id"] == "P2.1"
    assert standard["rated_by"] == "cases"
    kq = standard["key_questions"][2]
    assert kq["id"] == "P2.1.3"
    assert kq["prompts"][0]["id"] == "P2.1.3.a"
    assert next(b["rating"] for b in data["banding"]["bands"]) == "Inadequate"


def test_show_markdown_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "frameworks", "show", "hmip-2021-pdu", "--format", "markdown")
    assert status == 0
    assert out.startswith("# PDU standards (2021)")
    assert "- a) Post-custody cases only: Did the community offender manager" in out
    status, out, _ = run(capsys, "frameworks", "show", "hmip-2024-national")
    assert "N.1.1.a Is there a national evidence-based vision and strategy" in out


def test_diff_pairs_reworded_items_with_word_changes(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "frameworks", "diff", "hmip-2021-pdu", "hmip-2023-pdu", "--format", "json"
    )
    assert status == 0
    changes = json.loads(out)["changes"]
    court = [c for c in changes if c["old_id"] == "2.1" and c["level"] == "standard"]
    assert court
    assert court[0]["kind"] == "removed"
    staffing = next(c for c in changes if c["old_id"] == "1.2" and c["level"] == "standard")
    assert staffing["kind"] == "reworded"
    assert staffing["new_id"] == "P1.2"
    assert "[-Staff:-] {+Staffing:+}" in staffing["words"]
    renumbered = [c for c in changes if c["kind"] == "renumbered" and c["level"] == "prompt"]
    assert any(c["old_id"] == "2.2.2.a" and c["new_id"] == "P2.1.2.a" for c in renumbered)


def test_unknown_framework_is_exit_2_without_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "frameworks", "show", "hmip-1999-nowhere")
    assert status == 2
    assert out == ""
    assert "unknown framework 'hmip-1999-nowhere'" in err
    assert "Traceback" not in err


def test_validate_reports_file_line_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "local-youth-audit.yaml"
    path.write_text(YOUTH.replace("unit: other", "unit: planet"), encoding="utf-8")
    status, _, err = run(capsys, "frameworks", "validate", str(path))
    assert status == 2
    assert f"{path}:5: unit: 'planet' is not one of" in err


def test_validate_a_good_file_and_user_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "local-youth-audit.yaml"
    path.write_text(YOUTH, encoding="utf-8")
    status, out, _ = run(capsys, "frameworks", "validate", str(path))
    assert status == 0
    assert "valid framework 'local-youth-audit'" in out
    status, out, _ = run(
        capsys, "--frameworks-dir", str(tmp_path), "frameworks", "list", "--format", "json"
    )
    assert "local-youth-audit" in {row["id"] for row in json.loads(out)}


def test_validate_unreadable_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "frameworks", "validate", str(tmp_path / "nope.yaml"))
    assert status == 2
    assert "no such file" in err


def test_schema_is_published(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "frameworks", "schema")
    assert status == 0
    assert json.loads(out)["title"] == "pinspect standards framework"
