"""Calibration exercises: every inspector marks the same reference case, QA's agreed marking.

Seed 001 §4.13: "We conduct training and quality management exercises now, to check and if
necessary refine our inspectors' consistency of judgement. In anticipation of the changes we
are making, we are intensifying our focus on training, quality assurance and quality
control." A calibration exercise is such an exercise across inspections: QA publishes a
fictional or pseudonymised case with an agreed (reference) marking, any inspector marks it
blind, and this module measures, per key question:

- each inspector's agreement with the reference: the share of the key question's prompts
  answered as the reference answers them (raw agreement), and whether the inspector's own
  judgement of the key question matches the reference's (001 §4.7: "Yes/no judgements at the
  key question level will be made by inspectors in each case, informed by the prompts", so
  the key question's result for one case is that judgement);
- agreement among the inspectors who marked the same exercise (peers), over the key
  question's prompts and judgement: the figures of :mod:`pinspect.stats.agreement` through
  :func:`pinspect.consistency.agreement_table.group_agreement` (Cohen's kappa for two
  markers, Fleiss' and Krippendorff's alpha for more, Gwet's AC1 and raw agreement, with
  intervals), each question of the exercise counting as one marked item;
- each inspector's share of agreeing answers with each peer (their own figure, which names
  no peer);
- per inspector and key question, a series over time, ordered by the date they marked each
  exercise.

A question the reference or the inspector left unanswered is not compared. Plain typed
Python: the web application hands it the exercises and shows what it returns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from pinspect.consistency.agreement_table import flag_figure, group_agreement
from pinspect.frameworks.model import Framework, KeyQuestion
from pinspect.ratings.answer import Answer
from pinspect.settings import Settings
from pinspect.stats.agreement import Agreement

__all__ = [
    "Calibration",
    "CalibrationPoint",
    "Exercise",
    "ExerciseMarking",
    "ExerciseResult",
    "InspectorSeries",
    "MarkerQuestion",
    "QuestionResult",
    "calibrate",
    "exercise_result",
    "share",
]


@dataclass(frozen=True)
class ExerciseMarking:
    """One inspector's marking of an exercise: their answers by question id and the date
    they submitted it."""

    marker: str
    marked_on: date
    answers: Mapping[str, Answer]


@dataclass(frozen=True)
class Exercise:
    """A reference case: its key (unique), title, the agreed answers by question id (prompts
    and key questions) and the inspectors' markings of it."""

    key: str
    title: str
    reference: Mapping[str, Answer]
    markings: tuple[ExerciseMarking, ...]

    def __post_init__(self) -> None:
        markers = [m.marker for m in self.markings]
        if len(set(markers)) != len(markers):
            raise ValueError(f"an inspector marked exercise {self.key!r} twice")


def share(agreeing: int, compared: int) -> float | None:
    """``agreeing`` of ``compared`` as a share; None when nothing was compared."""
    return agreeing / compared if compared else None


@dataclass(frozen=True)
class MarkerQuestion:
    """One inspector's agreement on one key question of one exercise.

    ``prompts_agreeing`` of ``prompts_compared`` prompts were answered as the reference
    answers them; ``judgement_matches`` is None when either left the judgement unanswered.
    ``peer_agreeing`` of ``peer_compared`` (peer, question) pairs, the key question's
    prompts and judgement, had the peer answer as this inspector did."""

    marker: str
    question: str
    prompts_compared: int
    prompts_agreeing: int
    judgement: Answer | None
    reference_judgement: Answer | None
    peer_compared: int
    peer_agreeing: int

    @property
    def with_reference(self) -> float | None:
        """Raw agreement with the reference over the key question's prompts."""
        return share(self.prompts_agreeing, self.prompts_compared)

    @property
    def judgement_matches(self) -> bool | None:
        if self.judgement is None or self.reference_judgement is None:
            return None
        return self.judgement is self.reference_judgement

    @property
    def with_peers(self) -> float | None:
        """The share of peers' answers that agree with this inspector's; None with no peer."""
        return share(self.peer_agreeing, self.peer_compared)


