"""Results come from the core rating engine: the API returns exactly `pinspect rate`'s JSON."""

from __future__ import annotations

import csv
import io
import json
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest

from pinspect.cli import main as cli_main
from pinspect.web.assessments.saving import CaseAnswers, save_case
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db


def test_results_equal_pinspect_rate_json(
    scenario: dict[str, Any], client_for: Any, tmp_path: Path
) -> None:
    inspector = scenario["users"]["inspector"]
    rows = []
    for number, yes in ((1, True), (2, False)):
        case = scenario["case"] if number == 1 else scenario["case2"]
        answers = full_answers(case, yes=yes)
        save_case(case, case.version, CaseAnswers(answers, {}, complete=True), actor=inspector)
        rows += [(case.reference, q, a) for q, a in answers.items()]
    path = tmp_path / "cases.csv"
    with path.open("w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["case_id", "question", "answer"])
        writer.writerows(rows)
    printed = io.StringIO()
    with redirect_stdout(printed):
        cli_main(["rate", "--framework", "hmip-2023-pdu", "--cases", str(path), "--format", "json"])
    response = client_for("qa").get(f"/api/inspections/{scenario['fieldwork'].pk}/results")
    assert response.status_code == 200
    assert response.json() == json.loads(printed.getvalue())
    page = client_for("qa").get(f"/inspections/{scenario['fieldwork'].pk}/results/")
    assert "From 2 complete cases" in page.content.decode()


def test_incomplete_cases_do_not_count(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    save_case(case, 1, CaseAnswers({"P2.1.1": "yes"}, {}), actor=scenario["users"]["inspector"])
    data = client_for("lead").get(f"/api/inspections/{scenario['fieldwork'].pk}/results").json()
    kq = data["standards"][3]["key_questions"][0]
    assert (kq["id"], kq["yes"]) == ("P2.1.1", 0)


def test_openapi_document_lists_every_endpoint(scenario: dict[str, Any], client_for: Any) -> None:
    paths = client_for("qa").get("/api/openapi.json").json()["paths"]
    assert set(paths) == {
        "/api/inspections",
        "/api/inspections/{inspection_id}",
        "/api/inspections/{inspection_id}/results",
        "/api/inspections/{inspection_id}/panel",
        "/api/inspections/{inspection_id}/report",
        "/api/cases/{case_id}/answers",
        "/api/units/{unit_id}/summary",
    }
