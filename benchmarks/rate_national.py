"""Benchmark: rate a national data set, against DuckDB and Polars doing the same work.

150 PDU inspections × 100 cases × every key question and prompt of ``hmip-2023-pdu`` (117
questions, 1.755 million answers), then 16 times the inspections (2,400 × 100 cases, 28.1
million answers), each case with two attributes (sex, ethnicity).

The work, identical on every side and checked equal after timing:

* per inspection and question (all 117): the yes / no / n/a counts;
* per inspection and case-based key question (12): the band (001 §4.8) and the Wilson
  interval at the framework's 80% level;
* per inspection and case-based standard (4): the lowest key question's band, or "not rated"
  when a key question has no applicable case (001 §4.10);
* per inspection, case-based key question and sub-group, by sex, by ethnicity and by both
  (003 §3.5): the counts, hidden where fewer than ``suppress_below`` (5) cases apply, and the
  cases in each group, hidden below 5 likewise.

DuckDB and Polars each scan the answers once (one GROUP BY over inspection, question, sex and
ethnicity) and derive every output from that aggregate, as pinspect does from its one count.
Loading is counted on neither side: the answers are in memory before timing (pinspect's
integer-coded answer table; an Arrow table for DuckDB; a Polars data frame with the narrowest
integer types, which suits both engines). pinspect also checks every answer (unknown ids,
answers that do not fit, a case answering a question twice), which the others do not.

pinspect's like-for-like figure is one call of ``rate_inspections``: every figure above as
arrays, the result objects of an inspection built when read. At the first size, separate lines
time building every inspection's result objects (sub-groups included) with the confidence
simulation (100 draws, and the default 4000), which the others do not do; they are timed after
the comparison, in rounds of their own, so that the compared runs are timed alike at both
sizes.

Each computation runs ``--rounds`` times (default 9), the computations taking turns in every
round so that a busy spell of the machine falls on all of them alike, each after a quarter of
a second's pause in which the thread pools of the one before go idle; medians are reported,
with the CPU time of the process (all threads) and the load average before and after: on a
shared machine the wall times of the multi-threaded engines suffer most. Targets (issue 16):
pinspect ≤ 0.7 × the faster of DuckDB and Polars at both sizes, and pinspect's time at 16× the
inspections within 20% of 16 times its time at the first size.

Run: ``.venv/bin/python benchmarks/rate_national.py [--rounds N] [--inspections N] [--scale K]``
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import duckdb
import numpy as np
import numpy.typing as npt
import polars as pl

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import Framework, RatedBy
from pinspect.ratings.answer_table import AnswerTable, CaseAttribute
from pinspect.ratings.inspection import InspectionResults, rate_inspections
from pinspect.settings import Settings
from pinspect.stats.interval import z_for_confidence

CASES_PER_INSPECTION = 100
SEED = 2025
SUPPRESS_BELOW = Settings().suppress_below
SEXES = ("female", "male", "other")
ETHNICITIES = ("asian", "black", "mixed", "other", "white")
TARGET_RATIO = 0.7
SCALING_TOLERANCE = 0.2

IntArray = npt.NDArray[np.int64]


class Data(NamedTuple):
    table: AnswerTable
    frame: pl.DataFrame
    key_questions: pl.DataFrame
    cases: pl.DataFrame


def build_data(framework: Framework, inspections: int) -> Data:
    """The answer table; the same answers as a data frame; the case-based key questions with
    their standard's position; one row per case with its inspection and attributes."""
    questions: list[str] = []
    key_question_rows: list[tuple[int, int]] = []
    case_standards = [s for s in framework.standards if s.rated_by is RatedBy.CASES]
    for standard in framework.standards:
        for kq in standard.key_questions:
            if standard in case_standards:
                key_question_rows.append((len(questions), case_standards.index(standard)))
            questions.append(kq.id)
            questions.extend(prompt.id for prompt in kq.prompts)
    rng = np.random.default_rng(SEED)
    cases = inspections * CASES_PER_INSPECTION
    q = len(questions)
    case = np.repeat(np.arange(cases, dtype=np.int64), q)
    question = np.tile(np.arange(q, dtype=np.int64), cases)
    inspection_quality = rng.uniform(0.55, 0.95, size=inspections)
    p_yes = np.repeat(inspection_quality, CASES_PER_INSPECTION * q)
    draw = rng.random(case.shape[0])
    answer = np.where(draw < p_yes * 0.95, 0, np.where(draw < 0.95, 1, 2)).astype(np.int64)
    del p_yes, draw
    case_inspection = np.repeat(np.arange(inspections, dtype=np.int64), CASES_PER_INSPECTION)
    sex = rng.choice(3, size=cases, p=[0.14, 0.85, 0.01]).astype(np.int64)
    ethnicity = rng.choice(5, size=cases, p=[0.08, 0.1, 0.04, 0.03, 0.75]).astype(np.int64)
    table = AnswerTable(
        cases=tuple(f"C{i:07d}" for i in range(cases)),
        questions=tuple(questions),
        case=case,
        question=question,
        answer=answer,
        inspections=tuple(f"PDU{i:04d}" for i in range(inspections)),
        case_inspection=case_inspection,
        attributes=(
            CaseAttribute("sex", SEXES, sex),
            CaseAttribute("ethnicity", ETHNICITIES, ethnicity),
        ),
    )
    frame = pl.DataFrame(
        {
            "inspection": np.repeat(case_inspection.astype(np.int32), q),
            "question": question.astype(np.int16),
            "answer": answer.astype(np.int8),
            "sex": np.repeat(sex.astype(np.int8), q),
            "ethnicity": np.repeat(ethnicity.astype(np.int8), q),
        }
    )
    key_questions = pl.DataFrame(
        key_question_rows, schema={"question": pl.Int16, "standard": pl.Int64}, orient="row"
    )
    case_frame = pl.DataFrame(
        {
            "inspection": case_inspection.astype(np.int32),
            "sex": sex.astype(np.int8),
            "ethnicity": ethnicity.astype(np.int8),
        }
    )
    return Data(table, frame, key_questions, case_frame)


