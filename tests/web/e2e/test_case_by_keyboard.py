"""A whole 2023 PDU case assessed by keyboard alone, one standard a page: the key presses are
counted (no more than one per answer plus two per standard, for navigation and saving), the
last standard's button moves on to the inspector's next case in one action, and a reload in
the middle of the case loses nothing that was saved."""

from __future__ import annotations

from typing import Any

from pinspect.web.assessments.models import CaseAnswer, SampledCase
from pinspect.web.assessments.saving import questions_for
from pinspect.web.assessments.views import next_case
from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import login


def _first_not_started(demo: DemoSummary) -> SampledCase:
    case = (
        SampledCase.objects.filter(
            inspection=demo.inspection, assigned_to__username="inspector", status="not_started"
        )
        .order_by("reference")
        .first()
    )
    assert case is not None, "the demo has no case of the inspector to assess"
    return case


def _focused(page: Any) -> dict[str, str]:
    """What has the keyboard focus: a radio (its name) or a button (its text)."""
    result: dict[str, str] = page.evaluate(
        """() => {
            const e = document.activeElement;
            return {tag: e.tagName, type: e.type || "", name: e.name || "",
                    text: (e.innerText || "").trim()};
        }"""
    )
    return result


def test_a_case_by_keyboard_alone(page: Any, demo: DemoSummary) -> None:
    case = _first_not_started(demo)
    following = next_case(case.assigned_to, case)
    assert following is not None
    questions = questions_for(case)
    answers = len(questions.question_ids())
    standards = len(questions.standards())
    login(page, "inspector")
    page.goto(f"/cases/{case.pk}/start/")
    page.get_by_role("heading", name="P2.1 Assessment", exact=True).wait_for()

    presses = 0
    answered: list[str] = []
    pages_seen = 1
    reloaded = False
    while True:
        focus = _focused(page)
        if focus["type"] == "radio":
            # Every seventh answer no, the others yes.
            key = "n" if len(answered) % 7 == 6 else "y"
            answered.append(focus["name"])
            page.keyboard.press(key)
            presses += 1
            continue
        assert focus["tag"] == "BUTTON", focus
        leaving_last = focus["text"] == "Mark complete and go to my next case"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        presses += 1
        if leaving_last:
            break
        pages_seen += 1
        if pages_seen == 3 and not reloaded:
            # Mid-case: two standards saved. A reload keeps them (and costs no key press).
            page.reload()
            reloaded = True
            assert page.get_by_text("2 of 4 standards done").is_visible()
            saved = CaseAnswer.objects.filter(case=case).exclude(answer="").count()
            assert saved == len(answered)
        page.locator("form[data-quick-answer]").wait_for()

    limit = answers + 2 * standards
    print(
        f"\nkeyboard: {presses} key presses for {answers} answers over {standards} standards "
        f"(limit {limit})"
    )
    assert len(answered) == answers
    assert presses <= limit
    # One action moved on to the inspector's next unfinished case.
    assert page.url.endswith(f"/cases/{following.pk}/standards/P2.1/")
    assert page.get_by_text(f"Case {case.reference} marked complete").is_visible()
    case.refresh_from_db()
    assert case.status == "complete"
    saved_answers = dict(CaseAnswer.objects.filter(case=case).values_list("question", "answer"))
    assert sorted(a for a in saved_answers if saved_answers[a]) == sorted(questions.question_ids())
    assert list(saved_answers.values()).count("no") == answers // 7


def test_the_arrow_keys_still_move_within_a_group(page: Any, demo: DemoSummary) -> None:
    """Native radio behaviour stays: the arrow keys choose within the focused group."""
    case = _first_not_started(demo)
    login(page, "inspector")
    page.goto(f"/cases/{case.pk}/standards/P2.1/")
    page.locator("form[data-quick-answer]").wait_for()
    first = _focused(page)
    assert first["type"] == "radio"
    page.keyboard.press("ArrowRight")
    after = _focused(page)
    assert after["name"] == first["name"]
    assert page.locator(f'input[name="{first["name"]}"][value="no"]').is_checked()
