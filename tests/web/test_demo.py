"""The demo: built from the synthetic long list and the sampling core, half assessed, and
never added to a database that is not a demo database."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from pinspect.web.assessments.models import SampledCase

pytestmark = pytest.mark.django_db


def test_demo_builds_a_sampled_half_assessed_inspection(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("pinspect_demo", "--no-serve", "--people", "400")
    out = capsys.readouterr().out
    assert "Password: demo" in out
    for username in ("admin", "lead", "inspector", "qa", "panel", "viewer"):
        assert f"  {username} " in out
    sample = SampledCase.objects.filter(reserve_rank__isnull=True)
    assert sample.count() > 0
    assert sample.filter(status="complete").count() == sample.count() // 2
    call_command("pinspect_demo", "--no-serve", "--people", "400")  # a demo database: reused


def test_demo_refuses_a_database_that_is_not_a_demo(make_user: object) -> None:
    make_user("somebody")  # type: ignore[operator]
    with pytest.raises(CommandError, match="not a demo database"):
        call_command("pinspect_demo", "--no-serve", "--people", "400")
    assert not get_user_model().objects.filter(username="lead").exists()