# DuckDB --------------------------------------------------------------------------------------


def _band_sql(framework: Framework) -> str:
    """001 §4.8 in integer arithmetic, as pinspect's band rule (exact or whole-percent)."""
    exact = framework.percentage_rounding.value == "exact"

    def reaches(bound: int) -> str:
        if exact:
            return f"100 * yes >= {bound} * (yes + no)"
        return f"200 * yes >= {2 * bound - 1} * (yes + no)"

    return (
        f"CASE WHEN yes + no = 0 THEN -1 WHEN {reaches(80)} THEN 3 WHEN {reaches(65)} THEN 2 "
        f"WHEN {reaches(50)} THEN 1 ELSE 0 END"
    )


def _wilson_sql(z: float) -> tuple[str, str]:
    z2 = z * z
    n = "(yes + no)::DOUBLE"
    p = f"(yes / {n})"
    centre = f"(({p} + {z2!r} / (2 * {n})) / (1 + {z2!r} / {n}))"
    half = f"({z!r} * sqrt({p} * (1 - {p}) / {n} + {z2!r} / (4 * {n} * {n})) / (1 + {z2!r} / {n}))"
    none = "WHEN yes + no = 0 THEN NULL"
    low = f"CASE {none} WHEN yes = 0 THEN 0 ELSE 100 * greatest(0, {centre} - {half}) END"
    high = f"CASE {none} WHEN no = 0 THEN 100 ELSE 100 * least(1, {centre} + {half}) END"
    return low, high


