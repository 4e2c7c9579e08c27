"""Selecting a sample: the checks a caller can make before eligibility, and the steps it is
told of (seed 001 §4.12 sizes the sample; docs/sampling.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from pinspect.problems import InputError
from pinspect.sampling import (
    InspectionWindow,
    LongList,
    SelectionStep,
    Stratification,
    check_before_selecting,
    long_list_from_records,
    select_sample,
)
from pinspect.settings import Settings
from pinspect.synthetic import synthetic_long_list

TODAY = date(2024, 6, 30)


def _long_list(people: int = 300) -> LongList:
    """Synthetic people, every one in the supervision sample (a ``sample`` column)."""
    records = [
        {**record, "sample": "supervision"} for record in synthetic_long_list(people, 5, TODAY)
    ]
    return long_list_from_records(records)


def test_a_size_larger_than_the_samples_cases_is_refused_before_eligibility() -> None:
    full_list = _long_list()
    with pytest.raises(InputError) as refused:
        check_before_selecting(full_list, sample_name="supervision", size=301)
    (problem,) = refused.value.problems
    assert problem.field == "size"
    assert "the sample size 301 must lie between 1 and the eligible population" in problem.message
    assert "at most the 300 cases of the sample 'supervision'" in problem.message
    check_before_selecting(full_list, sample_name="supervision", size=300)
    check_before_selecting(full_list, sample_name="supervision", size=None)


def test_a_sample_without_cases_is_refused_before_eligibility_as_select_sample_refuses_it() -> None:
    full_list = _long_list()
    with pytest.raises(InputError, match="no cases of the sample 'victims'"):
        check_before_selecting(full_list, sample_name="victims", size=None)
    with pytest.raises(InputError, match="no cases of the sample 'victims'"):
        select_sample(
            full_list,
            stratification=Stratification(),
            sample_name="victims",
            today=TODAY,
            window=None,
            size=None,
            seed=1,
            settings=Settings(),
        )


def test_the_steps_are_told_in_order_and_change_nothing() -> None:
    full_list = _long_list()
    told: list[SelectionStep] = []
    arguments: dict[str, Any] = {
        "stratification": Stratification(),
        "sample_name": "supervision",
        "today": TODAY,
        "window": InspectionWindow(date(2024, 1, 1), TODAY),
        "size": None,
        "seed": 7,
        "settings": Settings(),
    }
    watched = select_sample(full_list, on_step=told.append, **arguments)
    plain = select_sample(full_list, **arguments)
    assert told == [SelectionStep.ELIGIBILITY, SelectionStep.DRAW, SelectionStep.ANALYSIS]
    assert [(c.stratum, c.reserve_rank) for c in watched.sample.cases] == [
        (c.stratum, c.reserve_rank) for c in plain.sample.cases
    ]
