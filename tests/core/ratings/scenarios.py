"""Seeded rating scenarios over every bundled framework, for checking that results stay the
same: several inspections each, answers to every key question and prompt (outcome scales
included, some n/a, some key questions left unanswered), two case attributes, judged ratings,
departures and aggregated ratings where the framework has them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import numpy as np

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.model import AnswerScale, Framework, RatedBy
from pinspect.ratings.answer import Answer
from pinspect.ratings.answer_table import AnswerTable, CaseAttribute
from pinspect.ratings.departure import OVERALL, Departure
from pinspect.ratings.inspection import rate_inspections
from pinspect.ratings.serialisation import inspection_json
from pinspect.ratings.view import answer_view
from pinspect.scale.rating import Rating
from pinspect.settings import Settings

__all__ = ["Scenario", "scenario_digest", "scenarios"]


@dataclass(frozen=True)
class Scenario:
    name: str
    framework: Framework
    table: AnswerTable
    judged: dict[str, dict[str, Rating]]
    departures: dict[str, list[Departure]]
    aggregate: dict[str, list[Rating]]
    by: tuple[str, ...]


def _scenario(framework: Framework, variant: int) -> Scenario:
    catalogue = bundled_catalogue()
    rng = np.random.default_rng(1000 * variant + len(framework.id))
    view = answer_view(framework, catalogue)
    answerable = [t for t in view.targets if t.accepts_answers()]
    inspections = 3 + variant
    cases_per = [int(rng.integers(2, 30)) for _ in range(inspections)]
    skipped = {t.id for t in answerable if rng.random() < 0.05 * variant}
    rows: list[tuple[int, int, int]] = []
    questions = [t.id for t in answerable if t.id not in skipped]
    case_inspection: list[int] = []
    quality = rng.uniform(0.3, 0.98, size=inspections)
    for inspection, count in enumerate(cases_per):
        for _ in range(count):
            case = len(case_inspection)
            case_inspection.append(inspection)
            for q, target_id in enumerate(questions):
                target = next(t for t in answerable if t.id == target_id)
                draw = rng.random()
                if target.scale is AnswerScale.OUTCOME:
                    answer = [Answer.MET, Answer.PART_MET, Answer.NOT_MET, Answer.NOT_APPLICABLE][
                        int(rng.integers(0, 4))
                    ]
                elif draw < 0.08:
                    answer = Answer.NOT_APPLICABLE
                elif draw < 0.08 + 0.92 * quality[inspection]:
                    answer = Answer.YES
                else:
                    answer = Answer.NO
                rows.append((case, q, int(answer)))
    data = np.asarray(rows, dtype=np.int64).reshape(-1, 3)
    cases = len(case_inspection)
    sex = rng.choice(4, size=cases, p=[0.2, 0.7, 0.05, 0.05]).astype(np.int64) - 1
    ethnicity = rng.choice(4, size=cases, p=[0.1, 0.2, 0.2, 0.5]).astype(np.int64) - 1
    labels = tuple(f"{framework.id}-{i}" for i in range(inspections))
    table = AnswerTable(
        cases=tuple(f"C{i:04d}" for i in range(cases)),
        questions=tuple(questions),
        case=data[:, 0].copy(),
        question=data[:, 1].copy(),
        answer=data[:, 2].copy(),
        inspections=labels,
        case_inspection=np.asarray(case_inspection, dtype=np.int64),
        attributes=(
            CaseAttribute("sex", ("female", "male", "other"), sex),
            CaseAttribute("ethnicity", ("asian", "black", "white"), ethnicity),
        ),
    )
    ratings = list(Rating)
    judged: dict[str, dict[str, Rating]] = {}
    departures: dict[str, list[Departure]] = {}
    aggregate: dict[str, list[Rating]] = {}
    judged_standards = [s.id for s in framework.standards if s.rated_by is RatedBy.JUDGEMENT]
    departable = [s.id for s in framework.standards if s.rated_by is not RatedBy.NOT_RATED]
    has_aggregate = any(
        s.aggregate_of is not None or any(kq.aggregate_of for kq in s.key_questions)
        for s in framework.standards
    )
    for index, label in enumerate(labels):
        if index % 3 != 2:
            judged[label] = {s: ratings[int(rng.integers(0, 4))] for s in judged_standards}
        if index == 1 and departable:
            chosen = departable[int(rng.integers(0, len(departable)))]
            departures[label] = [Departure(chosen, ratings[int(rng.integers(0, 4))], "reasons")]
        if index == 0 and variant == 0 and framework.banding.max_score and judged_standards:
            departures.setdefault(label, []).append(Departure(OVERALL, Rating.GOOD, "panel"))
        if has_aggregate and index != 2:
            aggregate[label] = [ratings[int(rng.integers(0, 4))] for _ in range(5)]
    return Scenario(
        name=f"{framework.id}/{variant}",
        framework=framework,
        table=table,
        judged=judged,
        departures=departures,
        aggregate=aggregate,
        by=("sex", "ethnicity") if variant else ("sex",),
    )


def scenarios() -> list[Scenario]:
    """Three seeded scenarios for each bundled framework."""
    catalogue = bundled_catalogue()
    return [_scenario(catalogue[fid], variant) for fid in sorted(catalogue) for variant in range(3)]


def scenario_digest(scenario: Scenario) -> str:
    """SHA-256 of every inspection's JSON result (every sub-group object built)."""
    results = rate_inspections(
        scenario.framework,
        scenario.table,
        catalogue=bundled_catalogue(),
        settings=Settings(simulation_draws=500),
        judged=scenario.judged,
        departures=scenario.departures,
        aggregate=scenario.aggregate,
        by=scenario.by,
    )
    text = json.dumps([inspection_json(r) for r in results], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()
