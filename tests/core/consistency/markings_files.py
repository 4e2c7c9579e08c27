"""Markings files for the agreement tests: reproducible from a seed."""

from __future__ import annotations

import csv
import random
from pathlib import Path

HMIP_2023_PDU_CASE_KEY_QUESTIONS = tuple(
    f"P2.{standard}.{question}" for standard in range(1, 5) for question in range(1, 4)
)


def write_markings(
    path: Path,
    *,
    markers: tuple[str, ...] = ("Inspector A", "Inspector B"),
    cases: int = 40,
    questions: tuple[str, ...] = HMIP_2023_PDU_CASE_KEY_QUESTIONS,
    agree: float = 0.85,
    seed: int = 2026,
) -> Path:
    """Each case's questions answered by every marker: the first marker's answer drawn (yes
    three times in four, n/a rarely) and each other marker keeping it with probability
    ``agree``, else answering afresh."""
    rng = random.Random(seed)
    answers = ("yes", "yes", "yes", "no", "no", "n/a")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["case", "question", "marker", "answer"])
        for case in range(1, cases + 1):
            for question in questions:
                first = rng.choice(answers)
                for index, marker in enumerate(markers):
                    answer = first if index == 0 or rng.random() < agree else rng.choice(answers)
                    writer.writerow([f"C{case:03d}", question, marker, answer])
    return path
