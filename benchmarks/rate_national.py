"""Benchmark: rate a national-scale data set and compare with pandas and DuckDB.

150 PDU inspections × 100 cases × every key question and prompt of ``hmip-2023-pdu``
(117 questions, 1.755 million answers), with a breakdown by two case attributes (each alone
and their combination). The same computation is done three ways, in the same process on the
same in-memory data: per inspection and question the yes / no / n/a counts, percentage and
band (001 §4.8); per inspection, question and sub-group the counts and percentage; per
inspection and case-based standard the lowest key question's band (001 §4.10). pinspect (one
call of ``rate_inspections``) also checks every answer (unknown ids, answers that do not fit,
a case answering a question twice), computes each key question's interval, and builds its
result objects; its sub-group counts and suppression are computed as arrays and the group
objects are built when first read (a separate line times building all of them). pinspect's
figure is given with the smallest confidence simulation allowed (100 draws), the like-for-like
figure, and with its default 4000-draw simulation, which the others do not do.

Target (issue 3): pinspect like for like no slower than DuckDB (the faster of its two runs).
Times are the best of five rounds in which the computations take turns, so that a busy spell
of the machine falls on all of them alike; peak memory is what ``tracemalloc`` sees (not
DuckDB's own allocator, so DuckDB's figure is a lower bound). After timing, every count, band
and lowest band of pinspect's results and its shown sub-group counts are checked against
DuckDB's.

Run: ``.venv/bin/python benchmarks/rate_national.py``
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import duckdb
import numpy as np
import pandas as pd

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import RatedBy
from pinspect.ratings.answer_table import AnswerTable, CaseAttribute
from pinspect.ratings.inspection import InspectionResult, rate_inspections
from pinspect.settings import Settings

INSPECTIONS = 150
CASES_PER_INSPECTION = 100
SEED = 2025


class Run(NamedTuple):
    seconds: float
    peak: int
    result: Any


def build_data() -> tuple[AnswerTable, pd.DataFrame, pd.DataFrame]:
    """The answer table, the same answers as a data frame, and per question code the code of
    the case-based standard it is a key question of (−1 for prompts and judged standards)."""
    framework = bundled_catalogue().get_framework("hmip-2023-pdu")
    questions: list[str] = []
    standard_code: list[int] = []
    case_standards = [s for s in framework.standards if s.rated_by is RatedBy.CASES]
    for standard in framework.standards:
        code = case_standards.index(standard) if standard in case_standards else -1
        for kq in standard.key_questions:
            questions.append(kq.id)
            standard_code.append(code)
            for prompt in kq.prompts:
                questions.append(prompt.id)
                standard_code.append(-1)
    rng = np.random.default_rng(SEED)
    cases = INSPECTIONS * CASES_PER_INSPECTION
    q = len(questions)
    case = np.repeat(np.arange(cases, dtype=np.int64), q)
    question = np.tile(np.arange(q, dtype=np.int64), cases)
    inspection_quality = rng.uniform(0.55, 0.95, size=INSPECTIONS)
    p_yes = np.repeat(inspection_quality, CASES_PER_INSPECTION * q)
    draw = rng.random(case.shape[0])
    answer = np.where(draw < p_yes * 0.95, 0, np.where(draw < 0.95, 1, 2)).astype(np.int64)
    case_inspection = np.repeat(np.arange(INSPECTIONS, dtype=np.int64), CASES_PER_INSPECTION)
    sex = rng.choice(3, size=cases, p=[0.85, 0.14, 0.01]).astype(np.int64)
    ethnicity = rng.choice(5, size=cases, p=[0.75, 0.08, 0.1, 0.04, 0.03]).astype(np.int64)
    table = AnswerTable(
        cases=tuple(f"C{i:06d}" for i in range(cases)),
        questions=tuple(questions),
        case=case,
        question=question,
        answer=answer,
        inspections=tuple(f"PDU{i:03d}" for i in range(INSPECTIONS)),
        case_inspection=case_inspection,
        attributes=(
            CaseAttribute("sex", ("female", "male", "other"), sex),
            CaseAttribute("ethnicity", ("asian", "black", "mixed", "other", "white"), ethnicity),
        ),
    )
    frame = pd.DataFrame(
        {
            "inspection": case_inspection[case],
            "question": question,
            "answer": answer,
            "sex": sex[case],
            "ethnicity": ethnicity[case],
        }
    )
    question_standards = pd.DataFrame(
        {"question": np.arange(q, dtype=np.int64), "standard": np.asarray(standard_code)}
    )
    return table, frame, question_standards


def with_pandas(frame: pd.DataFrame, question_standards: pd.DataFrame) -> dict[str, Any]:
    def counts(keys: list[str]) -> pd.DataFrame:
        grouped = frame.groupby([*keys, "answer"]).size().unstack(fill_value=0)
        grouped = grouped.reindex(columns=[0, 1, 2], fill_value=0)
        applicable = grouped[0] + grouped[1]
        grouped["percent"] = 100 * grouped[0] / applicable.where(applicable > 0)
        return grouped

    main = counts(["inspection", "question"])
    main["band"] = np.select(
        [
            100 * main[0] >= 80 * (main[0] + main[1]),
            100 * main[0] >= 65 * (main[0] + main[1]),
            100 * main[0] >= 50 * (main[0] + main[1]),
        ],
        [3, 2, 1],
        0,
    )
    bands = main.reset_index().merge(question_standards, on="question")
    bands = bands[bands["standard"] >= 0]
    lowest = bands.groupby(["inspection", "standard"])["band"].min()
    return {
        "main": main,
        "by_sex": counts(["inspection", "question", "sex"]),
        "by_ethnicity": counts(["inspection", "question", "ethnicity"]),
        "by_both": counts(["inspection", "question", "sex", "ethnicity"]),
        "lowest": lowest,
    }


def with_duckdb(connection: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    def counts(keys: str) -> Any:
        return connection.execute(
            f"""
            SELECT {keys},
                   count(*) FILTER (WHERE answer = 0) AS yes,
                   count(*) FILTER (WHERE answer = 1) AS no,
                   count(*) FILTER (WHERE answer = 2) AS na,
                   100.0 * count(*) FILTER (WHERE answer = 0)
                     / nullif(count(*) FILTER (WHERE answer < 2), 0) AS percent
            FROM answers GROUP BY {keys}
            """
        ).fetchnumpy()

    connection.execute(
        """
        CREATE OR REPLACE TEMP TABLE main AS
        WITH c AS (
          SELECT inspection, question,
                 count(*) FILTER (WHERE answer = 0) AS yes,
                 count(*) FILTER (WHERE answer = 1) AS no,
                 count(*) FILTER (WHERE answer = 2) AS na
          FROM answers GROUP BY inspection, question)
        SELECT *, 100.0 * yes / nullif(yes + no, 0) AS percent,
               CASE WHEN 100 * yes >= 80 * (yes + no) THEN 3
                    WHEN 100 * yes >= 65 * (yes + no) THEN 2
                    WHEN 100 * yes >= 50 * (yes + no) THEN 1 ELSE 0 END AS band
        FROM c
        """
    )
    lowest = connection.execute(
        """
        SELECT m.inspection, q.standard, min(m.band) AS band
        FROM main m JOIN question_standards q USING (question)
        WHERE q.standard >= 0 GROUP BY m.inspection, q.standard
        """
    ).fetchnumpy()
    return {
        "main": connection.execute("SELECT * FROM main").fetchnumpy(),
        "by_sex": counts("inspection, question, sex"),
        "by_ethnicity": counts("inspection, question, ethnicity"),
        "by_both": counts("inspection, question, sex, ethnicity"),
        "lowest": lowest,
    }


def timed(computations: dict[str, Callable[[], Any]], rounds: int = 5) -> dict[str, Run]:
    """Each computation's best wall time over ``rounds`` rounds, the computations taking turns
    in every round so that a busy spell of the machine falls on all of them alike; then the
    peak traced memory of one more run of each."""
    best = dict.fromkeys(computations, float("inf"))
    results: dict[str, Any] = {}
    for _ in range(rounds):
        for name, function in computations.items():
            start = time.perf_counter()
            results[name] = function()
            best[name] = min(best[name], time.perf_counter() - start)
    runs = {}
    for name, function in computations.items():
        tracemalloc.start()
        function()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        runs[name] = Run(best[name], peak, results[name])
    return runs


def check_against_duckdb(
    table: AnswerTable, results: Sequence[InspectionResult], duck: dict[str, Any]
) -> str:
    """Every count and band of every key question and prompt, every standard's lowest band and
    every shown sub-group count (sex × ethnicity) of pinspect agree with DuckDB's."""
    main = duck["main"]
    at = {
        (int(i), int(q)): row
        for row, (i, q) in enumerate(zip(main["inspection"], main["question"], strict=True))
    }
    lowest = {
        (int(i), int(s)): int(b)
        for i, s, b in zip(
            duck["lowest"]["inspection"],
            duck["lowest"]["standard"],
            duck["lowest"]["band"],
            strict=True,
        )
    }
    both = duck["by_both"]
    group_at = {
        (int(i), int(q), int(s), int(e)): row
        for row, (i, q, s, e) in enumerate(
            zip(both["inspection"], both["question"], both["sex"], both["ethnicity"], strict=True)
        )
    }
    sexes = table.attribute("sex").values
    ethnicities = table.attribute("ethnicity").values
    checked = 0
    for index, result in enumerate(results):
        case_standard = 0
        for standard in result.standards:
            for kq in standard.key_questions:
                for item in (kq, *kq.prompts):
                    row = at[(index, table.questions.index(item.id))]
                    found = (int(main["yes"][row]), int(main["no"][row]), int(main["na"][row]))
                    assert found == (item.yes, item.no, item.not_applicable), item.id
                    checked += 1
                if kq.band is not None:
                    row = at[(index, table.questions.index(kq.id))]
                    assert int(main["band"][row]) == int(kq.band), kq.id
            if standard.rated_by is RatedBy.CASES:
                assert standard.computed_rating is not None
                assert lowest[(index, case_standard)] == int(standard.computed_rating)
                case_standard += 1
        pair = result.breakdowns[2]
        for group in pair.groups:
            values = dict(group.values)
            if values["sex"] is None or values["ethnicity"] is None:
                continue
            sex, ethnicity = sexes.index(values["sex"]), ethnicities.index(values["ethnicity"])
            for kq in group.key_questions:
                if kq.suppressed:
                    continue
                row = group_at[(index, table.questions.index(kq.id), sex, ethnicity)]
                found = (int(both["yes"][row]), int(both["no"][row]), int(both["na"][row]))
                assert found == (kq.yes, kq.no, kq.not_applicable), (kq.id, values)
                checked += 1
    return f"{checked:,} counts, every band and every standard's lowest band"


