"""``pinspect frameworks crosswalk|crosswalks`` and crosswalk files on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pinspect.cli import main
from tests.core.crosswalks.test_crosswalk_files import VIEW


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_crosswalk_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "frameworks", "crosswalk", "hmip-2021-pdu", "hmip-2023-pdu")
    assert status == 0
    assert out.startswith("A: hmip-2021-pdu (August 2021 (Annexe A))\nB: hmip-2023-pdu")
    assert "Key questions (9 equal, 5 superset, 14 intersect, 7 removed)" in out
    assert "  2.2.1 → P2.1.1" in out
    assert "  2.7 → —              removed" in out
    assert "equal      asks the same: compared directly" in out


def test_crosswalk_json_backwards_and_through_another_edition(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(
        capsys, "frameworks", "crosswalk", "hmip-2023-pdu", "hmip-2018-nps", "--format", "json"
    )
    assert status == 0
    data = json.loads(out)
    assert data["from"]["framework"] == "hmip-2023-pdu"
    assert data["to"]["framework"] == "hmip-2018-nps"
    assert "the inverse of hmip-2021-pdu--hmip-2023-pdu" in data["derivation"]
    assert "the inverse of hmip-2018-nps--hmip-2021-pdu" in data["derivation"]
    row = next(r for r in data["key_questions"] if r["from"] == "P2.1.1")
    assert row == {
        "from": "P2.1.1",
        "to": "2.1.1",
        "relationship": "equal",
        "note": row["note"],
    }
    assert "hmip-2021-pdu 2.2.1" in row["note"]


def test_no_crosswalk_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "frameworks", "crosswalk", "hmip-2024-national", "hmip-2023-pdu")
    assert status == 2
    assert out == ""
    assert "no crosswalk joins hmip-2024-national and hmip-2023-pdu" in err


def test_list_crosswalks_and_a_users_own(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run(capsys, "frameworks", "crosswalks", "--format", "json")
    assert status == 0
    assert len(json.loads(out)) == 5
    status, out, _ = run(capsys, "frameworks", "crosswalks")
    assert "hmip-2023-pdu     hmip-2023-region  part" in out
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "local-2023-national.yaml").write_text(
        VIEW.replace("local-view", "local-2023-national"), encoding="utf-8"
    )
    status, _, err = run(capsys, "--crosswalks-dir", str(mine), "frameworks", "crosswalks")
    assert status == 2
    assert "pair of frameworks is already that of" in err
    monkeypatch.setenv("PINSPECT_CROSSWALKS_DIR", str(tmp_path / "absent"))
    status, _, err = run(capsys, "frameworks", "crosswalks")
    assert status == 2
    assert "absent: not a directory" in err


def test_validate_a_crosswalk_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "local-view.yaml"
    path.write_text(VIEW, encoding="utf-8")
    status, out, err = run(capsys, "frameworks", "validate", str(path))
    assert status == 0, err
    assert "valid crosswalk 'local-view' from hmip-2023-pdu" in out
    assert "key questions: 1 equal, 3 new, 2 removed" in out
    path.write_text(
        VIEW.replace("{from: P2.1.1, relationship: removed}", "{from: P2.1.1, relationship: gone}")
    )
    status, _, err = run(capsys, "frameworks", "validate", str(path))
    assert status == 2
    assert f"{path}:10: key_questions/0/relationship: 'gone' is not one of" in err


def test_the_crosswalk_schema_is_published(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "frameworks", "schema", "--crosswalk")
    assert status == 0
    assert json.loads(out)["title"] == "pinspect crosswalk"
