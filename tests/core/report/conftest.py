"""Reports built once per test session: the bundled example and the seed 001 §4.4 mock."""

from __future__ import annotations

import pytest

from pinspect.frameworks import Catalogue
from pinspect.report import Report, ReportInputs, build_report, render_html
from pinspect.settings import Settings
from tests.core.report.scenarios import example_inputs, mock_nps_inputs


@pytest.fixture(scope="session")
def example_report_inputs(catalogue: Catalogue) -> ReportInputs:
    return example_inputs(catalogue)


@pytest.fixture(scope="session")
def example_report(example_report_inputs: ReportInputs) -> Report:
    return build_report(example_report_inputs, settings=Settings())


@pytest.fixture(scope="session")
def example_html(example_report: Report) -> str:
    return render_html(example_report)


@pytest.fixture(scope="session")
def mock_nps_report(catalogue: Catalogue) -> Report:
    return build_report(mock_nps_inputs(catalogue), settings=Settings())
