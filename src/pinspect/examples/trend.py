"""A synthetic example of one PDU's inspections over time, for ``pinspect trend``.

Three invented inspections of "Anytown PDU": 2022 under the 2021 PDU standards as published
reports scored them (``hmip-2021-pdu-scored-27``), 2024 under the 2023 PDU standards (the
bundled 2023 example inspection), and 2026 under the 2023 standards again. Key-question answers
only, 40 supervision cases each (10 victim cases in 2022); no real case is described. Regenerate
with ``python -m pinspect.examples [DIRECTORY]``; the same seed writes the same files.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

__all__ = ["TREND_MANIFEST", "write_trend_example"]

TREND_MANIFEST = "anytown-pdu.yaml"
_SEED = 2026
_CASES = 40

# Yes answers out of 40 supervision cases (10 victim cases for 2.7), per key question.
_YES_2022 = {
    "2.1.1": 30,
    "2.2.1": 34,
    "2.2.2": 33,
    "2.2.3": 24,
    "2.3.1": 27,
    "2.3.2": 22,
    "2.3.3": 20,
    "2.4.1": 27,
    "2.4.2": 29,
    "2.4.3": 26,
    "2.5.1": 25,
    "2.5.2": 27,
    "2.5.3": 22,
    "2.7.1": 9,
    "2.7.2": 9,
    "2.7.3": 8,
}
_JUDGED_2022 = {
    "1.1": "Requires improvement",
    "1.2": "Requires improvement",
    "1.3": "Good",
    "1.4": "Requires improvement",
}
_YES_2026 = {
    "P2.1.1": 35,
    "P2.1.2": 34,
    "P2.1.3": 30,
    "P2.2.1": 31,
    "P2.2.2": 27,
    "P2.2.3": 25,
    "P2.3.1": 30,
    "P2.3.2": 29,
    "P2.3.3": 28,
    "P2.4.1": 33,
    "P2.4.2": 30,
    "P2.4.3": 27,
}
_JUDGED_2026 = {"P1.1": "Good", "P1.2": "Good", "P1.3": "Good"}

_MANIFEST = """\
# One PDU's inspections over time: pinspect trend anytown-pdu.yaml
# Invented data; see pinspect/examples/trend.py.
unit: Anytown PDU
inspections:
  - label: Inspection 2022
    date: 2022-05-16
    framework: hmip-2021-pdu-scored-27
    cases: anytown-2022-cases.csv
    judged: anytown-2022-judged.csv
  - label: Inspection 2024
    date: 2024-03-11
    framework: hmip-2023-pdu
    cases: hmip-2023-pdu-cases.csv
    judged: hmip-2023-pdu-judged.csv
  - label: Inspection 2026
    date: 2026-02-02
    framework: hmip-2023-pdu
    cases: anytown-2026-cases.csv
    judged: anytown-2026-judged.csv
"""


def _answers(yes: dict[str, int], rng: random.Random) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for kq, count in yes.items():
        victims = kq.startswith("2.7.")
        total = 10 if victims else _CASES
        answers = ["yes"] * count + ["no"] * (total - count)
        rng.shuffle(answers)
        prefix = "V" if victims else "C"
        rows.extend((f"{prefix}{n:03d}", kq, a) for n, a in enumerate(answers, start=1))
    return sorted(rows)


def _write(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_trend_example(directory: Path, seed: int = _SEED) -> list[Path]:
    """Write the 2022 and 2026 inspections' files and the trend file into ``directory`` (the
    2024 inspection is the bundled 2023 example there); return their paths."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    paths = [
        _write(
            directory / "anytown-2022-cases.csv",
            ("case_id", "question", "answer"),
            list(_answers(_YES_2022, rng)),
        ),
        _write(
            directory / "anytown-2022-judged.csv",
            ("standard", "rating"),
            list(_JUDGED_2022.items()),
        ),
        _write(
            directory / "anytown-2026-cases.csv",
            ("case_id", "question", "answer"),
            list(_answers(_YES_2026, rng)),
        ),
        _write(
            directory / "anytown-2026-judged.csv",
            ("standard", "rating"),
            list(_JUDGED_2026.items()),
        ),
    ]
    manifest = directory / TREND_MANIFEST
    manifest.write_text(_MANIFEST, encoding="utf-8")
    return [*paths, manifest]
