"""Settings: every choice the seeds leave open, declared once with its default and help.

The table below drives validation, the CLI's options and docs/settings.md (a test checks the
docs list every setting). Code takes a :class:`Settings` object explicitly; nothing reads a
global. Where the seeds *do* state a rule, it is code citing the seed, not a setting.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

__all__ = ["SETTINGS_TABLE", "Setting", "Settings"]


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
)

_DEFAULTS = {s.name: s.default for s in SETTINGS_TABLE}
_ALLOWED_AGGREGATE_RULES = ("median", "lowest", "mean")


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
    reserve_percent: int = _DEFAULTS["reserve_percent"]
    summary_min_inspections: int = _DEFAULTS["summary_min_inspections"]
    pseudonym_length: int = _DEFAULTS["pseudonym_length"]

    def __post_init__(self) -> None:
        problems = []
        if not 0 <= self.fragile_threshold <= 1:
            problems.append("fragile_threshold must lie between 0 and 1")
        if self.simulation_draws < 100:
            problems.append("simulation_draws must be at least 100")
        if self.suppress_below < 1:
            problems.append("suppress_below must be at least 1")
        if self.aggregate_rule not in _ALLOWED_AGGREGATE_RULES:
            problems.append(f"aggregate_rule must be one of {', '.join(_ALLOWED_AGGREGATE_RULES)}")
        if not 0 < self.confidence_level < 1:
            problems.append("confidence_level must lie strictly between 0 and 1")
        if not 0 < self.margin_of_error < 1:
            problems.append("margin_of_error must lie strictly between 0 and 1")
        if self.max_per_practitioner < 1:
            problems.append("max_per_practitioner must be at least 1")
        if not 0 <= self.reserve_percent <= 100:
            problems.append("reserve_percent must lie between 0 and 100")
        if self.summary_min_inspections < 2:
            problems.append("summary_min_inspections must be at least 2")
        if not 8 <= self.pseudonym_length <= 64:
            problems.append("pseudonym_length must lie between 8 and 64")
        if problems:
            raise ValueError("; ".join(problems))

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)


assert {f.name for f in fields(Settings)} == set(_DEFAULTS), "settings table and class disagree"
