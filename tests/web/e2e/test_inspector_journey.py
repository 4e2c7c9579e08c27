"""An inspector's day in the browser: sign in, open one of their unfinished cases, answer
every question, mark it complete, and see the live results move."""

from __future__ import annotations

import re
from typing import Any

from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import login

KEY_QUESTION = "P2.1.1"


def _results(page: Any, inspection_id: int) -> tuple[int, int]:
    """The complete-case count and KEY_QUESTION's yes count, as the results page shows them."""
    page.goto(f"/inspections/{inspection_id}/results/")
    page.get_by_role("heading", name="Provisional results").wait_for()
    complete = page.locator("#complete-cases").inner_text()
    match = re.search(r"From (\d+) complete case", complete)
    assert match, complete
    row = page.locator(f'tr[data-key-question="{KEY_QUESTION}"]').first
    yes = row.locator('td[data-count="yes"]').inner_text()
    return int(match.group(1)), int(yes)


def test_assessing_a_case_moves_the_results(page: Any, demo: DemoSummary) -> None:
    inspection_id = demo.inspection.pk
    login(page, "inspector")
    complete_before, yes_before = _results(page, inspection_id)
    assert complete_before == demo.assessed

    page.get_by_role("link", name="My cases").click()
    page.get_by_role("heading", name="My cases").wait_for()
    unfinished = page.locator("tbody tr", has_text="Not started").first
    reference = unfinished.locator("th a").inner_text().split(",")[0]
    unfinished.get_by_role("link", name=re.compile("^Whole case")).click()
    page.get_by_role("heading", name=f"Case {reference}").wait_for()

    # Every prompt and key question: yes. Each radio group's first choice is "Yes".
    yes_radios = page.locator('input.govuk-radios__input[value="yes"]')
    count = yes_radios.count()
    assert count > 0
    for index in range(count):
        yes_radios.nth(index).check()
    page.get_by_label(f"Evidence notes for {KEY_QUESTION}").fill("Seen in the case record.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save and mark complete").click()
    assert page.get_by_text(f"Case {reference} marked complete").is_visible()
    assert page.locator(".govuk-error-summary").count() == 0

    complete_after, yes_after = _results(page, inspection_id)
    assert complete_after == complete_before + 1
    assert yes_after == yes_before + 1


def test_one_click_from_my_cases_to_the_next_question(page: Any, demo: DemoSummary) -> None:
    """The frequent path: "My cases", then one click to the first standard not yet done of
    the next unfinished case, its progress shown."""
    login(page, "inspector")
    page.get_by_role("link", name="My cases").click()
    button = page.get_by_role("link", name=re.compile("^(Start|Continue with) case "))
    reference = button.inner_text().split(" case ")[1]
    with page.expect_navigation():
        button.click()
    assert page.get_by_role("link", name=f"Case {reference}").is_visible()  # the breadcrumb
    assert re.search(r"/cases/\d+/standards/[^/]+/$", page.url), page.url
    assert "standards done" in page.locator("main").inner_text()