def with_duckdb(connection: duckdb.DuckDBPyConnection, framework: Framework) -> dict[str, Any]:
    low, high = _wilson_sql(z_for_confidence(framework.confidence_level))
    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE g AS
        SELECT inspection, question, sex, ethnicity,
               count(*) FILTER (WHERE answer = 0) AS yes,
               count(*) FILTER (WHERE answer = 1) AS no,
               count(*) FILTER (WHERE answer = 2) AS na
        FROM answers GROUP BY ALL
        """
    )
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE kq AS
        WITH m AS (
          SELECT inspection, question, sum(yes) AS yes, sum(no) AS no, sum(na) AS na
          FROM g SEMI JOIN key_questions USING (question) GROUP BY ALL)
        SELECT m.*, k.standard, {_band_sql(framework)} AS band, {low} AS low, {high} AS high
        FROM m JOIN key_questions k USING (question)
        """
    )

    def groups(keys: str) -> Any:
        return connection.execute(
            f"""
            WITH s AS (SELECT inspection, question, {keys}, sum(yes) AS yes, sum(no) AS no,
                              sum(na) AS na
                       FROM g SEMI JOIN key_questions USING (question) GROUP BY ALL)
            SELECT inspection, question, {keys},
                   CASE WHEN yes + no < {SUPPRESS_BELOW} THEN NULL ELSE yes END AS yes,
                   CASE WHEN yes + no < {SUPPRESS_BELOW} THEN NULL ELSE no END AS no,
                   CASE WHEN yes + no < {SUPPRESS_BELOW} THEN NULL ELSE na END AS na
            FROM s
            """
        ).fetchnumpy()

    def cases(keys: str) -> Any:
        return connection.execute(
            f"""
            SELECT inspection, {keys},
                   CASE WHEN count(*) < {SUPPRESS_BELOW} THEN NULL ELSE count(*) END AS cases
            FROM cases GROUP BY ALL
            """
        ).fetchnumpy()

    return {
        "main": connection.execute(
            "SELECT inspection, question, sum(yes) AS yes, sum(no) AS no, sum(na) AS na "
            "FROM g GROUP BY ALL"
        ).fetchnumpy(),
        "kq": connection.execute("SELECT * FROM kq").fetchnumpy(),
        "lowest": connection.execute(
            "SELECT inspection, standard, CASE WHEN bool_or(band < 0) THEN -1 ELSE min(band) END "
            "AS rating FROM kq GROUP BY ALL"
        ).fetchnumpy(),
        "groups": {
            ("sex",): groups("sex"),
            ("ethnicity",): groups("ethnicity"),
            ("sex", "ethnicity"): groups("sex, ethnicity"),
        },
        "cases": {
            ("sex",): cases("sex"),
            ("ethnicity",): cases("ethnicity"),
            ("sex", "ethnicity"): cases("sex, ethnicity"),
        },
    }


# Polars --------------------------------------------------------------------------------------