def main() -> None:
    catalogue = bundled_catalogue()
    framework = catalogue.get_framework("hmip-2023-pdu")
    table, frame, question_standards = build_data()
    connections = (duckdb.connect(), duckdb.connect(config={"threads": 1}))
    for connection in connections:
        connection.register("answers", frame)
        connection.register("question_standards", question_standards)
    by = ("sex", "ethnicity")
    print(
        f"{table.rows:,} answers: {INSPECTIONS} inspections × {CASES_PER_INSPECTION} cases × "
        f"{len(table.questions)} questions; breakdown by {', '.join(by)} and both"
    )

    def pinspect(draws: int) -> tuple[InspectionResult, ...]:
        settings = Settings(simulation_draws=draws)
        return rate_inspections(framework, table, catalogue=catalogue, settings=settings, by=by)

    def pinspect_every_object() -> tuple[InspectionResult, ...]:
        results = pinspect(100)
        for result in results:
            for breakdown in result.breakdowns:
                _ = breakdown.groups
        return results

    like_for_like = "pinspect (like for like)"
    runs = timed(
        {
            "duckdb SQL": lambda: with_duckdb(connections[0]),
            "duckdb SQL, one thread": lambda: with_duckdb(connections[1]),
            "pandas groupby": lambda: with_pandas(frame, question_standards),
            like_for_like: lambda: pinspect(100),
            "pinspect, every sub-group object built": pinspect_every_object,
            "pinspect with 4000-draw confidence": lambda: pinspect(4000),
        }
    )
    baseline = runs["duckdb SQL"].seconds
    print(f"{'computation':40} {'seconds':>8} {'peak MiB':>9} {'× duckdb':>9}")
    for name, run in runs.items():
        print(f"{name:40} {run.seconds:8.3f} {run.peak / 2**20:9.1f} {run.seconds / baseline:9.2f}")
    # A benchmark of a wrong answer would be worthless: pinspect must agree with DuckDB.
    checked = check_against_duckdb(table, runs[like_for_like].result, runs["duckdb SQL"].result)
    print(f"check: pinspect and DuckDB agree on {checked}")
    fastest = min(runs["duckdb SQL"].seconds, runs["duckdb SQL, one thread"].seconds)
    ratio = runs[like_for_like].seconds / fastest
    verdict = "MET" if ratio <= 1 else "MISSED"
    print(
        f"target (like for like no slower than DuckDB's faster run): {verdict}: "
        f"pinspect {runs[like_for_like].seconds:.3f} s = {ratio:.2f} × DuckDB {fastest:.3f} s"
    )


if __name__ == "__main__":
    main()
