"""Benchmark: write the data annex of a report as CSV, XLSX and ODS.

Two reports are built: the bundled example (60 supervision cases of ``hmip-2023-pdu``, 3,780
case answers) and a larger synthetic inspection made of copies of the example's cases under new
references, each copy's key-question answers shuffled among its cases (3,000 cases by default,
189,000 case answers). For each, ``annex(report, fmt)`` is timed for every format (median of
``--repeats`` runs, default 5, after one warm-up run) and printed with its ratio to the CSV and
the ODS annex measured in the same process: CSV writes the same cells with nothing but the
standard library, ODS is streamed by our own writer. Target (issue 16): the XLSX annex of
3,000 cases in at most twice the ODS writer's time. The load average is printed before and
after.

Run: ``.venv/bin/python benchmarks/report_annex.py [--cases N] [--repeats R]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from pinspect.examples import example_path
from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.catalogue import Catalogue
from pinspect.frameworks.model import Framework
from pinspect.ratings.answer_table import AnswerTable
from pinspect.ratings.inputs import (
    read_case_answers,
    read_case_attributes,
    read_judged_ratings,
    with_attributes,
)
from pinspect.ratings.inspection import rate_inspection
from pinspect.report import ANNEX_FORMATS, Report, ReportInputs, annex, build_report
from pinspect.settings import Settings

SEED = 2025
TARGET_RATIO = 2.0


def timed(step: Callable[[], Any], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def example_table(framework: Framework, catalogue: Catalogue) -> AnswerTable:
    table = read_case_answers(example_path("cases"), framework, catalogue)
    return with_attributes(table, read_case_attributes(example_path("attributes"), table.cases))


def scaled_table(table: AnswerTable, copies: int) -> AnswerTable:
    """``copies`` copies of ``table``'s cases under new references; in each copy every
    question's answers are shuffled among the cases, so the copies are not identical."""
    rng = np.random.default_rng(SEED)
    n = len(table.cases)
    cases = tuple(f"{case}-{copy}" for copy in range(copies) for case in table.cases)
    case = np.concatenate([table.case + copy * n for copy in range(copies)])
    question = np.tile(table.question, copies)
    answers = [table.answer.copy()]
    for _ in range(1, copies):
        shuffled = table.answer.copy()
        for q in range(len(table.questions)):
            rows = np.flatnonzero(table.question == q)
            shuffled[rows] = rng.permutation(shuffled[rows])
        answers.append(shuffled)
    attributes = {
        a.name: {
            f"{c}-{copy}": a.values[a.codes[i]]
            for copy in range(copies)
            for i, c in enumerate(table.cases)
            if a.codes[i] >= 0
        }
        for a in table.attributes
    }
    scaled = AnswerTable(
        cases=cases,
        questions=table.questions,
        case=case,
        question=question,
        answer=np.concatenate(answers),
    )
    return with_attributes(scaled, attributes)


def build(table: AnswerTable, framework: Framework, catalogue: Catalogue) -> Report:
    settings = Settings(simulation_draws=500)
    judged = read_judged_ratings(example_path("judged"), framework, catalogue)
    result = rate_inspection(
        framework,
        table,
        catalogue=catalogue,
        settings=settings,
        judged=judged,
        by=["sex", "ethnicity"],
    )
    inputs = ReportInputs(
        framework=framework,
        result=result,
        answers=table,
        title="Inspection of probation services",
        unit="Example PDU",
        pseudonym_key=b"benchmark key",
        catalogue=catalogue,
    )
    return build_report(inputs, settings=settings)


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def measure(label: str, report: Report, repeats: int) -> dict[str, float]:
    cases = len({row.case for row in report.case_answers})
    print(
        f"\n{label}: {cases} cases, {len(report.case_answers)} case answers; "
        f"median (min) of {repeats} runs"
    )
    medians: dict[str, float] = {}
    for fmt in ANNEX_FORMATS:
        size = len(annex(report, fmt).content)  # warm-up: imports paid once per process
        times = timed(lambda fmt=fmt: annex(report, fmt), repeats)
        medians[fmt] = statistics.median(times)
        ratio = medians[fmt] / medians["csv"]
        versus_ods = "" if "ods" not in medians else f"  {medians[fmt] / medians['ods']:5.2f}× ODS"
        print(
            f"  {fmt:<5} median {medians[fmt]:7.3f} s  (min {min(times):7.3f} s)  "
            f"{size / 1024:7.0f} KiB  {ratio:6.1f}× CSV{versus_ods}"
        )
    return medians


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000, help="cases of the larger inspection")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each format")
    args = parser.parse_args()
    catalogue = bundled_catalogue()
    framework = catalogue.get_framework("hmip-2023-pdu")
    table = example_table(framework, catalogue)
    measure("Bundled example", build(table, framework, catalogue), args.repeats)
    copies = max(1, round(args.cases / len(table.cases)))
    larger = scaled_table(table, copies)
    print(f"load average before {load()}")
    medians = measure("Synthetic inspection", build(larger, framework, catalogue), args.repeats)
    print(f"load average after {load()}")
    ratio = medians["xlsx"] / medians["ods"]
    verdict = "MET" if ratio <= TARGET_RATIO else "MISSED"
    print(
        f"target (XLSX annex ≤ {TARGET_RATIO:.0f} × the ODS writer's time): {verdict}: "
        f"{medians['xlsx']:.3f} s = {ratio:.2f} × {medians['ods']:.3f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
