"""Eligibility: every exclusion counted, listed and given one reason."""

from __future__ import annotations

import sys
from datetime import date

import pytest

from pinspect.problems import InputError
from pinspect.sampling import ExclusionReason, InspectionWindow, assess_eligibility
from pinspect.sampling.eligibility import _upper
from tests.core.sampling.factories import TODAY, classifier_for, long_list, row


def reasons(rows: list[dict[str, str]], window: InspectionWindow | None = None) -> dict[str, str]:
    ll = long_list(rows)
    result = assess_eligibility(ll.cases, classifier_for(ll), today=TODAY, window=window)
    assert result.population == len(rows)
    found = {e.case.crn: e.reason.value for e in result.exclusions}
    found.update({c.crn: "eligible" for c in result.eligible})
    return found


def test_missing_values_are_reported_with_field() -> None:
    ll = long_list([row("A1", team=""), row("A2", rosh=""), row("A3", sex="F", rosh="")])
    result = assess_eligibility(ll.cases, classifier_for(ll), today=TODAY)
    assert [(e.case.crn, e.field) for e in result.exclusions] == [("A1", "team"), ("A2", "rosh")]
    assert [c.crn for c in result.eligible] == ["A3"]  # a woman's RoSH does not stratify her


def test_sensitive_person_excluded_through_every_record() -> None:
    rows = [row("A1", pnc="P/1", first_name="***"), row("A2", pnc="P/1"), row("A3")]
    assert reasons(rows) == {"A1": "sensitive", "A2": "sensitive", "A3": "eligible"}


def test_not_yet_started() -> None:
    assert reasons([row("A1", start_date="2024-06-02"), row("A2", start_date="2024-06-01")]) == {
        "A1": "not_started",
        "A2": "eligible",
    }


def test_window_overlap_rule() -> None:
    window = InspectionWindow(date(2024, 1, 1), date(2024, 3, 31))
    rows = [
        row("A1", start_date="2023-01-01", end_date="2023-12-31"),  # ended before
        row("A2", start_date="2023-01-01", end_date="2024-01-01"),  # overlaps one day
        row("A3", start_date="2024-04-01", end_date=""),  # starts after
        row("A4", start_date="2023-06-01", end_date=""),  # open-ended
    ]
    assert reasons(rows, window) == {
        "A1": "outside_window",
        "A2": "eligible",
        "A3": "outside_window",
        "A4": "eligible",
    }


def test_window_parse() -> None:
    assert InspectionWindow.parse("2024-01-01:") == InspectionWindow(date(2024, 1, 1), None)
    with pytest.raises(InputError):
        InspectionWindow.parse("2024-01-01")
    with pytest.raises(InputError):
        InspectionWindow.parse("2024-13-01:2024-01-01")


@pytest.mark.parametrize(
    "same",
    [
        {"pnc": "2001/1A"},
        {"first_name": "Ann", "family_name": "Bee", "date_of_birth": "1980-02-02"},
    ],
)
def test_duplicates_keep_earliest_start(same: dict[str, str]) -> None:
    rows = [row("A1", start_date="2024-02-01", **same), row("A2", start_date="2024-01-01", **same)]
    assert reasons(rows) == {"A1": "duplicate", "A2": "eligible"}


def test_same_crn_is_a_duplicate() -> None:
    rows = [row("A1", start_date="2024-02-01"), row("a1", start_date="2024-01-01")]
    assert reasons(rows) == {"A1": "duplicate", "a1": "eligible"}


def test_duplicates_are_transitive() -> None:
    rows = [
        row("A1", pnc="X", start_date="2024-03-01"),
        row("A2", pnc="X", first_name="Cy", family_name="Dee", start_date="2024-02-01"),
        row("A3", first_name="cy", family_name="DEE", start_date="2024-01-01"),
    ]
    assert reasons(rows) == {"A1": "duplicate", "A2": "duplicate", "A3": "eligible"}


def test_blank_keys_never_match() -> None:
    assert reasons([row("A1", first_name="", pnc=""), row("A2", first_name="", pnc="")]) == {
        "A1": "eligible",
        "A2": "eligible",
    }


def test_duplicate_kept_is_earliest_eligible_record() -> None:
    rows = [row("A1", pnc="X", start_date="2024-09-01"), row("A2", pnc="X")]
    assert reasons(rows) == {"A1": "not_started", "A2": "eligible"}


def test_people_neither_male_nor_female_are_eligible() -> None:
    assert reasons([row("A1", sex="Other", rosh=""), row("A2", sex="")]) == {
        "A1": "eligible",
        "A2": "eligible",
    }


def test_counts_list_every_reason() -> None:
    ll = long_list([row("A1")])
    counts = assess_eligibility(ll.cases, classifier_for(ll), today=TODAY).counts()
    assert counts == {reason.value: 0 for reason in ExclusionReason}


def test_upper_case_check_holds_for_every_character() -> None:
    """CRNs and PNCs are compared ignoring case; eligibility upper-cases a whole column at
    once only when the concatenation changes, which is right only because no character's
    upper case begins with the character itself unless it is the character itself."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        upper = char.upper()
        assert upper == char or not upper.startswith(char)
    assert _upper(["Z1", "z2", "ß"]) == ["Z1", "Z2", "SS"]
    same = ["Z1", "Z2"]
    assert _upper(same) is same


def test_the_exclusions_read_alike_by_index_slice_line_and_reason() -> None:
    """The exclusions, made only when read, are the same whichever way they are read: in line
    order, by index (from the end too) and by slice, and their lines and reasons alone."""
    rows = [
        row("A1", team=""),
        row("A2", start_date="2024-06-02"),
        row("A3"),
        row("A4", first_name="***"),
        row("A5", rosh=""),
    ]
    ll = long_list(rows)
    exclusions = assess_eligibility(ll.cases, classifier_for(ll), today=TODAY).exclusions
    listed = list(exclusions)
    assert [(e.case.crn, e.reason.value, e.field) for e in listed] == [
        ("A1", "missing_value", "team"),
        ("A2", "not_started", None),
        ("A4", "sensitive", None),
        ("A5", "missing_value", "rosh"),
    ]
    assert [exclusions[i] for i in range(len(exclusions))] == listed
    assert exclusions[-1] == listed[-1]
    assert exclusions[1:3] == listed[1:3]
    assert exclusions.lines() == [e.case.line for e in listed]
    assert exclusions.reasons() == [e.reason for e in listed]
    with pytest.raises(IndexError):
        exclusions[len(listed)]
