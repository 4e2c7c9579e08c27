"""Would a disagreement change a rating? The engine rates each marker's answers in turn.

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases." A disagreement matters most where it moves a rating, so
for each pair of markers the key question is banded (001 §4.8) with the first marker's answers
counted and again with the second's, over the cases both marked, and the standard rated by its
lowest key question (001 §4.10) both ways. The answers of cases nobody double-marked
(``other_cases``) count the same both times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from pinspect.frameworks.model import Framework, Standard
from pinspect.ratings.answer import Answer
from pinspect.ratings.key_question import KeyQuestionResult, rate_key_question
from pinspect.ratings.standard import rate_case_standard
from pinspect.scale.counts import YesNoCounts
from pinspect.scale.rating import Band, Rating

__all__ = ["BandComparison", "RatingComparison", "compare_bands", "compare_ratings"]

Units = Mapping[tuple[str, str], Mapping[str, Answer]]


@dataclass(frozen=True)
class BandComparison:
    """001 §4.8: a key question's band with each of two markers' answers counted."""

    first: str
    second: str
    cases: int
    first_band: Band | None
    second_band: Band | None

    @property
    def changes(self) -> bool | None:
        """True when the bands differ; None when either has no band (no applicable case)."""
        if self.first_band is None or self.second_band is None:
            return None
        return self.first_band != self.second_band


@dataclass(frozen=True)
class RatingComparison:
    """001 §4.10: a standard's rating with each of two markers' answers counted, with the
    engine's reason when one is not rated."""

    first: str
    second: str
    first_rating: Rating | None
    second_rating: Rating | None
    reason: str | None

    @property
    def changes(self) -> bool | None:
        if self.first_rating is None or self.second_rating is None:
            return None
        return self.first_rating != self.second_rating


def _pairs(units: Units, order: Sequence[str]) -> list[tuple[str, str]]:
    present = {m for answers in units.values() for m in answers}
    markers = [m for m in order if m in present]
    return [
        (a, b)
        for a, b in combinations(markers, 2)
        if any(a in answers and b in answers for answers in units.values())
    ]


def _counts(units: Units, question: str, marker: str, other: str) -> YesNoCounts:
    answers = [
        v[marker] for (_, q), v in units.items() if q == question and marker in v and other in v
    ]
    return YesNoCounts(
        yes=answers.count(Answer.YES),
        no=answers.count(Answer.NO),
        not_applicable=answers.count(Answer.NOT_APPLICABLE),
    )


def _rated(framework: Framework, question: str, counts: YesNoCounts) -> KeyQuestionResult:
    return rate_key_question(
        question,
        counts.yes,
        counts.no,
        counts.not_applicable,
        rounding=framework.percentage_rounding,
        confidence_level=framework.confidence_level,
    )


def compare_bands(
    framework: Framework,
    question: str,
    units: Units,
    order: Sequence[str],
    other_cases: Mapping[str, YesNoCounts],
) -> tuple[BandComparison, ...]:
    """001 §4.8: for each pair of markers of ``question``, its band with the first's answers
    counted and with the second's, over the cases both marked plus ``other_cases``."""
    other = other_cases.get(question, YesNoCounts(0, 0))
    found = []
    for first, second in _pairs(units, order):
        mine, theirs = (
            _counts(units, question, first, second),
            _counts(units, question, second, first),
        )
        found.append(
            BandComparison(
                first=first,
                second=second,
                cases=mine.yes + mine.no + mine.not_applicable,
                first_band=_rated(framework, question, mine + other).band,
                second_band=_rated(framework, question, theirs + other).band,
            )
        )
    return tuple(found)


def compare_ratings(
    framework: Framework,
    standard: Standard,
    units: Units,
    order: Sequence[str],
    other_cases: Mapping[str, YesNoCounts],
) -> tuple[RatingComparison, ...]:
    """001 §4.10: for each pair of markers, the standard rated by its lowest key question with
    the first's answers counted and with the second's. A key question nobody double-marked
    counts only ``other_cases``; with none, the engine leaves the standard not rated and says
    why."""
    found = []
    for first, second in _pairs(units, order):
        results = []
        for marker, other in ((first, second), (second, first)):
            key_questions = tuple(
                _rated(
                    framework,
                    kq.id,
                    _counts(units, kq.id, marker, other)
                    + other_cases.get(kq.id, YesNoCounts(0, 0)),
                )
                for kq in standard.key_questions
            )
            results.append(rate_case_standard(standard, key_questions))
        mine, theirs = results
        reason = next((r.reason for r in results if r.computed_rating is None), None)
        found.append(
            RatingComparison(first, second, mine.computed_rating, theirs.computed_rating, reason)
        )
    return tuple(found)
