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
    assert len(rows) == 7
    assert rows["hmip-2023-pdu"]["standards"] == 7
    assert rows["hmip-2024-national"]["banding"] == "published"


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