@dataclass(frozen=True)
class QuestionResult:
    """One key question of one exercise: every inspector's agreement with the reference and
    the peer agreement among them (None with fewer than two markers)."""

    question: str
    reference_judgement: Answer | None
    markers: tuple[MarkerQuestion, ...]
    peers: Agreement | None
    peers_flagged: bool
    reference_flagged: bool

    @property
    def judged(self) -> int:
        """Inspectors whose judgement could be compared with the reference."""
        return sum(1 for m in self.markers if m.judgement_matches is not None)

    @property
    def matched(self) -> int:
        """Inspectors whose judgement matched the reference's."""
        return sum(1 for m in self.markers if m.judgement_matches)

    def of(self, marker: str) -> MarkerQuestion | None:
        return next((m for m in self.markers if m.marker == marker), None)


@dataclass(frozen=True)
class ExerciseResult:
    """Every key question of one exercise, and the peer agreement over all its questions."""

    key: str
    title: str
    markers: tuple[str, ...]
    questions: tuple[QuestionResult, ...]
    peers: Agreement | None
    peers_flagged: bool

    def question(self, question: str) -> QuestionResult:
        return next(q for q in self.questions if q.question == question)


@dataclass(frozen=True)
class CalibrationPoint:
    """One exercise in an inspector's series: when they marked it and how they agreed."""

    exercise: str
    title: str
    marked_on: date
    with_reference: float | None
    judgement_matches: bool | None
    with_peers: float | None


@dataclass(frozen=True)
class InspectorSeries:
    """One inspector's agreement on one key question (``question`` None: every key question
    pooled) over time, by the date they marked each exercise."""

    marker: str
    question: str | None
    points: tuple[CalibrationPoint, ...]


@dataclass(frozen=True)
class Calibration:
    """Every exercise's result and every inspector's series."""

    framework: str
    exercises: tuple[ExerciseResult, ...]
    series: tuple[InspectorSeries, ...]
    flag_figure: str
    flag_below: float

    @property
    def markers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.marker for s in self.series))

    def series_of(self, marker: str) -> tuple[InspectorSeries, ...]:
        return tuple(s for s in self.series if s.marker == marker)


def _key_questions(framework: Framework, exercise: Exercise) -> list[KeyQuestion]:
    """The key questions the reference judges, in framework order."""
    return [
        kq
        for standard in framework.standards
        for kq in standard.key_questions
        if kq.id in exercise.reference
    ]


def _flagged(agreement: Agreement | None, settings: Settings) -> bool:
    if agreement is None:
        return False
    value = flag_figure(agreement, settings.agreement_flag_figure).value
    return value is not None and value < settings.agreement_flag_below


def _peers(exercise: Exercise, questions: Sequence[str], settings: Settings) -> Agreement | None:
    """Agreement among the exercise's markers over ``questions`` (each one marked item)."""
    if len(exercise.markings) < 2:
        return None
    units = {
        (exercise.key, q): {m.marker: m.answers[q] for m in exercise.markings if q in m.answers}
        for q in questions
    }
    markers = [m.marker for m in exercise.markings]
    return group_agreement(units, markers, settings)


def _marker_question(
    exercise: Exercise, marking: ExerciseMarking, kq: KeyQuestion
) -> MarkerQuestion:
    reference = exercise.reference
    prompts = [p.id for p in kq.prompts if p.id in reference and p.id in marking.answers]
    peer_compared = peer_agreeing = 0
    for peer in exercise.markings:
        if peer.marker == marking.marker:
            continue
        for question in (*(p.id for p in kq.prompts), kq.id):
            if question in peer.answers and question in marking.answers:
                peer_compared += 1
                peer_agreeing += peer.answers[question] is marking.answers[question]
    return MarkerQuestion(
        marker=marking.marker,
        question=kq.id,
        prompts_compared=len(prompts),
        prompts_agreeing=sum(1 for p in prompts if marking.answers[p] is reference[p]),
        judgement=marking.answers.get(kq.id),
        reference_judgement=reference.get(kq.id),
        peer_compared=peer_compared,
        peer_agreeing=peer_agreeing,
    )


