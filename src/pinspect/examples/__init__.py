"""A synthetic, seeded example inspection of the 2023 PDU framework.

``hmip-2023-pdu-cases.csv`` answers every key question and prompt of the case-based domain two
standards (P2.1–P2.4) for 60 supervision cases; ``hmip-2023-pdu-judged.csv`` rates the judged
domain one standards (P1.1–P1.3); ``hmip-2023-pdu-attributes.csv`` gives each case a sex,
ethnicity and age band. The data is invented: no real case is described. Regenerate the files
with ``python -m pinspect.examples [DIRECTORY]``; the same seed always writes the same files.
A 2021 PDU inspection with case types and outcomes met through stability is in
:mod:`pinspect.examples.pdu_2021`.
"""

from __future__ import annotations

import csv
import random
from importlib import resources
from pathlib import Path

from pinspect.frameworks.catalogue import bundled_catalogue
from pinspect.frameworks.model import RatedBy

__all__ = [
    "EXAMPLE_CASES",
    "EXAMPLE_FRAMEWORK",
    "EXAMPLE_SEED",
    "example_directory",
    "example_path",
    "write_example",
]

EXAMPLE_FRAMEWORK = "hmip-2023-pdu"
EXAMPLE_CASES = 60
EXAMPLE_SEED = 2023

# Yes answers per key question out of the 60 cases (the rest "no"): a mix of ratings —
# P2.1 Outstanding, P2.2 Inadequate, P2.3 Good on a fragile margin, P2.4 Outstanding.
_YES_PER_KEY_QUESTION = {
    "P2.1.1": 57,
    "P2.1.2": 56,
    "P2.1.3": 58,
    "P2.2.1": 47,
    "P2.2.2": 19,
    "P2.2.3": 44,
    "P2.3.1": 51,
    "P2.3.2": 41,
    "P2.3.3": 49,
    "P2.4.1": 57,
    "P2.4.2": 56,
    "P2.4.3": 58,
}

_JUDGED = {"P1.1": "Good", "P1.2": "Requires improvement", "P1.3": "Good"}

_ATTRIBUTES = {
    "sex": (("Male", 48), ("Female", 12)),
    "ethnicity": (("White", 40), ("Black", 8), ("Asian", 7), ("Mixed", 3), ("Other", 2)),
    "age_band": (("18-24", 10), ("25-34", 20), ("35-49", 20), ("50+", 10)),
}


def example_directory() -> Path:
    """The directory of the bundled example files."""
    return Path(str(resources.files("pinspect.examples")))


def example_path(name: str) -> Path:
    """The path of one bundled example file, e.g. ``example_path("cases")``."""
    return example_directory() / f"{EXAMPLE_FRAMEWORK}-{name}.csv"


def write_example(directory: Path, seed: int = EXAMPLE_SEED) -> list[Path]:
    """Write the three example CSV files into ``directory``; return their paths."""
    framework = bundled_catalogue().get_framework(EXAMPLE_FRAMEWORK)
    rng = random.Random(seed)
    cases = [f"C{number:03d}" for number in range(1, EXAMPLE_CASES + 1)]
    rows: list[tuple[str, str, str]] = []
    for standard in framework.standards:
        if standard.rated_by is not RatedBy.CASES:
            continue
        for kq in standard.key_questions:
            yes = _YES_PER_KEY_QUESTION[kq.id]
            answers = ["yes"] * yes + ["no"] * (len(cases) - yes)
            rng.shuffle(answers)
            for case_id, answer in zip(cases, answers, strict=True):
                rows.append((case_id, kq.id, answer))
                for prompt in kq.prompts:
                    if rng.random() < 0.08:
                        prompt_answer = "n/a"
                    else:
                        p_yes = 0.9 if answer == "yes" else 0.45
                        prompt_answer = "yes" if rng.random() < p_yes else "no"
                    rows.append((case_id, prompt.id, prompt_answer))
    rows.sort(key=lambda row: (row[0], row[1]))
    directory.mkdir(parents=True, exist_ok=True)
    paths = [
        directory / f"{EXAMPLE_FRAMEWORK}-cases.csv",
        directory / f"{EXAMPLE_FRAMEWORK}-judged.csv",
        directory / f"{EXAMPLE_FRAMEWORK}-attributes.csv",
    ]
    with paths[0].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("case_id", "question", "answer", "sample"))
        writer.writerows((*row, "supervision") for row in rows)
    with paths[1].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("standard", "rating"))
        writer.writerows(_JUDGED.items())
    columns = {}
    for name, counts in _ATTRIBUTES.items():
        values = [value for value, count in counts for _ in range(count)]
        rng.shuffle(values)
        columns[name] = values
    with paths[2].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("case_id", *columns))
        for index, case_id in enumerate(cases):
            writer.writerow((case_id, *(columns[name][index] for name in columns)))
    return paths
