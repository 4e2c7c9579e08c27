"""axe-core on every page of the case form: no violation of any impact, on each standard's
page, the whole-case page and a page with its error summary, and with the guidance of seed 004
closed and open.

The bundled frameworks that cases are assessed against carry no guidance (seed 004 gives it
for the national standards), so the guidance pages use a test framework: the 2023 PDU
standards with the national framework's guidance, evidence sources and judgement text on the
prompts of P2.1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from pinspect.frameworks import bundled_catalogue, load_catalogue
from pinspect.web.assessments.models import SampledCase
from pinspect.web.demo import DemoSummary
from tests.web.e2e.conftest import login

GUIDED = "test-2023-pdu-guided"


def _violations(page: Any) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v.get('impact')}: {v['id']} ({v['help']}) at "
        + "; ".join(", ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in results.response["violations"]
    ]


def _case(demo: DemoSummary, status: str) -> SampledCase:
    case = (
        SampledCase.objects.filter(
            inspection=demo.inspection, assigned_to__username="inspector", status=status
        )
        .order_by("reference")
        .first()
    )
    assert case is not None
    return case


@pytest.mark.parametrize("status", ["not_started", "complete"])
def test_every_page_of_the_case_form(page: Any, demo: DemoSummary, status: str) -> None:
    case = _case(demo, status)
    login(page, "inspector")
    urls = [f"/cases/{case.pk}/"] + [
        f"/cases/{case.pk}/standards/{s}/" for s in ("P2.1", "P2.2", "P2.3", "P2.4")
    ]
    for url in urls:
        response = page.goto(url)
        assert response is not None
        assert response.ok, url
        page.locator("main").wait_for()
        assert _violations(page) == [], url


def test_the_error_summary_of_a_standard_page(page: Any, demo: DemoSummary) -> None:
    case = _case(demo, "not_started")
    login(page, "inspector")
    page.goto(f"/cases/{case.pk}/standards/P2.4/")
    with page.expect_navigation():
        page.get_by_role("button", name="Mark complete and go to my next case").click()
    page.locator(".govuk-error-summary").wait_for()
    assert _violations(page) == []


@pytest.fixture
def guided(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The web app's catalogue with the guided test framework added."""
    national = bundled_catalogue()["hmip-2024-national"]
    source = next(p for s in national.standards for k in s.key_questions for p in k.prompts)
    assert source.guidance
    assert source.evidence
    assert source.judgement
    base = bundled_catalogue()["hmip-2023-pdu"]
    data = yaml.safe_load(Path(base.path or "").read_text(encoding="utf-8"))
    data["id"] = GUIDED
    for domain in data["domains"]:
        for standard in domain["standards"]:
            if standard["id"] != "P2.1":
                continue
            for kq in standard["key_questions"]:
                for prompt in kq["prompts"]:
                    prompt["guidance"] = source.guidance
                    prompt["evidence"] = {
                        "in_advance": list(source.evidence.in_advance),
                        "fieldwork": list(source.evidence.fieldwork),
                    }
                    prompt["judgement"] = {
                        "positive": source.judgement.positive,
                        "negative": source.judgement.negative,
                    }
    (tmp_path / f"{GUIDED}.yaml").write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    catalogue = load_catalogue([tmp_path])
    monkeypatch.setattr("pinspect.web.inspections.models.catalogue", lambda: catalogue)
    monkeypatch.setattr("pinspect.web.frameworks.catalogue", lambda: catalogue)


def test_guidance_closed_and_open(page: Any, demo: DemoSummary, guided: None) -> None:
    """Seed 004's guidance beside its prompt, in a details component closed by default."""
    inspection = demo.inspection
    inspection.framework_id = GUIDED
    inspection.save()
    case = _case(demo, "not_started")
    login(page, "inspector")
    page.goto(f"/cases/{case.pk}/standards/P2.1/")
    details = page.locator("details", has_text="Guidance for a)")
    assert details.count() == 3  # one per key question's prompt a)
    first = details.first
    assert first.get_attribute("open") is None
    assert _violations(page) == [], "guidance closed"
    page.locator("summary", has_text="Guidance for").first.click()
    assert first.get_attribute("open") is not None
    assert first.get_by_text("Where to find evidence").is_visible()
    for summary in page.locator("details summary", has_text="Guidance for").all():
        if summary.locator("xpath=..").get_attribute("open") is None:
            summary.click()
    assert _violations(page) == [], "guidance open"
    page.goto(f"/cases/{case.pk}/standards/P2.2/")
    assert page.locator("details", has_text="Guidance for").count() == 0
