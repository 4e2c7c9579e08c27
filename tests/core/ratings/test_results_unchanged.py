"""Rating results stay the same as the engine is made faster: every seeded scenario's results
(:mod:`tests.core.ratings.scenarios`, all seven frameworks) and the bundled example's JSON
hash to the figures recorded before the array rating was introduced (computed with the
engine as it was, for every framework bundled then).

The rules behind them are those of seed 001 §4, 000 R 1.2.2 and 002 decision 7, decision 8;
a change of any result (a count, band, interval, rating, simulated probability or
sub-group figure) changes its digest. The digests were recorded again once, when the wording
of ``overall_reason`` changed, after every scenario's JSON was checked equal to the recorded
one without that field.
"""

from __future__ import annotations

import hashlib

import pytest

from pinspect.cli import main
from pinspect.examples import example_path
from tests.core.ratings.scenarios import Scenario, scenario_digest, scenarios

RECORDED = {
    "hmip-2018-crc/0": "e7fb0a6546e872001cb90d99c1ac445dc2cecaa5e03d712cbcb74aecd7c06028",
    "hmip-2018-crc/1": "175b4536a8193b7c01c75225a76634f26cc7399d31804cf8a7b27e065795374c",
    "hmip-2018-crc/2": "8d6e4ec3759e38c351ed036ab063dc84e01df066e4ea17f2ea723e5bae850e51",
    "hmip-2018-nps/0": "cdd64b3f8b375345fa6d16b8cdc7d3bb114a936a8e6ed5849b4f4606ea796799",
    "hmip-2018-nps/1": "bc0a929eb731e121c39c4bd3570383643dc7e64ecc0153b3a6841de692a45ea0",
    "hmip-2018-nps/2": "368e131bd676a45808ea240d715748dc130338a9094cadea6f0db67d99365b88",
    "hmip-2021-pdu-scored-27/0": "641d2d8e390f2efeec40109fc3c25074dd2323bc85812d301b73a0aec15dc353",
    "hmip-2021-pdu-scored-27/1": "d555bbfa319a86a0de72c9ac5ccbee6d850cff0a2cd8be2b61529c31a29ab6bd",
    "hmip-2021-pdu-scored-27/2": "630a42b3ce092e4f3793e9d2ef5dc4b62d3b8b1aa00fdb89de101bb3980d9145",
    "hmip-2021-pdu/0": "5527f7cabd39b2d4267fdba9fd51a91937184a8e868111d5e84ec8e0e6db0cd4",
    "hmip-2021-pdu/1": "af6b6e4962f014a85648e5ab05cc4e6be42a592c8a09239a98ff1428b6054909",
    "hmip-2021-pdu/2": "ed1fa1b9125b4f9d4487860d8d585d597db0ba094fd1b86ec5425a818a3d0206",
    "hmip-2021-region/0": "74c7a5983fdd956e9f66ccc80d966758262e6a51ec158f21015fba2401f1a72a",
    "hmip-2021-region/1": "4550d7faa12bed7995d7a0fa76c219c5f54186e18f6b3ccb013c31d71ebc4fc7",
    "hmip-2021-region/2": "544cb319abea703fea4c296236197fe121774cac55c2ae45a472385a1974efa5",
    "hmip-2023-pdu/0": "a4be175e9bd49996462cc0d52db21260af64bbe81c8421b81d845ed76e3d54a9",
    "hmip-2023-pdu/1": "89fe337621b597fae40acdf14a583a40a99a90c8a64c52f0237e0ebee4a60860",
    "hmip-2023-pdu/2": "4e833f2ffc44ef2d54dd8e13a2dc6e0e55aa3c070bf69e8167b4f0a8adbaa9a7",
    "hmip-2023-region/0": "608a5e5935c1ae1f5cb7ff2860004232d60294f612f59481a681da8eb8423a0e",
    "hmip-2023-region/1": "0d83fc9343b4a8de3463b9b3e5d5655c758bc745c54e00b16959baac2f3bf0d7",
    "hmip-2023-region/2": "0a97a43c9e5a79031a6760a27c55c02e39dc89017a4b1b04c300ad216356441b",
    "hmip-2024-national/0": "f1578c4a09dd84fd2f8100f528d7619cc89fb2f0b6714a71d0fa62078ab772e9",
    "hmip-2024-national/1": "03ce06fbb0cd985372dd41ee32cfca70bfd39f920316167fa2851f31b28b3d1e",
    "hmip-2024-national/2": "ec6ad6301e6d3413d51457eaa274ff71383c304db8c29deec6d23e1c5cdb3077",
}

EXAMPLE_JSON = "744798b2f666d6a24ce99f5ff2b0a17afcf2bed119aa2e8f8b29e88ac9480a60"


@pytest.mark.parametrize("scenario", scenarios(), ids=lambda s: s.name)
def test_scenario_results_unchanged(scenario: Scenario) -> None:
    """001 §4: every inspection of every scenario rates exactly as recorded."""
    assert scenario_digest(scenario) == RECORDED[scenario.name]


def test_every_framework_has_recorded_scenarios() -> None:
    assert sorted(RECORDED) == sorted(s.name for s in scenarios())


def test_example_json_unchanged(capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled example rated with a two-attribute breakdown prints the recorded JSON."""
    status = main(
        [
            "rate",
            "--framework",
            "hmip-2023-pdu",
            "--cases",
            str(example_path("cases")),
            "--judged",
            str(example_path("judged")),
            "--attributes",
            str(example_path("attributes")),
            "--by",
            "sex,ethnicity",
            "--format",
            "json",
        ]
    )
    assert status == 0
    assert hashlib.sha256(capsys.readouterr().out.encode()).hexdigest() == EXAMPLE_JSON
