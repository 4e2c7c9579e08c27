"""An installation's settings, read once from a TOML file and PINSPECT_<NAME> variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from pinspect.cli import main
from pinspect.examples import example_path
from pinspect.problems import InputError
from pinspect.settings import SETTINGS_TABLE, Settings, environment_variable, read_settings


def test_nothing_set_gives_the_documented_defaults() -> None:
    assert read_settings({}) == Settings()
    assert {s.name: s.default for s in SETTINGS_TABLE} == vars(read_settings({}))


def test_a_file_sets_settings_and_the_environment_wins(tmp_path: Path) -> None:
    file = tmp_path / "settings.toml"
    file.write_text('fragile_threshold = 0.3\nsuppress_below = 10\naggregate_rule = "lowest"\n')
    environ = {"PINSPECT_SETTINGS_FILE": str(file), "PINSPECT_SUPPRESS_BELOW": "7"}
    settings = read_settings(environ)
    assert settings.fragile_threshold == 0.3
    assert settings.aggregate_rule == "lowest"
    assert settings.suppress_below == 7
    assert environment_variable("suppress_below") == "PINSPECT_SUPPRESS_BELOW"


def test_every_problem_is_reported_by_file_or_variable_and_setting(tmp_path: Path) -> None:
    file = tmp_path / "settings.toml"
    file.write_text('fragile_treshold = 0.3\naggregate_rule = "average"\nsimulation_draws = "x"\n')
    with pytest.raises(InputError) as caught:
        read_settings({"PINSPECT_SUPPRESS_BELOW": "0", "PINSPECT_MARGIN_OF_ERROR": "five"}, file)
    found = {(p.file, p.field) for p in caught.value.problems}
    assert found == {
        (str(file), "fragile_treshold"),
        (str(file), "aggregate_rule"),
        (str(file), "simulation_draws"),
        ("PINSPECT_SUPPRESS_BELOW", "suppress_below"),
        ("PINSPECT_MARGIN_OF_ERROR", "margin_of_error"),
    }


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    file = tmp_path / "settings.toml"
    file.write_text("fragile_threshold = \n")
    with pytest.raises(InputError) as caught:
        read_settings({}, file)
    assert caught.value.problems[0].file == str(file)


def test_the_command_line_rates_with_the_installation_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fragile threshold of 0.99 set for the installation: no rating of the example is
    flagged fragile any more; a bad value stops the command with status 2."""
    argv = ["rate", "--framework", "hmip-2023-pdu", "--cases", str(example_path("cases"))]
    assert main(argv) == 0
    assert "FRAGILE" in capsys.readouterr().out
    file = tmp_path / "settings.toml"
    file.write_text("fragile_threshold = 0.99\n")
    assert main(["--settings", str(file), *argv]) == 0
    assert "FRAGILE" not in capsys.readouterr().out
    monkeypatch.setenv("PINSPECT_FRAGILE_THRESHOLD", "2")
    assert main(argv) == 2
    assert "PINSPECT_FRAGILE_THRESHOLD: fragile_threshold" in capsys.readouterr().err