def with_polars(data: Data, framework: Framework) -> dict[str, Any]:
    answer = pl.col("answer")
    g = (
        data.frame.lazy()
        .group_by("inspection", "question", "sex", "ethnicity")
        .agg(
            yes=(answer == 0).sum().cast(pl.Int64),
            no=(answer == 1).sum().cast(pl.Int64),
            na=(answer == 2).sum().cast(pl.Int64),
        )
        .collect()
        .lazy()
    )
    yes, no = pl.col("yes"), pl.col("no")
    n = yes + no
    exact = framework.percentage_rounding.value == "exact"

    def reaches(bound: int) -> pl.Expr:
        return 100 * yes >= bound * n if exact else 200 * yes >= (2 * bound - 1) * n

    band = (
        pl.when(n == 0)
        .then(-1)
        .when(reaches(80))
        .then(3)
        .when(reaches(65))
        .then(2)
        .when(reaches(50))
        .then(1)
        .otherwise(0)
    )
    z = z_for_confidence(framework.confidence_level)
    z2 = z * z
    nf = n.cast(pl.Float64)
    p = yes / nf
    centre = (p + z2 / (2 * nf)) / (1 + z2 / nf)
    half = z * (p * (1 - p) / nf + z2 / (4 * nf * nf)).sqrt() / (1 + z2 / nf)
    low = pl.when(n == 0).then(None).when(yes == 0).then(0.0)
    low = low.otherwise(100 * pl.max_horizontal(0.0, centre - half))
    high = pl.when(n == 0).then(None).when(no == 0).then(100.0)
    high = high.otherwise(100 * pl.min_horizontal(1.0, centre + half))
    sums = [pl.col(c).sum() for c in ("yes", "no", "na")]
    kq_answers = g.join(data.key_questions.lazy(), on="question", how="semi")
    kq = (
        kq_answers.group_by("inspection", "question")
        .agg(sums)
        .join(data.key_questions.lazy(), on="question")
        .with_columns(band=band, low=low, high=high)
    )
    lowest = kq.group_by("inspection", "standard").agg(
        rating=pl.when((pl.col("band") < 0).any()).then(-1).otherwise(pl.col("band").min())
    )
    hidden = n < SUPPRESS_BELOW

    def groups(keys: list[str]) -> pl.LazyFrame:
        summed = kq_answers.group_by("inspection", "question", *keys).agg(sums)
        return summed.with_columns(
            [pl.when(hidden).then(None).otherwise(pl.col(c)).alias(c) for c in ("yes", "no", "na")]
        )

    def cases(keys: list[str]) -> pl.LazyFrame:
        counted = data.cases.lazy().group_by("inspection", *keys).len("cases")
        cases = pl.col("cases")
        return counted.with_columns(
            cases=pl.when(cases < SUPPRESS_BELOW).then(None).otherwise(cases)
        )

    sets = (("sex",), ("ethnicity",), ("sex", "ethnicity"))
    frames = pl.collect_all(
        [
            g.group_by("inspection", "question").agg(sums),
            kq,
            lowest,
            *(groups(list(keys)) for keys in sets),
            *(cases(list(keys)) for keys in sets),
        ]
    )
    return {
        "main": frames[0],
        "kq": frames[1],
        "lowest": frames[2],
        "groups": dict(zip(sets, frames[3:6], strict=True)),
        "cases": dict(zip(sets, frames[6:9], strict=True)),
    }


# Checking ------------------------------------------------------------------------------------


def _columns(result: Any) -> dict[str, np.ndarray[Any, Any]]:
    """A DuckDB numpy fetch or a Polars frame as plain numpy columns (None → NaN / −1)."""
    if isinstance(result, pl.DataFrame):
        return {
            name: result[name].to_numpy().astype(np.float64)
            if result[name].null_count()
            else result[name].to_numpy()
            for name in result.columns
        }
    columns: dict[str, np.ndarray[Any, Any]] = {}
    for name, values in result.items():
        if isinstance(values, np.ma.MaskedArray):
            columns[name] = values.astype(np.float64).filled(np.nan)
        else:
            columns[name] = np.asarray(values)
    return columns


def _equal_counts(found: np.ndarray[Any, Any], expected: np.ndarray[Any, Any], what: str) -> None:
    if not np.array_equal(np.asarray(found, np.float64), expected, equal_nan=True):
        raise AssertionError(f"{what} differ")


