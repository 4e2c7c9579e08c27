"""Settings: every choice the seeds leave open, declared once with its default and help.

The table below drives validation, the CLI's options and docs/settings.md (a test checks the
docs list every setting). Code takes a :class:`Settings` object explicitly; nothing reads a
global. Where the seeds *do* state a rule, it is code citing the seed, not a setting.

An installation sets them once: :func:`read_settings` reads a TOML file (named by
``PINSPECT_SETTINGS_FILE`` or the CLI's ``--settings``) and then ``PINSPECT_<NAME>``
environment variables (``PINSPECT_FRAGILE_THRESHOLD=0.25``), which win over the file. The web
application reads them when it starts and the CLI when it is run; both hand the one
:class:`Settings` to every call.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from pinspect.problems import InputError, Problem

__all__ = [
    "SETTINGS_FILE_VARIABLE",
    "SETTINGS_TABLE",
    "Setting",
    "Settings",
    "environment_variable",
    "range_problems",
    "read_settings",
]

SETTINGS_FILE_VARIABLE = "PINSPECT_SETTINGS_FILE"
"""The environment variable naming an installation's settings file (TOML)."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS_TABLE: tuple[Setting, ...] = (
    Setting(
        "fragile_threshold",
        0.2,
        "A case-based rating is flagged fragile when the estimated probability that a fresh "
        "sample of the same size would give a different rating exceeds this.",
    ),
    Setting(
        "simulation_draws",
        4000,
        "Monte Carlo draws used to estimate the probability that a rating differs.",
    ),
    Setting(
        "simulation_seed",
        20180101,
        "Seed of the Monte Carlo simulation, so the same answers always give the same figures.",
    ),
    Setting(
        "suppress_below",
        5,
        "Sub-groups with fewer cases than this are suppressed in breakdowns and reports "
        "(their counts and percentages are not shown).",
    ),
    Setting(
        "aggregate_rule",
        "median",
        "How other inspections' ratings are combined into one (2023 regional R1.2.2 from the "
        "region's PDU P1.2 ratings; seed 000 says only 'aggregated'): 'median' (the lower "
        "median on ties), 'lowest', or 'mean' (mean score rounded half down).",
    ),
    Setting(
        "confidence_level",
        0.8,
        "Confidence level used to size a case sample (seed 001 §4.12: 80%). Intervals on "
        "key-question percentages use the framework's own confidence_level.",
    ),
    Setting(
        "margin_of_error",
        0.05,
        "Margin of error used to size a case sample from the confidence level.",
    ),
    Setting(
        "max_per_practitioner",
        6,
        "At most this many sampled cases per practitioner.",
    ),
    Setting(
        "assign_max_per_practitioner",
        3,
        "When the unassigned cases are shared evenly among the inspectors, an inspector is "
        "given at most this many cases of one practitioner (so no one practitioner's work is "
        "seen through one inspector's eyes); cases that fit no inspector stay unassigned.",
    ),
    Setting(
        "reserve_percent",
        20,
        "Size of the ranked reserve list, as a percentage of the sample.",
    ),
    Setting(
        "summary_min_inspections",
        2,
        "A unit summary (PDU to region to nation) shows rating distributions and pooled "
        "key-question figures only over at least this many published inspections (at least 2: "
        "one inspection's results belong in its own report, not in an aggregate).",
    ),
    Setting(
        "pseudonym_length",
        12,
        "Hexadecimal digits of the keyed hash (HMAC-SHA256) kept in a case pseudonym in report "
        "annexes (8 to 64; with 12 digits the chance of two of a thousand cases colliding is "
        "below one in a hundred million, and a report refuses to build if it happens).",
    ),
    Setting(
        "agreement_confidence_level",
        0.95,
        "Confidence level of the intervals on agreement figures (raw agreement, kappa, AC1, "
        "alpha); the seeds give none for agreement (001 §4.12 sizes samples, not agreement).",
    ),
    Setting(
        "agreement_bootstrap_draws",
        2000,
        "Resamples of the double-marked cases behind each agreement figure's percentile "
        "bootstrap interval.",
    ),
    Setting(
        "agreement_bootstrap_seed",
        20171101,
        "Seed of the agreement bootstrap, so the same markings always give the same intervals.",
    ),
    Setting(
        "agreement_flag_figure",
        "ac1",
        "The agreement figure compared with agreement_flag_below to flag a key question: "
        "'ac1' (Gwet's AC1, steady when nearly every answer is yes), 'kappa', 'raw' or 'alpha' "
        "(alpha only exists with more than two markers; kappa is used where it does not).",
    ),
    Setting(
        "agreement_flag_below",
        0.6,
        "A key question (and a standard) whose agreement figure falls below this is flagged "
        "for the markers' consistency of judgement to be looked at.",
    ),
    Setting(
        "domain_divergence_steps",
        2,
        "The ratings panel's correlation check (001 §4.14 says only that the correlation between "
        "domains is checked): a judged standard and a case-based standard whose ratings lie this "
        "many steps apart or more on the four-point scale are flagged for interrogation (1 to 3).",
    ),
    Setting(
        "qa_sample_share",
        0.1,
        "Share of each inspector's assessed cases drawn for blind second marking in quality "
        "assurance (001 §4.13 names quality assurance but no share), rounded up so every "
        "inspector has at least one case checked.",
    ),
    Setting(
        "max_file_rows",
        1_048_576,
        "Rows a user's CSV or XLSX file (long list, prepared sample, case answers, judged "
        "ratings, units, survey) may hold, header and blank rows included; a longer file is "
        "refused before it is read further. The default is as many rows as a spreadsheet "
        "holds: a national long list of 1,000,000 people is within it.",
    ),
    Setting(
        "max_file_columns",
        1_000,
        "Cells a row of a user's CSV or XLSX file may hold; a wider row is refused.",
    ),
    Setting(
        "max_cell_length",
        32_767,
        "Characters a cell of a user's CSV or XLSX file may hold (a spreadsheet program's own "
        "limit); a longer cell is refused, naming its line and column. A CSV cell over the csv "
        "module's field limit (131,072 characters) is refused the same way.",
    ),
    Setting(
        "max_unpacked_bytes",
        536_870_912,
        "Bytes an XLSX workbook (a zip archive) may unpack to, 512 MB: a 250,000-row long list "
        "of 16 columns unpacks to about 230 MB. Checked against the sizes the archive declares "
        "and again by counting while it is inflated, so a zip bomb is refused before it fills "
        "memory.",
    ),
)

