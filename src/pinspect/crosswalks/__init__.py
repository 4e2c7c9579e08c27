"""Crosswalks between framework editions, as validated data (see docs/framework-format.md).

Which standard and key question of one edition is which of another, each pair with its
relationship (:class:`Relationship`), so results under different editions can be compared
where they ask the same, and marked approximate where they do not.
"""

from pinspect.crosswalks.catalogue import (
    CrosswalkCatalogue,
    bundled_crosswalks,
    crosswalk_directories_from_environment,
    load_crosswalks,
)
from pinspect.crosswalks.loader import crosswalk_schema, parse_crosswalk, read_crosswalk_file
from pinspect.crosswalks.model import Correspondence, Crosswalk, Edition, Level
from pinspect.crosswalks.relationship import Relationship

__all__ = [
    "Correspondence",
    "Crosswalk",
    "CrosswalkCatalogue",
    "Edition",
    "Level",
    "Relationship",
    "bundled_crosswalks",
    "crosswalk_directories_from_environment",
    "crosswalk_schema",
    "load_crosswalks",
    "parse_crosswalk",
    "read_crosswalk_file",
]
