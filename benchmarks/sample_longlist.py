"""Benchmark: ``pinspect sample`` on a 1,000,000-row long list against a Polars read of it.

Writes a synthetic long list (:func:`pinspect.synthetic.write_synthetic_long_list`) in a
temporary directory, then runs, alternately and each in its own process, at least five times:

- ``pinspect sample LIST --seed S --today T`` (its table discarded): reading the
  CSV, eligibility, sizing at 80% / 5%, the draw with its reserve, the analysis and the table;
- ``polars.read_csv(LIST)``: reading the same file into a data frame, the baseline.

Each side's wall-clock time, CPU time (user + system) and peak memory (maximum resident set
size) come from ``os.wait4`` on that side's own process: its ``resource`` usage, not the
benchmark's. Both sides count the start of Python and their imports. The medians and their
ratios are printed with the load average, since the machine may be busy; running the two
alternately shares any load between them. Issue 16's target: ``pinspect sample`` at most
2.0× the Polars read in time and at most 2× its peak memory. One more run, in this process,
times each stage of the sampling pipeline.

Run: ``python benchmarks/sample_longlist.py [ROWS] [RUNS]`` (defaults 1,000,000 and 5).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pinspect.sampling import (
    REQUIRED_COLUMNS,
    Stratification,
    analyse,
    assess_eligibility,
    draw_sample,
    read_long_list,
    required_sample_size,
)
from pinspect.settings import Settings
from pinspect.synthetic import write_synthetic_long_list

TODAY = date(2024, 6, 1)
SEED = 20240601
ROWS = 1_000_000
RUNS = 5
TIME_TARGET = 2.0  # × the Polars read
MEMORY_TARGET = 2.0


@dataclass(frozen=True)
class Usage:
    """One process's wall-clock seconds, CPU seconds and peak memory (MiB)."""

    wall: float
    cpu: float
    peak: float


def run(command: list[str]) -> Usage:
    """Run ``command`` (output discarded) and measure that process alone."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{command[:4]} failed with status {process.returncode}")
    return Usage(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)  # KiB on Linux


def sample_command(path: Path) -> list[str]:
    return [
        sys.executable, "-m", "pinspect", "sample", str(path),
        "--seed", str(SEED), "--today", TODAY.isoformat(),
    ]  # fmt: skip


def polars_command(path: Path) -> list[str]:
    return [sys.executable, "-c", f"import polars; polars.read_csv({str(path)!r})"]


def stages(path: Path) -> dict[str, float]:
    """Seconds for each stage of the pipeline, in this process."""
    settings = Settings()
    stratification = Stratification()
    started = time.perf_counter()
    long_list = read_long_list(
        path, required_columns=(*REQUIRED_COLUMNS, *stratification.required_columns)
    )
    read = time.perf_counter()
    classifier = stratification.classifier(long_list.columns)
    eligibility = assess_eligibility(long_list.cases, classifier, today=TODAY)
    assessed = time.perf_counter()
    size = required_sample_size(
        len(eligibility.eligible),
        confidence_level=settings.confidence_level,
        margin_of_error=settings.margin_of_error,
    )
    sample = draw_sample(eligibility.eligible, classifier, size, seed=SEED, settings=settings)
    drawn = time.perf_counter()
    analyse(sample, eligibility)
    analysed = time.perf_counter()
    return {
        "rows": len(long_list.cases),
        "eligible": len(eligibility.eligible),
        "size": size,
        "reserve": len(sample.reserve_cases),
        "read": read - started,
        "eligibility": assessed - read,
        "draw": drawn - assessed,
        "analysis": analysed - drawn,
    }


def verdict(ratio: float, target: float, what: str) -> str:
    met = "met" if ratio <= target else "MISSED"
    return f"target {met}: {what} {ratio:.2f}x (at most {target:.1f}x)"


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main(rows: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "longlist.csv"
        write_synthetic_long_list(path, rows, seed=1, today=TODAY)
        megabytes = path.stat().st_size / 1e6
        load_before = load()
        sampled: list[Usage] = []
        read: list[Usage] = []
        for _ in range(runs):
            sampled.append(run(sample_command(path)))
            read.append(run(polars_command(path)))
        load_after = load()
        figures = stages(path)
    print(f"long list: {figures['rows']:,.0f} rows, {megabytes:.1f} MB CSV; {os.cpu_count()} CPUs")
    print(
        f"eligible: {figures['eligible']:,.0f}; sample {figures['size']:.0f} + reserve "
        f"{figures['reserve']:.0f} (80% confidence, 5% margin)"
    )
    print(f"load average (1, 5, 15 min): {load_before} before, {load_after} after")
    print(f"medians of {runs} runs each, alternating, each in its own process:")
    rows_printed = []
    for name, usages in (("pinspect sample", sampled), ("Polars read_csv", read)):
        wall = statistics.median(u.wall for u in usages)
        cpu = statistics.median(u.cpu for u in usages)
        peak = statistics.median(u.peak for u in usages)
        rows_printed.append((wall, cpu, peak))
        print(f"  {name:16} {wall:6.2f} s wall  {cpu:6.2f} s CPU  {peak:7.0f} MiB peak RSS")
    (wall, cpu, peak), (base_wall, base_cpu, base_peak) = rows_printed
    print(verdict(wall / base_wall, TIME_TARGET, "time (wall clock)"))
    print(f"  (CPU time {cpu / base_cpu:.2f}x)")
    print(verdict(peak / base_peak, MEMORY_TARGET, "peak memory"))
    print(
        "stages, in one process: "
        + ", ".join(f"{k} {figures[k]:.2f} s" for k in ("read", "eligibility", "draw", "analysis"))
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else ROWS,
        int(sys.argv[2]) if len(sys.argv) > 2 else RUNS,
    )