def check(results: InspectionResults, other: dict[str, Any], name: str, table: AnswerTable) -> int:
    """Every output of ``other`` equals pinspect's; returns the number of figures compared."""
    counts = results.counts.counts
    view = results.counts.view
    question_target = np.asarray([view.feeds[q] for q in table.questions], dtype=np.int64)
    compared = 0
    main = _columns(other["main"])
    rows = (main["inspection"].astype(np.int64), question_target[main["question"].astype(int)])
    for answer, column in enumerate(("yes", "no", "na")):
        _equal_counts(main[column], counts[(*rows, answer)], f"{name}: main {column} counts")
    if main["yes"].shape[0] != counts.shape[0] * counts.shape[1]:
        raise AssertionError(f"{name}: not every inspection and question was counted")
    compared += 3 * main["yes"].shape[0]
    figures = results.figures
    kq = _columns(other["kq"])
    column_of = {
        view.target_index(figures.framework, kq_id): c
        for c, kq_id in enumerate(figures.key_questions)
    }
    kq_rows = (
        kq["inspection"].astype(np.int64),
        np.asarray([column_of[int(question_target[q])] for q in kq["question"].astype(int)]),
    )
    _equal_counts(kq["band"], figures.bands[kq_rows], f"{name}: bands")
    for column, mine in (("low", figures.interval_low), ("high", figures.interval_high)):
        if not np.allclose(kq[column], mine[kq_rows], rtol=0, atol=1e-9, equal_nan=True):
            raise AssertionError(f"{name}: interval {column} differs")
    compared += 3 * kq["band"].shape[0]
    lowest = _columns(other["lowest"])
    _equal_counts(
        lowest["rating"],
        figures.ratings[lowest["inspection"].astype(np.int64), lowest["standard"].astype(int)],
        f"{name}: lowest bands",
    )
    compared += lowest["rating"].shape[0]
    for counted, group_figures in zip(
        results.breakdown_counts, results.breakdown_figures, strict=True
    ):
        by = counted.by
        theirs = _columns(other["groups"][by])
        width = [len(SEXES) + 1 if n == "sex" else len(ETHNICITIES) + 1 for n in by]
        group = theirs[by[0]].astype(np.int64)
        if len(by) == 2:
            group = group * width[1] + theirs[by[1]].astype(np.int64)
        kq_column = {
            view.target_index(figures.framework, kq_id): c
            for c, kq_id in enumerate(group_figures.ids)
        }
        at = (
            theirs["inspection"].astype(np.int64),
            group,
            np.asarray(
                [kq_column[int(question_target[q])] for q in theirs["question"].astype(int)]
            ),
        )
        hidden = group_figures.suppressed[at]
        for column, mine in (
            ("yes", group_figures.yes),
            ("no", group_figures.no),
            ("na", group_figures.not_applicable),
        ):
            _equal_counts(
                theirs[column], np.where(hidden, np.nan, mine[at]), f"{name}: {by} {column}"
            )
        listed = np.zeros(group_figures.yes.shape, dtype=bool)
        listed[at] = True
        if np.any(group_figures.cases[~listed.any(axis=2)] > 0):
            raise AssertionError(f"{name}: pinspect has cases in a group the other lacks")
        compared += 3 * at[0].shape[0]
        theirs_cases = _columns(other["cases"][by])
        case_group = theirs_cases[by[0]].astype(np.int64)
        if len(by) == 2:
            case_group = case_group * width[1] + theirs_cases[by[1]].astype(np.int64)
        case_at = (theirs_cases["inspection"].astype(np.int64), case_group)
        mine_cases = np.where(
            group_figures.cases_suppressed[case_at], np.nan, group_figures.cases[case_at]
        )
        _equal_counts(theirs_cases["cases"], mine_cases, f"{name}: {by} cases")
        compared += case_at[0].shape[0]
    return compared


# Timing --------------------------------------------------------------------------------------


class Timing(NamedTuple):
    median: float
    low: float
    cpu: float
    result: Any


SETTLE_SECONDS = 0.25


