"""Every inspection's case-based key questions and standards as arrays, in one pass.

The same rules as the result objects (:func:`~pinspect.ratings.key_question.rate_key_question`,
:func:`~pinspect.ratings.standard.rate_case_standard`), computed for all inspections of one
framework at once from the answer counts:

* 001 §4.8: each key question's band from yes / (yes + no)
  (:func:`~pinspect.ratings.band_rule.bands_for_count_arrays`), with its Wilson interval at the
  framework's confidence level (:func:`~pinspect.stats.interval.wilson_intervals`);
* 001 §4.10: each case-based standard's computed rating is its lowest key question's band; a
  standard with a key question that no applicable case answered is not rated (code −1).

Rating many inspections returns these arrays straight away; the result objects of one
inspection are built when they are read (:class:`~pinspect.ratings.inspection.InspectionResults`),
and a test holds both to the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pinspect.frameworks.model import AnswerScale, Framework, RatedBy, Standard
from pinspect.ratings.answer import Answer
from pinspect.ratings.band_rule import bands_for_count_arrays
from pinspect.ratings.view import AnswerView
from pinspect.stats.interval import wilson_intervals

__all__ = ["NOT_RATED_CODE", "CaseFigures", "case_figures", "case_standards", "lowest_band_codes"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

NOT_RATED_CODE = -1
"""The band or rating code of a key question no applicable case answered, or of a standard
that is therefore not rated."""


@dataclass(frozen=True, eq=False)
class CaseFigures:
    """The case-based key questions and standards of one framework over many inspections.

    Key-question arrays are ``[inspection, key question]`` with key questions in framework
    order (``key_questions``); ``ratings`` is ``[inspection, standard]`` for ``standards``
    (the framework's case-based standards), rating codes 0–3 (Inadequate … Outstanding, 001
    §4.1) or −1 when not rated.
    """

    framework: str
    standards: tuple[str, ...]
    key_questions: tuple[str, ...]
    standard_of: IntArray
    yes: IntArray
    no: IntArray
    not_applicable: IntArray
    bands: IntArray
    interval_low: FloatArray
    interval_high: FloatArray
    ratings: IntArray

    @property
    def applicable(self) -> IntArray:
        total: IntArray = self.yes + self.no
        return total


def case_standards(framework: Framework) -> list[Standard]:
    """The standards ``framework`` rates from cases (001 §4.6), in framework order."""
    return [s for s in framework.standards if s.rated_by is RatedBy.CASES]


def lowest_band_codes(bands: IntArray, standard_of: IntArray, standards: int) -> IntArray:
    """001 §4.10: "For each standard, the rating will be aligned to the lowest banding at the
    key question level" — ``bands[..., key question]`` to ``[..., standard]`` rating codes;
    −1 when a key question of the standard has no band (no applicable case)."""
    shape = (*bands.shape[:-1], standards)
    lowest = np.full(shape, 4, dtype=np.int64)
    unrated = np.zeros(shape, dtype=bool)
    for column in range(bands.shape[-1]):
        standard = int(standard_of[column])
        band = bands[..., column]
        np.minimum(lowest[..., standard], band, out=lowest[..., standard])
        unrated[..., standard] |= band < 0
    lowest[unrated | (lowest == 4)] = NOT_RATED_CODE
    return lowest


def case_figures(
    framework: Framework,
    view: AnswerView,
    counts: IntArray,
    standards: Sequence[Standard] | None = None,
) -> CaseFigures:
    """The figures of ``standards`` (default: the framework's case-based standards) from
    ``counts[inspection, target, answer]`` counted onto ``view``'s targets."""
    chosen = case_standards(framework) if standards is None else list(standards)
    columns: list[int] = []
    ids: list[str] = []
    standard_of: list[int] = []
    for position, standard in enumerate(chosen):
        for kq in standard.key_questions:
            if kq.answer_scale is not AnswerScale.YES_NO or kq.aggregate_of is not None:
                continue
            columns.append(view.target_index(framework.id, kq.id))
            ids.append(kq.id)
            standard_of.append(position)
    picked = counts[:, columns, :]
    yes = np.ascontiguousarray(picked[..., Answer.YES])
    no = np.ascontiguousarray(picked[..., Answer.NO])
    applicable = yes + no
    answered = applicable > 0
    bands = np.where(
        answered,
        bands_for_count_arrays(yes, np.maximum(applicable, 1), framework.percentage_rounding),
        NOT_RATED_CODE,
    )
    low, high = wilson_intervals(yes, applicable, framework.confidence_level)
    owners = np.asarray(standard_of, dtype=np.int64)
    return CaseFigures(
        framework=framework.id,
        standards=tuple(s.id for s in chosen),
        key_questions=tuple(ids),
        standard_of=owners,
        yes=yes,
        no=no,
        not_applicable=np.ascontiguousarray(picked[..., Answer.NOT_APPLICABLE]),
        bands=bands,
        interval_low=low,
        interval_high=high,
        ratings=lowest_band_codes(bands, owners, len(chosen)),
    )
