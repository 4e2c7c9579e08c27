"""Column mapping: rename the columns of another system's export to pinspect's names.

A mapping file is YAML, one ``their_column: our_column`` pair a line::

    Case Reference Number: crn
    Gender: sex
    RoSH Level: rosh
    Offender Manager: practitioner

Column names are compared after :func:`normalise_column` (case, spaces and punctuation
ignored), so ``Case Reference Number`` also matches ``case_reference_number``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pinspect.problems import InputError, Problem

__all__ = ["ColumnMapping", "load_column_mapping", "normalise_column", "parse_column_mapping"]

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_column(name: str) -> str:
    """``'Date of Birth '`` → ``'date_of_birth'``."""
    return _NON_WORD.sub("_", name.strip().lower()).strip("_")


@dataclass(frozen=True)
class ColumnMapping:
    """Renames from a source column (normalised) to a pinspect column."""

    renames: Mapping[str, str] = field(default_factory=dict)

    def rename(self, column: str) -> str:
        key = normalise_column(column)
        return self.renames.get(key, key)


def load_column_mapping(path: Path) -> ColumnMapping:
    """Read a YAML mapping file; every problem in it is reported together."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError.single(
            f"cannot read the mapping file: {error.strerror}", file=name
        ) from None
    return parse_column_mapping(text, file=name)


def parse_column_mapping(text: str, *, file: str) -> ColumnMapping:
    """A mapping from the text of a YAML mapping file named ``file`` (problems name it);
    every problem is reported together."""
    name = file
    try:
        import yaml  # noqa: PLC0415  (only a mapping file needs it; slow to import)

        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        line = None
        mark = getattr(error, "problem_mark", None)
        if mark is not None:
            line = int(mark.line) + 1
        raise InputError.single("not valid YAML", file=name, line=line) from None
    if not isinstance(data, dict) or not data:
        raise InputError.single(
            "a mapping file is a YAML mapping of 'their column: our column' pairs", file=name
        )
    problems: list[Problem] = []
    renames: dict[str, str] = {}
    targets: dict[str, str] = {}
    for source, target in data.items():
        if not isinstance(source, str) or not isinstance(target, str) or not target.strip():
            problems.append(
                Problem(name, None, str(source), "each column must map to a column name")
            )
            continue
        ours = normalise_column(target)
        if ours in targets:
            problems.append(
                Problem(name, None, source, f"'{targets[ours]}' is already mapped to '{ours}'")
            )
            continue
        targets[ours] = source
        renames[normalise_column(source)] = ours
    if problems:
        raise InputError(problems)
    return ColumnMapping(renames)