def timed(computations: dict[str, Callable[[], Any]], rounds: int) -> dict[str, Timing]:
    """Each computation's wall times over ``rounds`` rounds, taking turns in every round, and
    the median CPU time of the process (every thread) during each run."""
    times: dict[str, list[float]] = {name: [] for name in computations}
    cpu: dict[str, list[float]] = {name: [] for name in computations}
    results: dict[str, Any] = {}
    for _ in range(rounds):
        for name, function in computations.items():
            results.pop(name, None)
            gc.collect()
            # The thread pools of the computation before (DuckDB's, Polars', pinspect's) spin
            # a moment after their work before they sleep: let them, so that no computation
            # is timed while another's threads still hold a processor.
            time.sleep(SETTLE_SECONDS)
            start, start_cpu = time.perf_counter(), time.process_time()
            results[name] = function()
            times[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - start_cpu)
    return {
        name: Timing(
            statistics.median(values), min(values), statistics.median(cpu[name]), results[name]
        )
        for name, values in times.items()
    }


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def run_size(
    framework: Framework, inspections: int, rounds: int, *, full_simulation: bool
) -> dict[str, Timing]:
    catalogue = bundled_catalogue()
    data = build_data(framework, inspections)
    connection = duckdb.connect()
    connection.register("answers", data.frame.to_arrow())
    connection.register("key_questions", data.key_questions.to_arrow())
    connection.register("cases", data.cases.to_arrow())
    by = ("sex", "ethnicity")
    print(
        f"\n{data.table.rows:,} answers: {inspections:,} inspections × {CASES_PER_INSPECTION} "
        f"cases × {len(data.table.questions)} questions; sub-groups by sex, ethnicity and both; "
        f"load average before {load()}"
    )

    def pinspect(draws: int = 100) -> InspectionResults:
        settings = Settings(simulation_draws=draws)
        return rate_inspections(
            framework, data.table, catalogue=catalogue, settings=settings, by=by
        )

    def every_object(draws: int) -> Callable[[], InspectionResults]:
        def run() -> InspectionResults:
            results = pinspect(draws)
            for result in results:
                for breakdown in result.breakdowns:
                    _ = breakdown.groups
            return results

        return run

    computations: dict[str, Callable[[], Any]] = {
        "duckdb SQL": lambda: with_duckdb(connection, framework),
        "polars": lambda: with_polars(data, framework),
        "pinspect": pinspect,
    }
    runs = timed(computations, rounds)
    if full_simulation:
        # Timed apart, after the comparison: in its rounds they would churn the memory
        # between the compared runs at this size and not at the other.
        extras = {
            "pinspect, every result object, 100 draws": every_object(100),
            "pinspect, every result object, 4000 draws": every_object(4000),
        }
        runs.update(timed(extras, rounds))
    fastest = min(runs["duckdb SQL"].median, runs["polars"].median)
    print(
        f"{'computation':44} {'median s':>9} {'best s':>8} {'CPU s':>8} {'× faster baseline':>18}"
    )
    for name, run in runs.items():
        print(
            f"{name:44} {run.median:9.3f} {run.low:8.3f} {run.cpu:8.3f} "
            f"{run.median / fastest:18.2f}"
        )
    for name in ("duckdb SQL", "polars"):
        compared = check(runs["pinspect"].result, runs[name].result, name, data.table)
        print(f"check: pinspect and {name} agree on all {compared:,} figures")
    print(f"load average after {load()}")
    connection.close()
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--inspections", type=int, default=150)
    parser.add_argument("--scale", type=int, default=16)
    args = parser.parse_args()
    framework = bundled_catalogue().get_framework("hmip-2023-pdu")
    small = run_size(framework, args.inspections, args.rounds, full_simulation=True)
    large = run_size(framework, args.inspections * args.scale, args.rounds, full_simulation=False)
    print()
    verdicts = []
    for label, runs in (("national data set", small), (f"{args.scale}× the inspections", large)):
        fastest = min(runs["duckdb SQL"].median, runs["polars"].median)
        ratio = runs["pinspect"].median / fastest
        verdict = "MET" if ratio <= TARGET_RATIO else "MISSED"
        verdicts.append(verdict)
        print(
            f"target (pinspect ≤ {TARGET_RATIO} × the faster of DuckDB and Polars), {label}: "
            f"{verdict}: {runs['pinspect'].median:.3f} s = {ratio:.2f} × {fastest:.3f} s"
        )
    for name in ("pinspect", "duckdb SQL", "polars"):
        growth = large[name].median / small[name].median
        cpu_growth = large[name].cpu / small[name].cpu
        print(
            f"time at {args.scale}× the inspections ÷ time at 1×, {name}: {growth:.1f} "
            f"(CPU time {cpu_growth:.1f})"
        )
    growth = large["pinspect"].median / small["pinspect"].median
    linear = abs(growth - args.scale) <= SCALING_TOLERANCE * args.scale
    print(
        f"target (pinspect's growth within {SCALING_TOLERANCE:.0%} of {args.scale}): "
        f"{'MET' if linear else 'MISSED'}: {growth:.1f}"
    )


if __name__ == "__main__":
    main()
