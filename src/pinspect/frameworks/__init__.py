"""Standards frameworks as versioned, validated data (see docs/framework-format.md).

The names below are imported from their modules when first used, so that importing one
light module of this package (e.g. :mod:`pinspect.frameworks.applicability` for a long
list's yes/no flags) does not load the catalogue, the loader and its JSON Schema
validator, which ``pinspect sample`` never needs. The model's value objects are light and
imported at once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from pinspect.frameworks.model import (
    AnswerScale,
    Applicability,
    CaseInspection,
    CaseType,
    Characteristics,
    Domain,
    Evidence,
    Framework,
    Judgement,
    KeyQuestion,
    PercentageRounding,
    Prompt,
    RatedBy,
    Reference,
    Sample,
    Source,
    Standard,
)

if TYPE_CHECKING:
    from pinspect.frameworks.catalogue import (
        Catalogue,
        bundled_catalogue,
        directories_from_environment,
        load_catalogue,
    )
    from pinspect.frameworks.loader import framework_schema, parse_framework, read_framework_file

# The model is light and always imported; the catalogue and the loader only when first used.
_MODULES = {
    "pinspect.frameworks.catalogue": (
        "Catalogue",
        "bundled_catalogue",
        "directories_from_environment",
        "load_catalogue",
    ),
    "pinspect.frameworks.loader": ("framework_schema", "parse_framework", "read_framework_file"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}

__all__ = [
    "AnswerScale",
    "Applicability",
    "CaseInspection",
    "CaseType",
    "Catalogue",
    "Characteristics",
    "Domain",
    "Evidence",
    "Framework",
    "Judgement",
    "KeyQuestion",
    "PercentageRounding",
    "Prompt",
    "RatedBy",
    "Reference",
    "Sample",
    "Source",
    "Standard",
    "bundled_catalogue",
    "directories_from_environment",
    "framework_schema",
    "load_catalogue",
    "parse_framework",
    "read_framework_file",
]


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
