"""Benchmark: rate a national-scale data set and compare with pandas and DuckDB.

150 PDU inspections × 100 cases × every key question and prompt of ``hmip-2023-pdu``
(117 questions, 1.755 million answers), with a breakdown by two case attributes (each alone
and their combination). The same computation — per inspection and question: yes / no / n/a
counts, percentage, band; per sub-group: counts and percentage; per standard the lowest key
question's band; the overall score — is then done in a straightforward pandas groupby and in
DuckDB SQL, in the same process on the same in-memory data. Prints times, peak memory and
ratios. pinspect's figure is given twice: with its default confidence simulation (which the
others do not do) and with the smallest simulation allowed, the like-for-like figure.

Run: ``.venv/bin/python benchmarks/rate_national.py``
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from pinspect.frameworks import bundled_catalogue
from pinspect.ratings.answer_table import AnswerTable, CaseAttribute
from pinspect.ratings.inspection import rate_inspections
from pinspect.settings import Settings

INSPECTIONS = 150
CASES_PER_INSPECTION = 100
SEED = 2025


def build_data() -> tuple[AnswerTable, pd.DataFrame, dict[str, str]]:
    framework = bundled_catalogue().get_framework("hmip-2023-pdu")
    questions: list[str] = []
    kq_of: dict[str, str] = {}
    standard_of: dict[str, str] = {}
    for standard in framework.standards:
        for kq in standard.key_questions:
            questions.append(kq.id)
            kq_of[kq.id] = kq.id
            standard_of[kq.id] = standard.id
            for prompt in kq.prompts:
                questions.append(prompt.id)
                kq_of[prompt.id] = kq.id
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
    frame["kq"] = [questions.index(kq_of[qid]) for qid in questions] * cases
    names = {str(i): qid for i, qid in enumerate(questions)}
    names.update({f"standard:{k}": v for k, v in standard_of.items()})
    return table, frame, names


def with_pandas(frame: pd.DataFrame) -> dict[str, Any]:
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
    kq_bands = main.reset_index()
    kq_bands = kq_bands[kq_bands["question"].isin(frame["kq"].unique())]
    lowest = kq_bands.groupby("inspection")["band"].min()
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

    main = connection.execute(
        """
        WITH c AS (
          SELECT inspection, question, kq,
                 count(*) FILTER (WHERE answer = 0) AS yes,
                 count(*) FILTER (WHERE answer = 1) AS no,
                 count(*) FILTER (WHERE answer = 2) AS na
          FROM answers GROUP BY inspection, question, kq)
        SELECT *, 100.0 * yes / nullif(yes + no, 0) AS percent,
               CASE WHEN 100 * yes >= 80 * (yes + no) THEN 3
                    WHEN 100 * yes >= 65 * (yes + no) THEN 2
                    WHEN 100 * yes >= 50 * (yes + no) THEN 1 ELSE 0 END AS band
        FROM c
        """
    ).fetchnumpy()
    return {
        "main": main,
        "by_sex": counts("inspection, question, sex"),
        "by_ethnicity": counts("inspection, question, ethnicity"),
        "by_both": counts("inspection, question, sex, ethnicity"),
    }


def timed(function: Callable[[], Any], repeat: int = 3) -> tuple[float, int, Any]:
    """Best wall time of ``repeat`` runs, and the peak traced memory of one run."""
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak, result


def main() -> None:
    catalogue = bundled_catalogue()
    framework = catalogue.get_framework("hmip-2023-pdu")
    table, frame, _ = build_data()
    connection = duckdb.connect()
    connection.register("answers", frame)
    single = duckdb.connect(config={"threads": 1})
    single.register("answers", frame)
    by = ("sex", "ethnicity")
    print(
        f"{table.rows:,} answers: {INSPECTIONS} inspections × {CASES_PER_INSPECTION} cases × "
        f"{len(table.questions)} questions; breakdown by {', '.join(by)} and both"
    )

    def pinspect_full() -> Any:
        return rate_inspections(framework, table, catalogue=catalogue, settings=Settings(), by=by)

    def pinspect_like_for_like() -> Any:
        settings = Settings(simulation_draws=100)
        return rate_inspections(framework, table, catalogue=catalogue, settings=settings, by=by)

    runs = {
        "duckdb SQL": timed(lambda: with_duckdb(connection)),
        "duckdb SQL, one thread": timed(lambda: with_duckdb(single)),
        "pandas groupby": timed(lambda: with_pandas(frame)),
        "pinspect (like for like)": timed(pinspect_like_for_like),
        "pinspect (with 4000-draw confidence)": timed(pinspect_full, repeat=1),
    }
    baseline = runs["duckdb SQL"][0]
    print(f"{'computation':40} {'seconds':>8} {'peak MiB':>9} {'× duckdb':>9}")
    for name, (seconds, peak, _) in runs.items():
        print(f"{name:40} {seconds:8.3f} {peak / 2**20:9.1f} {seconds / baseline:9.2f}")
    # The three agree on the counts: a benchmark of a wrong answer would be worthless.
    results = runs["pinspect (like for like)"][2]
    first = results[0].as_dict()
    kq = first["standards"][3]["key_questions"][0]
    duck = runs["duckdb SQL"][2]["main"]
    code = table.questions.index(kq["id"])
    row = np.flatnonzero((duck["inspection"] == 0) & (duck["question"] == code))[0]
    assert (int(duck["yes"][row]), int(duck["no"][row])) == (kq["yes"], kq["no"]), "counts differ"
    print("check: pinspect and DuckDB agree on the counts of", kq["id"], "in", table.inspections[0])


if __name__ == "__main__":
    main()
