"""The file that lists a unit's inspections for ``pinspect trend``: one YAML mapping.

.. code-block:: yaml

    unit: Anytown PDU                 # optional, printed with the trend
    framework: hmip-2023-pdu          # optional: read the trend in this framework
    inspections:
      - label: Inspection 2022        # unique; how the trend names the inspection
        date: 2022-05-16              # ISO date; inspections are ordered by it
        framework: hmip-2021-pdu-scored-27
        cases: 2022/cases.csv         # as for pinspect rate; paths relative to this file
        judged: 2022/judged.csv       # optional
        departures: 2022/departures.csv  # optional
        aggregate: 2022/aggregate.csv    # optional

Every problem is reported with the file, line and field before anything is read or rated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pinspect.frameworks.yaml_lines import LineMap, load_yaml_with_lines
from pinspect.problems import InputError, Problem
from pinspect.text import text_problem

__all__ = ["ManifestInspection", "TrendManifest", "parse_trend_manifest", "read_trend_manifest"]

LABEL_MAX = 200
_FILES = ("cases", "judged", "departures", "aggregate")
_FIELDS = {"label", "date", "framework", *_FILES}


@dataclass(frozen=True)
class ManifestInspection:
    """One inspection listed in the manifest, its files resolved against the manifest's folder."""

    label: str
    date: datetime.date
    framework: str
    cases: Path
    judged: Path | None = None
    departures: Path | None = None
    aggregate: Path | None = None
    field: str = ""  # where it is in the manifest, e.g. 'inspections/1'
    line: int | None = None


@dataclass(frozen=True)
class TrendManifest:
    unit: str | None
    framework: str | None
    inspections: tuple[ManifestInspection, ...]


def read_trend_manifest(path: Path) -> TrendManifest:
    """Read ``path``; raise InputError with every problem found."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single("no such file", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError.single(f"cannot read the file: {error}", file=str(path)) from None
    return parse_trend_manifest(text, str(path), path.parent)


class _Reader:
    def __init__(self, filename: str, lines: LineMap, folder: Path) -> None:
        self.filename = filename
        self.lines = lines
        self.folder = folder
        self.problems: list[Problem] = []

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        field = "/".join(str(p) for p in path) or "(top level)"
        self.problems.append(Problem(self.filename, self.lines.line_of(path), field, message))

    def text(self, data: dict[str, Any], key: str, path: tuple[str | int, ...]) -> str | None:
        value = data.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a label such as 2022 is read as a number by YAML
        if not isinstance(value, str) or not value.strip():
            self.problem((*path, key), "must be a non-empty text")
            return None
        wrong = text_problem(value, max_length=LABEL_MAX)
        if wrong is not None:
            self.problem((*path, key), wrong)
            return None
        return value.strip()

    def date(self, data: dict[str, Any], path: tuple[str | int, ...]) -> datetime.date | None:
        value = data.get("date")
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem((*path, "date"), "must be a date written YYYY-MM-DD")
        return None

    def inspection(self, data: Any, path: tuple[str | int, ...]) -> ManifestInspection | None:
        if not isinstance(data, dict):
            self.problem(path, "each inspection is a mapping of label, date, framework and files")
            return None
        for key in sorted(set(data) - _FIELDS, key=str):
            expected = ", ".join(sorted(_FIELDS))
            self.problem((*path, key), f"unknown field {key!r}; expected: {expected}")
        label = self.text(data, "label", path)
        date = self.date(data, path)
        framework = self.text(data, "framework", path)
        files: dict[str, Path | None] = {}
        for key in _FILES:
            if key not in data and key != "cases":
                files[key] = None
                continue
            name = self.text(data, key, path)
            files[key] = None if name is None else self.folder / name
        if label is None or date is None or framework is None or files["cases"] is None:
            return None
        return ManifestInspection(
            label=label,
            date=date,
            framework=framework,
            cases=files["cases"],
            judged=files["judged"],
            departures=files["departures"],
            aggregate=files["aggregate"],
            field="/".join(str(p) for p in path),
            line=self.lines.line_of(path),
        )


def parse_trend_manifest(text: str, filename: str, folder: Path) -> TrendManifest:
    data, lines = load_yaml_with_lines(text, filename)
    reader = _Reader(filename, lines, folder)
    if not isinstance(data, dict):
        raise InputError.single("a trend file must be a YAML mapping", file=filename, line=1)
    for key in sorted(set(data) - {"unit", "framework", "inspections"}, key=str):
        reader.problem((key,), f"unknown field {key!r}; expected: framework, inspections, unit")
    unit = reader.text(data, "unit", ()) if "unit" in data else None
    framework = reader.text(data, "framework", ()) if "framework" in data else None
    listed = data.get("inspections")
    inspections: list[ManifestInspection] = []
    if not isinstance(listed, list) or not listed:
        reader.problem(("inspections",), "must list at least one inspection")
    else:
        labels: dict[str, int] = {}
        for index, item in enumerate(listed):
            found = reader.inspection(item, ("inspections", index))
            if found is None:
                continue
            if found.label in labels:
                reader.problem(
                    ("inspections", index, "label"),
                    f"the label {found.label!r} is already that of inspection "
                    f"{labels[found.label] + 1}",
                )
                continue
            labels[found.label] = index
            inspections.append(found)
    if reader.problems:
        raise InputError(reader.problems)
    return TrendManifest(unit=unit, framework=framework, inspections=tuple(inspections))
