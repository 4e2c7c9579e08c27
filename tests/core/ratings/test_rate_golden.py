"""``pinspect rate`` output, byte for byte, for every bundled example file and option.

The goldens in ``golden/`` were recorded before the results were given one serialiser and
the rating modules were reorganised; they hold the command's text and JSON unchanged across
such work. A change to the output is a change users notice: regenerate a golden only when the
output is meant to change, and say why in the commit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.examples import example_path

GOLDEN = Path(__file__).parent / "golden"
CASES = str(example_path("cases"))
JUDGED = str(example_path("judged"))
ATTRS = str(example_path("attributes"))
PDU = ("--framework", "hmip-2023-pdu", "--cases", CASES)
REGION = (
    "--framework",
    "hmip-2023-region",
    "--cases",
    str(GOLDEN / "hmip-2023-region-cases.csv"),
    "--judged",
    str(GOLDEN / "hmip-2023-region-judged.csv"),
    "--aggregate",
    str(GOLDEN / "hmip-2023-region-aggregate.csv"),
)

SCENARIOS: dict[str, tuple[str, ...]] = {
    "cases": PDU,
    "cases-judged": (*PDU, "--judged", JUDGED),
    "cases-judged-attributes": (*PDU, "--judged", JUDGED, "--attributes", ATTRS),
    "by-sex": (*PDU, "--judged", JUDGED, "--attributes", ATTRS, "--by", "sex"),
    "by-sex-ethnicity": (
        *PDU,
        "--judged",
        JUDGED,
        "--attributes",
        ATTRS,
        "--by",
        "sex,ethnicity",
    ),
    "by-all": (
        *PDU,
        "--judged",
        JUDGED,
        "--attributes",
        ATTRS,
        "--by",
        "sex,ethnicity,age_band",
    ),
    "departures": (
        *PDU,
        "--judged",
        JUDGED,
        "--departures",
        str(GOLDEN / "departures.csv"),
    ),
    "region-aggregate": REGION,
}


def rate_output(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> str:
    status = main(["rate", *argv])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert err == ""
    return out


@pytest.mark.parametrize("output_format", ["table", "json"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_rate_output_is_unchanged(
    capsys: pytest.CaptureFixture[str], scenario: str, output_format: str
) -> None:
    """Every example file rated: the text and the JSON are the recorded ones, byte for byte."""
    out = rate_output(capsys, (*SCENARIOS[scenario], "--format", output_format))
    suffix = "json" if output_format == "json" else "txt"
    golden = GOLDEN / f"{scenario}.{suffix}"
    # Paths in the output would tie the goldens to one checkout; there are none.
    assert str(GOLDEN) not in out
    assert out.encode("utf-8") == golden.read_bytes()
