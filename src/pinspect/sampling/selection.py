"""Selecting a sample from a long list: the one sequence every caller follows.

Seed 001 §4.12 sizes the case sample for an 80% confidence level. From a long list the
sequence is: the cases of the named sample (a long list may hold several), eligibility, the
sample size (given, or from the confidence level and margin of error), the stratified draw
with its reserve, and the analysis. The command line, the web application and the demo all
select through :func:`select_sample`, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pinspect.problems import InputError, Problem
from pinspect.sampling.analysis import Analysis, analyse
from pinspect.sampling.draw import Sample, draw_sample
from pinspect.sampling.eligibility import Eligibility, InspectionWindow, assess_eligibility
from pinspect.sampling.longlist import LongList
from pinspect.sampling.size import required_sample_size
from pinspect.sampling.strata import Stratification
from pinspect.settings import Settings

__all__ = ["Selection", "SelectionStep", "check_before_selecting", "select_sample"]


class SelectionStep(StrEnum):
    """The steps of a selection, in order, for a caller that shows its progress."""

    ELIGIBILITY = "eligibility"
    DRAW = "draw"
    ANALYSIS = "analysis"


def _no_progress(_step: SelectionStep) -> None:
    return None


@dataclass(frozen=True)
class Selection:
    """A drawn sample and everything it was drawn from."""

    long_list: LongList  # the cases of the sample drawn
    other_samples: int  # rows of the long list that belong to other samples
    eligibility: Eligibility
    sample: Sample
    analysis: Analysis


def _sample_cases(full_list: LongList, sample_name: str) -> tuple[LongList, int]:
    """The named sample's cases and how many rows belong to other samples; an
    :class:`InputError` naming the long list's file when the sample has none."""
    long_list, other_samples = full_list.for_sample(sample_name)
    if not long_list.cases:
        raise InputError.single(
            f"no cases of the sample '{sample_name}' in the 'sample' column", file=full_list.file
        )
    return long_list, other_samples


def check_before_selecting(
    full_list: LongList, *, sample_name: str, size: int | None, size_field: str = "size"
) -> None:
    """The checks of :func:`select_sample` that need no eligibility, for a caller that
    answers at once and selects later: the named sample has cases, and a given ``size`` is
    no more than them (the eligible cases are among them, so a larger size can never fit).
    Raises :class:`InputError` naming the long list's file."""
    long_list, _ = _sample_cases(full_list, sample_name)
    cases = len(long_list.cases)
    if size is not None and not 1 <= size <= cases:
        raise InputError.single(
            f"the sample size {size} must lie between 1 and the eligible population, which "
            f"is at most the {cases} cases of the sample '{sample_name}'",
            file=full_list.file,
            field=size_field,
        )


def select_sample(
    full_list: LongList,
    *,
    stratification: Stratification,
    sample_name: str,
    today: date,
    window: InspectionWindow | None,
    size: int | None,
    seed: int,
    settings: Settings,
    size_field: str = "size",
    on_step: Callable[[SelectionStep], None] = _no_progress,
) -> Selection:
    """Draw the ``sample_name`` sample from ``full_list``; ``size`` None sizes it from the
    settings' confidence level and margin of error (001 §4.12). Raises :class:`InputError`
    naming the long list's file when the sample has no cases, none is eligible, or the size
    does not fit the eligible population (under ``size_field``, the name the caller's user
    gave the size by, such as ``--size`` on the command line). ``on_step`` is told as each
    step starts."""
    file = full_list.file
    long_list, other_samples = _sample_cases(full_list, sample_name)
    classifier = stratification.classifier(long_list.columns)
    on_step(SelectionStep.ELIGIBILITY)
    eligibility = assess_eligibility(long_list.cases, classifier, today=today, window=window)
    if not eligibility.eligible:
        raise InputError.single("no eligible cases to sample from", file=file)
    if size is None:
        size = required_sample_size(
            len(eligibility.eligible),
            confidence_level=settings.confidence_level,
            margin_of_error=settings.margin_of_error,
        )
    on_step(SelectionStep.DRAW)
    try:
        sample = draw_sample(
            eligibility.eligible, classifier, size, seed=seed, settings=settings, name=sample_name
        )
    except InputError as error:
        raise InputError(
            Problem(p.file or file, p.line, size_field if p.field == "size" else p.field, p.message)
            for p in error.problems
        ) from None
    on_step(SelectionStep.ANALYSIS)
    return Selection(long_list, other_samples, eligibility, sample, analyse(sample, eligibility))
