"""Which level of the unit tree a framework inspects: a PDU framework a probation delivery
unit, a regional framework a region, the national framework the nation.

The 2018 frameworks inspected a community rehabilitation company (``crc``) or a National
Probation Service division (``nps-division``), neither of which is a level of today's unit
tree; both covered an area the size of a region, so they pair with a region. A team is
inspected by no framework.
"""

from __future__ import annotations

from pinspect.frameworks.model import Framework

__all__ = ["UNIT_LEVEL_NAMES", "fits_unit_level", "unit_level_of"]

_LEVEL_OF_FRAMEWORK_UNIT = {
    "pdu": "pdu",
    "region": "region",
    "nation": "nation",
    "crc": "region",
    "nps-division": "region",
}

UNIT_LEVEL_NAMES = {
    "nation": "the nation",
    "region": "a region",
    "pdu": "a probation delivery unit",
    "team": "an area or team",
}
"""Each unit level in words, as in "a framework for a region"."""


def unit_level_of(framework: Framework) -> str | None:
    """The unit level the framework inspects (None: no level of the unit tree)."""
    return _LEVEL_OF_FRAMEWORK_UNIT.get(framework.unit)


def fits_unit_level(framework: Framework, level: str) -> bool:
    """Whether an inspection of a unit at ``level`` may use ``framework``."""
    return unit_level_of(framework) == level