_DEFAULTS = {s.name: s.default for s in SETTINGS_TABLE}
_ALLOWED_AGGREGATE_RULES = ("median", "lowest", "mean")
_ALLOWED_AGREEMENT_FIGURES = ("ac1", "kappa", "raw", "alpha")


@dataclass(frozen=True)
class Settings:
    """One immutable bundle of settings; build throwaway instances in tests."""

    fragile_threshold: float = _DEFAULTS["fragile_threshold"]
    simulation_draws: int = _DEFAULTS["simulation_draws"]
    simulation_seed: int = _DEFAULTS["simulation_seed"]
    suppress_below: int = _DEFAULTS["suppress_below"]
    aggregate_rule: str = _DEFAULTS["aggregate_rule"]
    confidence_level: float = _DEFAULTS["confidence_level"]
    margin_of_error: float = _DEFAULTS["margin_of_error"]
    max_per_practitioner: int = _DEFAULTS["max_per_practitioner"]
    assign_max_per_practitioner: int = _DEFAULTS["assign_max_per_practitioner"]
    reserve_percent: int = _DEFAULTS["reserve_percent"]
    summary_min_inspections: int = _DEFAULTS["summary_min_inspections"]
    pseudonym_length: int = _DEFAULTS["pseudonym_length"]
    agreement_confidence_level: float = _DEFAULTS["agreement_confidence_level"]
    agreement_bootstrap_draws: int = _DEFAULTS["agreement_bootstrap_draws"]
    agreement_bootstrap_seed: int = _DEFAULTS["agreement_bootstrap_seed"]
    agreement_flag_figure: str = _DEFAULTS["agreement_flag_figure"]
    agreement_flag_below: float = _DEFAULTS["agreement_flag_below"]
    domain_divergence_steps: int = _DEFAULTS["domain_divergence_steps"]
    qa_sample_share: float = _DEFAULTS["qa_sample_share"]
    max_file_rows: int = _DEFAULTS["max_file_rows"]
    max_file_columns: int = _DEFAULTS["max_file_columns"]
    max_cell_length: int = _DEFAULTS["max_cell_length"]
    max_unpacked_bytes: int = _DEFAULTS["max_unpacked_bytes"]

    def __post_init__(self) -> None:
        problems = range_problems({f.name: getattr(self, f.name) for f in fields(self)})
        if problems:
            raise ValueError("; ".join(message for _, message in problems))

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


assert {f.name for f in fields(Settings)} == set(_DEFAULTS), "settings table and class disagree"


