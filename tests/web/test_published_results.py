"""A published inspection is rated once for each change to it: the pages that read every
published inspection (the panel's view across inspections, a unit's summary and trend) reuse
its result until an audited change to it, or other settings, rate it again."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from pinspect.ratings.serialisation import inspection_json
from pinspect.settings import Settings
from pinspect.web.assessments.saving import CaseAnswers, save_case
from pinspect.web.inspections import results
from tests.web.conftest import full_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def ratings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The inspections rated, by id, in the order rated."""
    rated: list[int] = []
    rate = results.inspection_result

    def counted(inspection: Any, settings: Any = None, **kwargs: Any) -> Any:
        rated.append(inspection.pk)
        return rate(inspection, settings, **kwargs)

    monkeypatch.setattr(results, "inspection_result", counted)
    return rated


def _complete_with_audit(case: Any, actor: Any) -> None:
    """A correction saved the audited way: every question answered yes, the case complete."""
    save_case(case, case.version, CaseAnswers(full_answers(case), {}, complete=True), actor=actor)


def _main(response: Any) -> str:
    """The page's content (its head holds a fresh nonce each time)."""
    found = re.search(r"<main.*</main>", response.content.decode(), re.S)
    assert found is not None
    return found.group(0)


def test_a_published_result_is_rated_once_until_an_audited_change(
    scenario: dict[str, Any], ratings: list[int]
) -> None:
    published = scenario["published"]
    settings = Settings()
    first = results.published_result(published, settings)
    assert results.published_result(published, settings) is first
    assert ratings == [published.pk]
    _complete_with_audit(scenario["published_case"], scenario["users"]["admin"])
    changed = results.published_result(published, settings)
    assert ratings == [published.pk, published.pk]
    assert inspection_json(changed) != inspection_json(first)
    # Other settings: rated again for them, the first settings' result still kept.
    other = Settings(suppress_below=settings.suppress_below + 1)
    results.published_result(published, other)
    results.published_result(published, settings)
    assert ratings == [published.pk, published.pk, published.pk]


def test_an_inspection_not_published_is_rated_every_time(
    scenario: dict[str, Any], ratings: list[int]
) -> None:
    fieldwork = scenario["fieldwork"]
    results.published_result(fieldwork, Settings())
    results.published_result(fieldwork, Settings())
    assert ratings == [fieldwork.pk, fieldwork.pk]


def test_a_units_summary_rates_its_published_inspections_once(
    scenario: dict[str, Any], units: dict[str, Any], ratings: list[int]
) -> None:
    staff = scenario["users"]["admin"]
    staff.is_staff = True
    staff.save()
    client = Client()
    client.force_login(staff)
    summary = f"/units/{units['region'].pk}/summary/"
    published = sorted([scenario["published"].pk, scenario["other"].pk])
    response = client.get(summary)
    assert response.status_code == 200
    before = _main(response)
    assert sorted(ratings) == published
    assert _main(client.get(summary)) == before
    assert sorted(ratings) == published  # not rated again
    _complete_with_audit(scenario["published_case"], scenario["users"]["lead"])
    after = _main(client.get(summary))
    assert sorted(ratings) == sorted([*published, scenario["published"].pk])
    assert after != before
