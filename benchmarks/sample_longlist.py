"""Benchmark: import, eligibility, draw and analysis for a 250,000-row long list.

Generates a synthetic long list (pinspect.synthetic) in a temporary directory, then times
the whole sampling pipeline end to end (read + eligibility + size at 80%/5% + allocation and
draw + analysis) against a baseline measured in the same process: a plain
``csv.DictReader`` read of the same file. The ratio says how much sampling costs over just
reading the file; it moves less than the seconds on a busy machine. Peak memory is measured
in a separate, untimed run with tracemalloc (which slows Python down while it traces).

Run: ``python benchmarks/sample_longlist.py [ROWS]``. Target (issue 4): under 2 s in total
for 250,000 rows, including the import of the file.
"""

from __future__ import annotations

import csv
import resource
import sys
import tempfile
import time
import tracemalloc
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
from pinspect.synthetic import synthetic_long_list, write_long_list_csv

TODAY = date(2024, 6, 1)
SEED = 20240601
TARGET_SECONDS = 2.0
TARGET_ROWS = 250_000


def baseline(path: Path) -> int:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return sum(1 for _ in csv.DictReader(stream))


def pipeline(path: Path) -> dict[str, float]:
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
        "total": analysed - started,
    }


def verdict(total: float, rows: int) -> str:
    """Whether the run meets issue 4's target (only a 250,000-row run can say)."""
    if rows != TARGET_ROWS:
        return f"target: not judged ({rows:,} rows; the target is for {TARGET_ROWS:,})"
    if total < TARGET_SECONDS:
        return f"target met: {total:.2f} s < {TARGET_SECONDS:.0f} s"
    return f"target MISSED: {total:.2f} s >= {TARGET_SECONDS:.0f} s"


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "longlist.csv"
        write_long_list_csv(synthetic_long_list(rows, seed=1, today=TODAY), path)
        megabytes = path.stat().st_size / 1e6
        base_started = time.perf_counter()
        baseline(path)
        base = time.perf_counter() - base_started
        result = pipeline(path)
        tracemalloc.start()
        pipeline(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"long list: {result['rows']:,.0f} rows, {megabytes:.1f} MB CSV")
    print(
        f"eligible: {result['eligible']:,.0f}; sample {result['size']:.0f} + reserve "
        f"{result['reserve']:.0f} (80% confidence, 5% margin)"
    )
    print(f"baseline csv.DictReader read: {base:.3f} s")
    print(f"read long list:   {result['read']:.3f} s")
    print(f"eligibility:      {result['eligibility']:.3f} s")
    print(f"size + draw:      {result['draw']:.3f} s")
    print(f"analysis:         {result['analysis']:.3f} s")
    print(f"total:            {result['total']:.3f} s")
    print(f"ratio to baseline: {result['total'] / base:.2f}x")
    print(verdict(result["total"], rows))
    print(f"peak traced memory: {peak / 1e6:.0f} MB; max RSS: {max_rss:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else TARGET_ROWS)
