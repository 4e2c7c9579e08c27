"""Rating results stay the same as the engine is made faster: every seeded scenario's results
(:mod:`tests.core.ratings.scenarios`, all seven frameworks) and the bundled example's JSON
hash to the figures recorded before the array rating was introduced (computed with the
engine as it was, for every framework bundled then).

The rules behind them are those of seed 001 §4, 000 R 1.2.2 and 002 decision 7, decision 8;
a change of any result (a count, band, interval, rating, simulated probability or
sub-group figure) changes its digest.
"""

from __future__ import annotations

import hashlib

import pytest

from pinspect.cli import main
from pinspect.examples import example_path
from tests.core.ratings.scenarios import Scenario, scenario_digest, scenarios

RECORDED = {
    "hmip-2018-crc/0": "b1b451b869d5e6a62a3362402ad7c1c9f094c8fdffffefae66ea24a21668eab6",
    "hmip-2018-crc/1": "c6c91b2664b097948e0283489625af3b55dd51f46bacbe2a421a11a94d4edb7f",
    "hmip-2018-crc/2": "7c0d83104665a57e9bf45d6e134d8783400d0c7d2038d2ff62d6379980d6e19b",
    "hmip-2018-nps/0": "6d9c8640f1b0a9080b90c0979bb9d13c19d33adc25e179251a9b50c792d03093",
    "hmip-2018-nps/1": "df00c2665aeca5181d7cdc41489d7679f4fa29a1f80c991af02b2c9c9ea82d9d",
    "hmip-2018-nps/2": "750f348814f76efb3802586ab22bc27630cab5e7405bbfaabb1856500d4b21ca",
    "hmip-2021-pdu-scored-27/0": "384b9d7349e723e2d5c0361028e66cfd624203c1b779620ca50a58c4f39bf54b",
    "hmip-2021-pdu-scored-27/1": "60e9f94282967f2a00741f829e4c33b2bb801f138b971f782810aaab5e62a532",
    "hmip-2021-pdu-scored-27/2": "b6bf5f434398955fc4e60fda78ffb320fad74da1d54b1c2c2576109d6b005bed",
    "hmip-2021-pdu/0": "5b0b00972cdf12bf69e14808db3390e8d28c2c31895a938145e27df12ae336b2",
    "hmip-2021-pdu/1": "5a053dd546bd596608f8b9fcb6caf9c4f83709a481b249a9157fba32cfd2f803",
    "hmip-2021-pdu/2": "0cc559a851712cb2f6f30ff58bedc5e5ad93be2d466f79c792566ec2fc021f25",
    "hmip-2021-region/0": "74c7a5983fdd956e9f66ccc80d966758262e6a51ec158f21015fba2401f1a72a",
    "hmip-2021-region/1": "4550d7faa12bed7995d7a0fa76c219c5f54186e18f6b3ccb013c31d71ebc4fc7",
    "hmip-2021-region/2": "544cb319abea703fea4c296236197fe121774cac55c2ae45a472385a1974efa5",
    "hmip-2023-pdu/0": "77a892d64345479420095bdeba4f40d1b37f581c48f8a09b5e622eef5fe82bc4",
    "hmip-2023-pdu/1": "e4660ee028ba7274458b25617f96f0927f0a68372468d6d02c4dc6d05083521c",
    "hmip-2023-pdu/2": "f40d90de77102b254851c1757d422b8cdbfe53425070230ba6fde987555c803a",
    "hmip-2023-region/0": "7f7cd7cfa270c85371a80853e9f23730e35be4ca9bb2ddb7cdc434642b2ffbe1",
    "hmip-2023-region/1": "645a711906e850f85abedf69a0aa8aaa2088e9d8e2108f1c55c66821b352b2f3",
    "hmip-2023-region/2": "f0aeaf9f14c5850b7b7e863fe7c09da424c25d6dcdefcf08bda7eb8377742370",
    "hmip-2024-national/0": "aad7ecbeb0638361a52981026e7fdfe2566e59be9598c184862ca29ecfcda0c6",
    "hmip-2024-national/1": "97696fa85df4713b459c1e84a65b9a1ffdf9e005ef93dc4c036919ceab7a3716",
    "hmip-2024-national/2": "72166dbedd8c889f8ebe02ce49ef67ccf248bed06dff935369152ad4e43253ad",
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