def range_problems(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each value outside its allowed range, as (setting, message)."""
    checks: tuple[tuple[str, bool, str], ...] = (
        (
            "fragile_threshold",
            0 <= values["fragile_threshold"] <= 1,
            "fragile_threshold must lie between 0 and 1",
        ),
        (
            "simulation_draws",
            values["simulation_draws"] >= 100,
            "simulation_draws must be at least 100",
        ),
        ("suppress_below", values["suppress_below"] >= 1, "suppress_below must be at least 1"),
        (
            "aggregate_rule",
            values["aggregate_rule"] in _ALLOWED_AGGREGATE_RULES,
            f"aggregate_rule must be one of {', '.join(_ALLOWED_AGGREGATE_RULES)}",
        ),
        (
            "confidence_level",
            0 < values["confidence_level"] < 1,
            "confidence_level must lie strictly between 0 and 1",
        ),
        (
            "margin_of_error",
            0 < values["margin_of_error"] < 1,
            "margin_of_error must lie strictly between 0 and 1",
        ),
        (
            "max_per_practitioner",
            values["max_per_practitioner"] >= 1,
            "max_per_practitioner must be at least 1",
        ),
        (
            "assign_max_per_practitioner",
            values["assign_max_per_practitioner"] >= 1,
            "assign_max_per_practitioner must be at least 1",
        ),
        (
            "reserve_percent",
            0 <= values["reserve_percent"] <= 100,
            "reserve_percent must lie between 0 and 100",
        ),
        (
            "summary_min_inspections",
            values["summary_min_inspections"] >= 2,
            "summary_min_inspections must be at least 2",
        ),
        (
            "pseudonym_length",
            8 <= values["pseudonym_length"] <= 64,
            "pseudonym_length must lie between 8 and 64",
        ),
        (
            "agreement_confidence_level",
            0 < values["agreement_confidence_level"] < 1,
            "agreement_confidence_level must lie strictly between 0 and 1",
        ),
        (
            "agreement_bootstrap_draws",
            values["agreement_bootstrap_draws"] >= 100,
            "agreement_bootstrap_draws must be at least 100",
        ),
        (
            "agreement_flag_figure",
            values["agreement_flag_figure"] in _ALLOWED_AGREEMENT_FIGURES,
            f"agreement_flag_figure must be one of {', '.join(_ALLOWED_AGREEMENT_FIGURES)}",
        ),
        (
            "agreement_flag_below",
            -1 <= values["agreement_flag_below"] <= 1,
            "agreement_flag_below must lie between -1 and 1",
        ),
        (
            "domain_divergence_steps",
            1 <= values["domain_divergence_steps"] <= 3,
            "domain_divergence_steps must lie between 1 and 3",
        ),
        (
            "qa_sample_share",
            0 < values["qa_sample_share"] <= 1,
            "qa_sample_share must lie above 0 and at most 1",
        ),
        *(
            (name, values[name] >= 1, f"{name} must be at least 1")
            for name in ("max_file_rows", "max_file_columns", "max_cell_length")
        ),
        (
            "max_unpacked_bytes",
            values["max_unpacked_bytes"] >= 1_048_576,
            "max_unpacked_bytes must be at least 1048576 (1 MB)",
        ),
    )
    return [(name, message) for name, ok, message in checks if not ok]


def environment_variable(name: str) -> str:
    """The environment variable that sets one setting: ``PINSPECT_FRAGILE_THRESHOLD``."""
    return "PINSPECT_" + name.upper()


def _value(setting: Setting, raw: object, source: str, problems: list[Problem]) -> object:
    """``raw`` (from TOML, or a string from the environment) as the setting's type."""
    kind = type(setting.default)
    try:
        if isinstance(raw, str) and kind is not str:
            return kind(raw.strip())
        if kind is float and isinstance(raw, int) and not isinstance(raw, bool):
            return float(raw)
        if isinstance(raw, kind) and not isinstance(raw, bool):
            return raw
    except ValueError:
        pass
    problems.append(
        Problem(source, None, setting.name, f"{raw!r} is not a {kind.__name__} ({setting.help})")
    )
    return None


def read_settings(environ: Mapping[str, str] | None = None, file: Path | None = None) -> Settings:
    """An installation's settings: the defaults, then ``file`` (or the file named by
    ``PINSPECT_SETTINGS_FILE``), then ``PINSPECT_<NAME>`` environment variables.

    Raises :class:`InputError` with every problem (an unreadable file, an unknown setting, a
    value of the wrong type or outside its range), naming the file or variable and the setting.
    """
    environ = os.environ if environ is None else environ
    if file is None and environ.get(SETTINGS_FILE_VARIABLE):
        file = Path(environ[SETTINGS_FILE_VARIABLE])
    by_name = {s.name: s for s in SETTINGS_TABLE}
    problems: list[Problem] = []
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    if file is not None:
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise InputError.single(
                f"cannot read the settings file: {error}", file=str(file)
            ) from None
        for name, raw in data.items():
            if name not in by_name:
                problems.append(
                    Problem(
                        str(file),
                        None,
                        name,
                        "not a setting; the settings are " + ", ".join(by_name),
                    )
                )
                continue
            value = _value(by_name[name], raw, str(file), problems)
            if value is not None:
                values[name], sources[name] = value, str(file)
    for name, setting in by_name.items():
        variable = environment_variable(name)
        if variable in environ:
            value = _value(setting, environ[variable], variable, problems)
            if value is not None:
                values[name], sources[name] = value, variable
    problems.extend(
        Problem(sources.get(name), None, name, message)
        for name, message in range_problems({**_DEFAULTS, **values})
    )
    if problems:
        raise InputError(problems)
    return Settings(**values)  # type: ignore[arg-type]
