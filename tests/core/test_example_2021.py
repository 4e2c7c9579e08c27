"""The bundled 2021 PDU example inspection with case types (003 Annexe A §3) and outcomes met
through stability (003 §4.11): the files are what the generator writes, and they rate without
a problem or a warning."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.examples.pdu_2021 import pdu_2021_path, write_pdu_2021_example


def test_the_bundled_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    for path in write_pdu_2021_example(tmp_path):
        assert (
            path.read_bytes() == pdu_2021_path(path.name[len("hmip-2021-pdu-") : -4]).read_bytes()
        )


def test_every_supervision_case_has_a_case_type() -> None:
    """003 Annexe A §3: the case types the framework files use."""
    with pdu_2021_path("attributes").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    supervision = [r for r in rows if r["case_id"].startswith("S")]
    assert len(supervision) == 40
    assert {r["case_type"] for r in supervision} == {"community", "post_custody"}
    assert sum(r["unpaid_work_only"] == "yes" for r in supervision) == 4
    assert sum(r["no_rehabilitative_requirements"] == "yes" for r in supervision) == 3


def test_it_rates_with_applicability_checked_and_stability_counted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """003 Annexe A §3, §4.11: no answer is refused, no warning is given, and the outcomes say
    how many were met through stability."""
    status = main(
        [
            "rate",
            "--framework",
            "hmip-2021-pdu",
            "--cases",
            str(pdu_2021_path("cases")),
            "--judged",
            str(pdu_2021_path("judged")),
            "--attributes",
            str(pdu_2021_path("attributes")),
            "--format",
            "json",
        ]
    )
    out, err = capsys.readouterr()
    assert status == 0
    assert err == ""
    data = json.loads(out)
    outcomes = next(s for s in data["standards"] if s["id"] == "2.6")["outcomes"]
    assert outcomes["met_through_stability"] == 4
    assert data["overall"]["rating"] == "Good"
