"""Benchmark: build and render the report of the bundled example PDU inspection.

The bundled example (60 supervision cases of ``hmip-2023-pdu``, close to the demo PDU
inspection) is rated with a breakdown by sex and ethnicity (each alone and the pair), then
the report is built, rendered as HTML and as PDF several times. Prints the minimum and median
time of each step, the peak memory, and — measured in the same process — WeasyPrint laying out
a one-page document with the report's own stylesheet, the floor any PDF of ours pays, with the
ratio. The target is a PDF in under 3 seconds.

Then the same for a synthetic inspection of ``--cases`` cases (3,000 by default: copies of the
example's cases with each copy's answers shuffled, as in ``report_annex.py``), whose PDF is
timed and reported (no target: the report's length does not grow with the cases, its tables
are per key question and sub-group), with the load average.

Run: ``.venv/bin/python benchmarks/report_pdf.py``
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from importlib import resources
from typing import Any

from pypdf import PdfReader
from report_annex import build, example_table, scaled_table

from pinspect.examples import example_path
from pinspect.frameworks import bundled_catalogue
from pinspect.ratings.inputs import (
    read_case_answers,
    read_case_attributes,
    read_judged_ratings,
    with_attributes,
)
from pinspect.ratings.inspection import rate_inspection
from pinspect.report import (
    Recommendation,
    ReportInputs,
    SurveyQuestion,
    build_report,
    render_html,
    render_pdf,
)
from pinspect.report.pdf import render_pdf_from_html
from pinspect.settings import Settings

REPEATS = 5
TARGET_SECONDS = 3.0


def timed(step: Callable[[], Any], repeats: int = REPEATS) -> tuple[list[float], Any]:
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return times, result


def line(name: str, times: list[float]) -> str:
    return f"{name:<28} min {min(times):7.3f} s   median {statistics.median(times):7.3f} s"


def baseline_html() -> str:
    css = resources.files("pinspect.report").joinpath("templates/report.css").read_text("utf-8")
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Baseline</title>'
        f"<style>{css}</style></head><body><main><h1>Baseline</h1><table><caption>One table"
        '</caption><thead><tr><th scope="col">Standard</th><th scope="col">Rating</th></tr>'
        '</thead><tbody><tr><th scope="row">P2.1 Assessment</th><td>Good</td></tr></tbody>'
        "</table></main></body></html>"
    )


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def large_pdf(cases: int, repeats: int) -> None:
    """The PDF of a synthetic inspection of ``cases`` cases, timed like the example's."""
    catalogue = bundled_catalogue()
    framework = catalogue.get_framework("hmip-2023-pdu")
    table = example_table(framework, catalogue)
    larger = scaled_table(table, max(1, round(cases / len(table.cases))))
    print(f"\nload average before {load()}")
    report = build(larger, framework, catalogue)
    render_pdf(report)
    times, pdf = timed(lambda: render_pdf(report), repeats)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"Report of a synthetic inspection: {len(larger.cases):,} cases, {larger.rows:,} "
        f"answers; PDF {len(pdf) / 1024:.0f} KiB, {pages} pages; {repeats} runs"
    )
    print(line(f"render_pdf, {len(larger.cases):,} cases", times))
    print(f"load average after {load()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000, help="cases of the larger inspection")
    args = parser.parse_args()
    settings = Settings()
    catalogue = bundled_catalogue()
    framework = catalogue.get_framework("hmip-2023-pdu")
    table = read_case_answers(example_path("cases"), framework, catalogue)
    table = with_attributes(table, read_case_attributes(example_path("attributes"), table.cases))
    judged = read_judged_ratings(example_path("judged"), framework, catalogue)

    def rate() -> Any:
        return rate_inspection(
            framework,
            table,
            catalogue=catalogue,
            settings=settings,
            judged=judged,
            by=["sex", "ethnicity"],
        )

    rate_times, result = timed(rate)
    inputs = ReportInputs(
        framework=framework,
        result=result,
        answers=table,
        title="Inspection of probation services",
        unit="Example PDU",
        pseudonym_key=b"benchmark key",
        recommendations=(
            Recommendation("Example PDU", "Improve planning for keeping other people safe."),
            Recommendation("HMPPS", "Review staffing levels across the region."),
        ),
        survey=(
            SurveyQuestion(
                "S1", "Did your probation practitioner listen to you?", {"Yes": 30, "No": 4}
            ),
        ),
        catalogue=catalogue,
    )
    build_times, report = timed(lambda: build_report(inputs, settings=settings))
    html_times, html = timed(lambda: render_html(report))

    render_pdf(report)  # warm-up: WeasyPrint's import and font set-up, paid once per process
    pdf_times, pdf = timed(lambda: render_pdf(report))
    small = baseline_html()
    baseline_times, _ = timed(lambda: render_pdf_from_html(small))

    tracemalloc.start()
    render_pdf(report)
    _, peak_pdf = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print(
        f"Report of the bundled example: {len(table.cases)} cases, {table.rows} answers, "
        f"breakdown by sex and ethnicity ({len(report.breakdowns)} tables); "
        f"HTML {len(html) / 1024:.0f} KiB, PDF {len(pdf) / 1024:.0f} KiB, {pages} pages; "
        f"{REPEATS} runs each"
    )
    print(line("rate (4000-draw simulation)", rate_times))
    print(line("build_report", build_times))
    print(line("render_html", html_times))
    print(line("render_pdf (HTML + layout)", pdf_times))
    print(line("baseline: one-page PDF", baseline_times))
    ratio = statistics.median(pdf_times) / statistics.median(baseline_times)
    print(f"render_pdf / one-page baseline (medians): {ratio:.1f}×")
    print(
        f"peak memory: {peak_pdf / 2**20:.1f} MiB allocated by Python during one PDF render "
        f"(tracemalloc); process maximum resident set {max_rss_mb:.0f} MiB"
    )
    total = statistics.median(build_times) + statistics.median(pdf_times)
    met = "met" if total < TARGET_SECONDS else "NOT met"
    print(
        f"target: report PDF (build + render) under {TARGET_SECONDS:.0f} s — median "
        f"{total:.2f} s: {met}"
    )
    large_pdf(args.cases, REPEATS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
