"""The live results page: the rating engine's figures in words a reader can act on.

Every figure comes from the typed ``inspection_result(...)``; these tests check what a reader
sees: the what-if ("n more yes answers would move this to …", seed 001 §4.8 and §4.10), the
fragility in plain words, and sub-group breakdowns with small groups suppressed (seed 003
§3.5; the ``suppress_below`` setting).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings

from pinspect.settings import Settings
from pinspect.web.assessments.models import SampledCase
from pinspect.web.assessments.saving import CaseAnswers, save_case
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db

FEMALE, MALE = 7, 3  # male is under suppress_below (5)
YES_ON_P211 = 2  # of 10 cases: 20%, Minority


def _text(response: Any) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture
def assessed(scenario: dict[str, Any]) -> dict[str, Any]:
    """Ten complete cases: every answer yes except P2.1.1, yes in only the first two; seven
    women and three men."""
    inspection = scenario["fieldwork"]
    inspector = scenario["users"]["inspector"]
    for number in range(FEMALE + MALE):
        case = SampledCase.objects.create(
            inspection=inspection,
            reference=f"C1{number:03d}",
            stratum="all",
            assigned_to=inspector,
            attributes={"sex": "female" if number < FEMALE else "male"},
        )
        answers = full_answers(case)
        answers["P2.1.1"] = "yes" if number < YES_ON_P211 else "no"
        save_case(case, case.version, CaseAnswers(answers, {}, complete=True), actor=inspector)
    return scenario


def _results(client_for: Any, scenario: dict[str, Any], query: str = "") -> Any:
    return client_for("qa").get(f"/inspections/{scenario['fieldwork'].pk}/results/{query}")


def test_what_if_names_the_yes_answers_the_next_rating_needs(
    assessed: dict[str, Any], client_for: Any
) -> None:
    """001 §4.8: 2 yes of 10 is 20%, Minority; Too few starts at 50%, so 3 more yes answers
    (in place of no) lift P2.1.1, and with it P2.1 (001 §4.10: its lowest key question), from
    Inadequate to Requires improvement."""
    response = _results(client_for, assessed)
    assert response.status_code == 200
    text = _text(response)
    assert "From 10 complete cases" in text
    assert (
        "3 more yes answers in place of no (on P2.1.1) would move this to Requires improvement"
        in text
    )
    assert "P2.1.1 2 8 0 20.0%" in text
    assert "3 more yes (in place of no) for Too few (Requires improvement)" in text
    # Every other key question is all yes: Large majority, nothing more to gain.
    assert "P2.1.2 10 0 0 100.0%" in text
    assert "Top band" in text


def test_fragility_is_explained_in_words(assessed: dict[str, Any], client_for: Any) -> None:
    """The engine's p_rating_differs, shown as a chance out of 100 next to the figure."""
    data = client_for("qa").get(f"/api/inspections/{assessed['fieldwork'].pk}/results").json()
    p = next(s for s in data["standards"] if s["id"] == "P2.1")["p_rating_differs"]
    text = _text(_results(client_for, assessed))
    figure = f"{p:.2f}"
    assert "The chance that a fresh sample of the same size would give a different rating" in text
    assert f"({figure}" in text


def test_breakdown_by_sex_shows_groups_and_suppresses_the_small_one(
    assessed: dict[str, Any], client_for: Any
) -> None:
    """003 §3.5: results by sub-group; a group of fewer than suppress_below (5) cases shows no
    figures."""
    response = _results(client_for, assessed, "?by=sex")
    assert response.status_code == 200
    text = _text(response)
    assert "Yes % by sex" in text
    assert "Female 7 cases" in text
    assert "Male fewer than 5 cases" in text
    # Women: P2.1.1 yes in 2 of 7 cases; men: suppressed in every key question.
    assert "P2.1.1 28.6% (2 of 7) fewer than 5 cases" in text
    assert "(3 of 3)" not in text


def test_the_installation_settings_decide_what_is_suppressed(
    assessed: dict[str, Any], client_for: Any
) -> None:
    """suppress_below set to 3 for the installation (PINSPECT_SUPPRESS_BELOW=3): the three men
    are shown, as the page is rated with the installation's settings, not the defaults."""
    with override_settings(PINSPECT_SETTINGS=Settings(suppress_below=3)):
        text = _text(_results(client_for, assessed, "?by=sex"))
    assert "Male 3 cases" in text
    assert "(3 of 3)" in text


def test_no_breakdown_without_a_choice(assessed: dict[str, Any], client_for: Any) -> None:
    text = _text(_results(client_for, assessed))
    assert "Yes % by" not in text
    assert '<option value="sex">' in _results(client_for, assessed).content.decode()


def test_an_unknown_attribute_is_an_error_and_is_ignored(
    assessed: dict[str, Any], client_for: Any
) -> None:
    response = _results(client_for, assessed, "?by=shoe_size")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#by-1">Choose a case attribute from the list' in html
    text = _text(response)
    assert "Yes % by" not in text
    assert "From 10 complete cases" in text  # the rest of the page still shows


def test_an_attribute_no_case_records_is_explained(
    assessed: dict[str, Any], client_for: Any
) -> None:
    response = _results(client_for, assessed, "?by=religion&by=sex")
    assert response.status_code == 200
    text = _text(response)
    assert "No complete case records religion yet" in text
    assert "Yes % by sex" in text
    assert "Yes % by religion" not in text
