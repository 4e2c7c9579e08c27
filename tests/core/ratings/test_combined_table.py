"""Inspections' answer tables joined to be rated together (the national picture from the web)
rate each inspection exactly as it is rated alone (001 §4.7, §4.8)."""

from __future__ import annotations

import pytest

from pinspect.frameworks import Catalogue
from pinspect.ratings.combined_table import combined_answer_table
from pinspect.ratings.inspection import rate_inspection, rate_inspections
from tests.core.ratings.builders import table_for

KEY_QUESTIONS = [f"P2.{s}.{k}" for s in (1, 2, 3, 4) for k in (1, 2, 3)]


def test_each_inspection_rates_as_it_does_alone(catalogue: Catalogue) -> None:
    framework = catalogue["hmip-2023-pdu"]
    first = table_for(
        dict.fromkeys(KEY_QUESTIONS, (14, 6)), {"sex": {"C0000": "female", "C0001": "male"}}
    )
    second = table_for(
        dict.fromkeys(KEY_QUESTIONS, (9, 11)), {"ethnicity": {"C0002": "White"}}
    )  # the same case ids: kept apart per inspection
    combined = combined_answer_table({"one": first, "two": second})
    assert combined.inspections == ("one", "two")
    assert len(combined.cases) == len(first.cases) + len(second.cases)
    assert [a.name for a in combined.attributes] == ["sex", "ethnicity"]
    together = rate_inspections(framework, combined, catalogue=catalogue, by=["sex", "ethnicity"])
    for result, alone in zip(together, (first, second), strict=True):
        single = rate_inspection(framework, alone, catalogue=catalogue)
        assert [s.rating for s in result.standards] == [s.rating for s in single.standards]
        assert [k.percent for s in result.standards for k in s.key_questions] == [
            k.percent for s in single.standards for k in s.key_questions
        ]
    sex = combined.attribute("sex")
    female = sex.values.index("female")
    assert int((sex.codes == female).sum()) == 1  # only inspection one's C0000
    assert int((combined.attribute("ethnicity").codes >= 0).sum()) == 1


def test_nothing_to_combine_is_refused() -> None:
    with pytest.raises(ValueError, match="no answer table"):
        combined_answer_table({})
