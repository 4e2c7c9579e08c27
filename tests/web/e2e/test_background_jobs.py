"""In the browser: the lead starts the report PDF, watches the progress bar advance (updated by
the page's script from the job's JSON twin) and downloads the finished file; the lead imports
a survey and follows its job to the results. The pages pass axe-core and the policy (no inline
script or style) while doing so."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from pinspect.web.demo import DemoSummary
from pinspect.web.jobs import work
from tests.web.e2e.conftest import login
from tests.web.e2e.test_accessibility import _violations
from tests.web.jobs import job_worker_thread

#: Making the PDF takes seconds, much longer while other tests share the cores.
PDF_TIMEOUT_MS = 90_000
#: The first step is held this long, so the bar has time to move however fast the machine is.
HELD_SECONDS = 3.0


def test_the_pdf_job_shows_its_progress_and_downloads(
    page: Any, demo: DemoSummary, monkeypatch: pytest.MonkeyPatch
) -> None:
    making = work.PRODUCERS["report_pdf"]

    def held(inspection: Any, progress: Any) -> Any:
        progress.step("Gathering the inspection's results", 5, 30)
        time.sleep(HELD_SECONDS)  # the heartbeat moves the bar on within the step
        return making(inspection, progress)

    monkeypatch.setitem(work.PRODUCERS, "report_pdf", held)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    login(page, "lead")
    pk = demo.inspection.pk
    page.goto(f"/reports/{pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert page.get_by_role("heading", name="The report (PDF)").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Make the file").click()
    bar = page.locator("#job-progress")
    assert bar.get_attribute("value") == "0"
    assert page.locator("#job-words").inner_text() == "Waiting for a worker"
    assert _violations(page) == []
    seen: list[int] = []
    with job_worker_thread():
        download_button = page.get_by_role("link", name="Download")
        deadline = time.monotonic() + PDF_TIMEOUT_MS / 1000
        while download_button.count() == 0 and time.monotonic() < deadline:
            try:
                value = int(bar.evaluate("element => element.value", timeout=1000))
            except Exception:
                value = None
            if value is not None and (not seen or seen[-1] != value):
                seen.append(value)
            time.sleep(0.05)
        download_button.wait_for(timeout=PDF_TIMEOUT_MS)
    # The bar advanced while the worker made the file, then the page offered it.
    assert len(seen) >= 3, seen
    assert seen == sorted(seen), seen
    assert 0 < seen[1] < 100, seen
    assert page.locator("#job-words").inner_text() == "Ready to download"
    with page.expect_download(timeout=PDF_TIMEOUT_MS) as download_info:
        download_button.click()
    download = download_info.value
    assert download.suggested_filename.endswith("-report-draft.pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    assert _violations(page) == []
    assert errors == []  # no script error, nothing the policy refused


QUESTIONS = (
    "id,text,options,prompts\n"
    'Q1,"Can you get to your appointments easily?",Yes|No,P1.3.1.a\n'
    "Q2,Does your practitioner listen to you?,Always|Sometimes|Never,P1.2.1.a P1.3.1.b\n"
)
RESPONSES = "respondent,Q1,Q2\n" + "".join(f"r{n},Yes,Always\n" for n in range(12))


def test_the_survey_import_shows_its_progress_and_links_to_the_results(
    page: Any, demo: DemoSummary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    importing = work.IMPORTERS["survey_import"]

    def held(job: Any, uploads: Any, progress: Any) -> Any:
        progress.step("Reading the survey", 5, 80)
        time.sleep(HELD_SECONDS)  # the heartbeat moves the bar on within the step
        return importing(job, uploads, progress)

    monkeypatch.setitem(work.IMPORTERS, "survey_import", held)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    (tmp_path / "questions.csv").write_text(QUESTIONS, encoding="utf-8")
    (tmp_path / "responses.csv").write_text(RESPONSES, encoding="utf-8")
    login(page, "lead")
    pk = demo.inspection.pk
    page.goto(f"/evidence/{pk}/survey/import/")
    page.get_by_label("Questions file (CSV)").set_input_files(str(tmp_path / "questions.csv"))
    page.get_by_label("Responses file (CSV)").set_input_files(str(tmp_path / "responses.csv"))
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()
    assert page.get_by_role("heading", name="Importing the survey").is_visible()
    bar = page.locator("#job-progress")
    assert page.locator("#job-words").inner_text() == "Waiting for a worker"
    assert _violations(page) == []
    seen: list[int] = []
    with job_worker_thread():
        results = page.get_by_role("link", name="See the survey results")
        deadline = time.monotonic() + PDF_TIMEOUT_MS / 1000
        while results.count() == 0 and time.monotonic() < deadline:
            try:
                value = int(bar.evaluate("element => element.value", timeout=1000))
            except Exception:
                value = None
            if value is not None and (not seen or seen[-1] != value):
                seen.append(value)
            time.sleep(0.05)
        results.wait_for(timeout=PDF_TIMEOUT_MS)
    # The bar advanced while the worker read the survey, then the page said what was saved.
    assert len(seen) >= 3, seen
    assert seen == sorted(seen), seen
    assert page.locator("#job-words").inner_text() == "Done"
    assert page.locator("#job-outcome").inner_text() == "Imported 2 survey questions"
    assert _violations(page) == []
    with page.expect_navigation():
        results.click()
    assert "Can you get to your appointments easily?" in page.content()
    assert _violations(page) == []
    assert errors == []  # no script error, nothing the policy refused
