"""The core's calibration figures in words, for QA's pages and an inspector's own page.

Seed 001 §4.13. An inspector's context holds only their own figures and the peers' aggregate
figures (kappa, AC1, raw agreement), never another named inspector's answers or figures;
QA's holds every inspector's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pinspect.charts import LineChart
from pinspect.consistency.calibration import (
    Calibration,
    CalibrationPoint,
    ExerciseResult,
    InspectorSeries,
    MarkerQuestion,
    share,
)
from pinspect.consistency.calibration_chart import calibration_chart, position
from pinspect.ratings.answer import Answer
from pinspect.web.assessments.questions import CaseQuestions
from pinspect.web.consistency.figure_words import agreement_words
from pinspect.web.frameworks import catalogue

__all__ = ["exercise_context", "inspector_context", "percent", "qa_context"]

_FIGURES = {"ac1": "AC1", "kappa": "kappa", "raw": "raw agreement", "alpha": "alpha"}
_WORDS = {Answer.YES: "Yes", Answer.NO: "No", Answer.NOT_APPLICABLE: "Not applicable"}


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _of(agreeing: int, compared: int) -> str:
    if not compared:
        return "none compared"
    return f"{agreeing} of {compared} ({percent(agreeing / compared)})"


def _answer(answer: Answer | None) -> str:
    # Answer.YES is 0: compared with None, never by truth.
    return "—" if answer is None else _WORDS.get(answer, answer.word)


def _judgement(mine: MarkerQuestion) -> str:
    if mine.judgement_matches is None:
        return "Not compared"
    reference = _answer(mine.reference_judgement)
    if mine.judgement_matches:
        return f"Matched the reference ({reference})"
    judged = _answer(mine.judgement)
    return f"Differed: {judged}, the reference {reference}"


def _peers(mine: MarkerQuestion) -> str:
    if not mine.peer_compared:
        return "No peer has marked it yet"
    return f"{percent(mine.with_peers)} of peers' answers agreed with yours"


def _judgement_shares(
    series: Sequence[InspectorSeries], pooled: InspectorSeries
) -> list[float | None]:
    """Per point of ``pooled``: the share of key questions whose judgement matched."""
    shares = []
    for point in pooled.points:
        found = [
            p.judgement_matches
            for s in series
            if s.question is not None
            for p in s.points
            if p.exercise == point.exercise and p.judgement_matches is not None
        ]
        shares.append(share(sum(found), len(found)))
    return shares


def _over_time(
    calibration: Calibration, marker: str, who: str
) -> tuple[LineChart, list[dict[str, Any]], list[str]]:
    """The chart, a row per key question (a cell per exercise) and the columns."""
    series = calibration.series_of(marker)
    pooled = next(s for s in series if s.question is None)
    chart = calibration_chart(pooled, _judgement_shares(series, pooled), who)
    columns = [position(p.title, p.marked_on.isoformat()) for p in pooled.points]
    framework = catalogue()[calibration.framework]
    rows = []
    for item in series:
        if item.question is None:
            continue
        by_exercise: dict[str, CalibrationPoint] = {p.exercise: p for p in item.points}
        cells = []
        for point in pooled.points:
            mine = by_exercise.get(point.exercise)
            if mine is None:
                cells.append("—")
                continue
            matched = {True: "judgement matched", False: "judgement differed", None: ""}
            cells.append(
                f"{percent(mine.with_reference)} of prompts; {matched[mine.judgement_matches]}"
            )
        rows.append(
            {
                "id": item.question,
                "text": framework.key_question(item.question).text,
                "cells": cells,
            }
        )
    return chart, rows, columns


def inspector_context(calibrations: Sequence[Calibration], marker: str) -> dict[str, Any]:
    """``marker``'s own figures per exercise and key question, the peers' aggregates, and
    their figures over time, per framework."""
    sections = []
    for calibration in calibrations:
        if marker not in calibration.markers:
            continue
        framework = catalogue()[calibration.framework]
        exercises = []
        for result in calibration.exercises:
            if marker not in result.markers:
                continue
            rows = []
            for question in result.questions:
                mine = question.of(marker)
                if mine is None:
                    continue
                rows.append(
                    {
                        "id": question.question,
                        "text": framework.key_question(question.question).text,
                        "prompts": _of(mine.prompts_agreeing, mine.prompts_compared),
                        "judgement": _judgement(mine),
                        "peers": _peers(mine),
                        "figures": None
                        if question.peers is None
                        else agreement_words(question.peers),
                        "flagged": question.peers_flagged,
                    }
                )
            exercises.append({"title": result.title, "markers": len(result.markers), "rows": rows})
        chart, rows, columns = _over_time(calibration, marker, "Your")
        sections.append(
            {
                "framework": framework.title,
                "exercises": list(reversed(exercises)),
                "chart": chart,
                "chart_id": f"calibration-{calibration.framework}",
                "over_time": rows,
                "columns": columns,
            }
        )
    return {"sections": sections, **_flag_words(calibrations)}


def _flag_words(calibrations: Sequence[Calibration]) -> dict[str, Any]:
    if not calibrations:
        return {"flag_figure": "", "flag_below": None}
    first = calibrations[0]
    return {"flag_figure": _FIGURES[first.flag_figure], "flag_below": first.flag_below}


def _marker_rows(result: ExerciseResult) -> list[dict[str, Any]]:
    rows = []
    for marker in result.markers:
        mine = [m for q in result.questions if (m := q.of(marker)) is not None]
        judged = [m.judgement_matches for m in mine if m.judgement_matches is not None]
        rows.append(
            {
                "marker": marker,
                "prompts": _of(
                    sum(m.prompts_agreeing for m in mine), sum(m.prompts_compared for m in mine)
                ),
                "judgements": _of(sum(judged), len(judged)),
                "peers": _of(
                    sum(m.peer_agreeing for m in mine), sum(m.peer_compared for m in mine)
                ),
            }
        )
    return rows


def exercise_context(
    calibration: Calibration, exercise: Any, questions: CaseQuestions
) -> dict[str, Any]:
    """QA's view of one published exercise: per key question, how many inspectors' judgements
    matched the reference, the mean prompt agreement, the peers' figures and flags; per
    inspector, their figures."""
    result = next(r for r in calibration.exercises if r.key == str(exercise.pk))
    framework = questions.framework
    rows = []
    for question in result.questions:
        compared = sum(m.prompts_compared for m in question.markers)
        agreeing = sum(m.prompts_agreeing for m in question.markers)
        reference = question.reference_judgement
        rows.append(
            {
                "id": question.question,
                "text": framework.key_question(question.question).text,
                "reference": _answer(reference),
                "matched": f"{question.matched} of {question.judged}",
                "prompts": percent(share(agreeing, compared)),
                "figures": None if question.peers is None else agreement_words(question.peers),
                "reference_flagged": question.reference_flagged,
                "peers_flagged": question.peers_flagged,
            }
        )
    return {
        "markers": len(result.markers),
        "questions": rows,
        "overall": None if result.peers is None else agreement_words(result.peers),
        "overall_flagged": result.peers_flagged,
        "by_marker": _marker_rows(result),
        "alpha": len(result.markers) > 2,
        **_flag_words([calibration]),
    }


def qa_context(calibrations: Sequence[Calibration]) -> dict[str, Any]:
    """Every inspector's figures over time, a row per exercise they marked."""
    rows = []
    for calibration in calibrations:
        for marker in calibration.markers:
            series = calibration.series_of(marker)
            pooled = next(s for s in series if s.question is None)
            judgements = _judgement_shares(series, pooled)
            for point, judged in zip(pooled.points, judgements, strict=True):
                rows.append(
                    {
                        "marker": marker,
                        "exercise": point.title,
                        "marked_on": point.marked_on,
                        "prompts": percent(point.with_reference),
                        "judgements": percent(judged),
                        "peers": percent(point.with_peers),
                    }
                )
    return {"over_time": rows}