def exercise_result(framework: Framework, exercise: Exercise, settings: Settings) -> ExerciseResult:
    """001 §4.13: each inspector's agreement with the reference and with peers, per key
    question of ``exercise``."""
    questions = []
    every: list[str] = []
    for kq in _key_questions(framework, exercise):
        ids = [*(p.id for p in kq.prompts), kq.id]
        every.extend(ids)
        markers = tuple(_marker_question(exercise, m, kq) for m in exercise.markings)
        peers = _peers(exercise, ids, settings)
        judged = [m.judgement_matches for m in markers if m.judgement_matches is not None]
        matched = share(sum(judged), len(judged))
        questions.append(
            QuestionResult(
                question=kq.id,
                reference_judgement=exercise.reference.get(kq.id),
                markers=markers,
                peers=peers,
                peers_flagged=_flagged(peers, settings),
                reference_flagged=matched is not None and matched < settings.agreement_flag_below,
            )
        )
    peers = _peers(exercise, every, settings)
    return ExerciseResult(
        key=exercise.key,
        title=exercise.title,
        markers=tuple(m.marker for m in exercise.markings),
        questions=tuple(questions),
        peers=peers,
        peers_flagged=_flagged(peers, settings),
    )


def _pooled(result: ExerciseResult, marker: str) -> tuple[float | None, bool | None, float | None]:
    """An inspector's figures over every key question of one exercise."""
    mine = [m for q in result.questions if (m := q.of(marker)) is not None]
    judged = [m.judgement_matches for m in mine if m.judgement_matches is not None]
    return (
        share(sum(m.prompts_agreeing for m in mine), sum(m.prompts_compared for m in mine)),
        all(judged) if judged else None,
        share(sum(m.peer_agreeing for m in mine), sum(m.peer_compared for m in mine)),
    )


def calibrate(
    framework: Framework, exercises: Sequence[Exercise], settings: Settings
) -> Calibration:
    """001 §4.13: the result of every exercise (all of ``framework``) and, per inspector, a
    series per key question and one pooled over every key question, ordered by the date
    they marked each exercise (then its title)."""
    results = [exercise_result(framework, e, settings) for e in exercises]
    dated: dict[str, list[tuple[date, Exercise, ExerciseResult]]] = {}
    for exercise, result in zip(exercises, results, strict=True):
        for marking in exercise.markings:
            dated.setdefault(marking.marker, []).append((marking.marked_on, exercise, result))
    series: list[InspectorSeries] = []
    for marker in sorted(dated):
        marked = sorted(dated[marker], key=lambda item: (item[0], item[1].title, item[1].key))
        pooled = []
        by_question: dict[str, list[CalibrationPoint]] = {}
        for marked_on, exercise, result in marked:
            raw, matches, peers = _pooled(result, marker)
            pooled.append(
                CalibrationPoint(exercise.key, exercise.title, marked_on, raw, matches, peers)
            )
            for question in result.questions:
                mine = question.of(marker)
                if mine is None:
                    continue
                by_question.setdefault(question.question, []).append(
                    CalibrationPoint(
                        exercise.key,
                        exercise.title,
                        marked_on,
                        mine.with_reference,
                        mine.judgement_matches,
                        mine.with_peers,
                    )
                )
        series.append(InspectorSeries(marker, None, tuple(pooled)))
        order = [kq.id for s in framework.standards for kq in s.key_questions]
        series.extend(
            InspectorSeries(marker, q, tuple(by_question[q])) for q in order if q in by_question
        )
    return Calibration(
        framework=framework.id,
        exercises=tuple(results),
        series=tuple(series),
        flag_figure=settings.agreement_flag_figure,
        flag_below=settings.agreement_flag_below,
    )
