"""Web tests: Django is configured here only, so the core tests never need it.

``DATABASE_URL=postgresql://…`` runs the same suite on PostgreSQL; otherwise SQLite in a
temporary data directory (a file, so WAL mode applies).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinspect.web.settings")
os.environ.setdefault("PINSPECT_DATA_DIR", tempfile.mkdtemp(prefix="pinspect-web-tests-"))
# The web application refuses to start without a key; this one is for the tests only.
os.environ.setdefault("PINSPECT_SECRET_KEY", "tests-only-" + "k" * 50)

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from pinspect.web.assessments.models import SampledCase  # noqa: E402
from pinspect.web.assessments.saving import questions_for  # noqa: E402
from pinspect.web.audit.triggers import remove_triggers  # noqa: E402
from pinspect.web.inspections.models import Inspection, Membership  # noqa: E402
from pinspect.web.inspections.results import forget_published_results  # noqa: E402
from pinspect.web.organisations.models import Unit, UnitLead, UnitViewer  # noqa: E402
from pinspect.web.permissions import ANALYSTS  # noqa: E402

PASSWORD = "correct horse battery staple"
ROLES = ("admin", "lead", "inspector", "qa", "panel", "viewer")


@pytest.fixture
def make_user(db: Any) -> Callable[..., Any]:
    def make(username: str, **extra: Any) -> Any:
        return get_user_model().objects.create_user(username, password=PASSWORD, **extra)

    return make


def make_units() -> dict[str, Any]:
    """The unit tree: England and Wales, a region, and two PDUs in it (codes fixed)."""
    existing = {u.code: u for u in Unit.objects.filter(code__in=("EW", "R1", "P1", "P2"))}
    if len(existing) == 4:
        return {
            "nation": existing["EW"],
            "region": existing["R1"],
            "pdu": existing["P1"],
            "other": existing["P2"],
        }
    nation = Unit.objects.create(code="EW", name="England and Wales", level="nation")
    region = Unit.objects.create(code="R1", name="Region one", level="region", parent=nation)
    pdu = Unit.objects.create(code="P1", name="PDU one", level="pdu", parent=region)
    other = Unit.objects.create(code="P2", name="PDU two", level="pdu", parent=region)
    return {"nation": nation, "region": region, "pdu": pdu, "other": other}


@pytest.fixture
def units(db: Any) -> dict[str, Any]:
    return make_units()


def _inspection(unit: Any, title: str, status: str) -> Any:
    return Inspection.objects.create(
        title=title,
        unit=unit,
        framework_id="hmip-2023-pdu",
        window_start=date(2024, 1, 1),
        window_end=date(2024, 6, 30),
        status=status,
    )


def build_scenario() -> dict[str, Any]:
    """Named scenario: an inspection in fieldwork and a published one of PDU one, each with a
    member per role; a second inspector; a viewer of PDU one; a viewer of PDU two; an
    outsider; an analyst (the national picture only); the lead may lead inspections of PDU
    one; a case assigned to the inspector and one to the other inspector."""
    units = make_units()

    def make_user(username: str) -> Any:
        return get_user_model().objects.create_user(username, password=PASSWORD)

    users = {role: make_user(role) for role in ROLES}
    users["inspector2"] = make_user("inspector2")
    users["outsider"] = make_user("outsider")
    users["other_viewer"] = make_user("other_viewer")
    users["analyst"] = make_user("analyst")
    users["analyst"].groups.add(Group.objects.get_or_create(name=ANALYSTS)[0])
    fieldwork = _inspection(units["pdu"], "PDU one 2024", "fieldwork")
    published = _inspection(units["pdu"], "PDU one 2023", "published")
    other = _inspection(units["other"], "PDU two 2024", "published")
    for inspection in (fieldwork, published):
        for role in ROLES:
            if role != "viewer":
                Membership.objects.create(inspection=inspection, user=users[role], role=role)
        Membership.objects.create(inspection=inspection, user=users["inspector2"], role="inspector")
    UnitViewer.objects.create(user=users["viewer"], unit=units["pdu"])
    UnitLead.objects.create(user=users["lead"], unit=units["pdu"])
    UnitViewer.objects.create(user=users["other_viewer"], unit=units["other"])

    def case(inspection: Any, reference: str, assigned: Any) -> Any:
        return SampledCase.objects.create(
            inspection=inspection, reference=reference, stratum="female", assigned_to=assigned
        )

    return {
        "users": users,
        "fieldwork": fieldwork,
        "published": published,
        "other": other,
        "case": case(fieldwork, "C0001", users["inspector"]),
        "case2": case(fieldwork, "C0002", users["inspector2"]),
        "published_case": case(published, "C0001", users["inspector"]),
        "other_case": case(other, "C0001", None),
    }


@pytest.fixture
def scenario(db: Any, units: dict[str, Any]) -> dict[str, Any]:
    """The named scenario of :func:`build_scenario`, for one test."""
    return build_scenario()


@pytest.fixture
def client_for(client: Any, scenario: dict[str, Any]) -> Callable[[str | None], Any]:
    def login(username: str | None) -> Any:
        browser = Client()
        if username is not None:
            browser.force_login(scenario["users"][username])
        return browser

    return login


def full_answers(case: Any, yes: bool = True) -> dict[str, str]:
    """Every question of the case answered (key questions yes/no, prompts the same; an
    outcome key question met or not met)."""
    word = "yes" if yes else "no"
    questions = questions_for(case)
    outcome = "met" if yes else "not met"
    return {
        q: word if word in questions.allowed_answers(q) else outcome
        for q in questions.question_ids()
    }


@pytest.fixture(autouse=True)
def _job_files_of_this_test(settings: Any, tmp_path: Any) -> None:
    """Each test's report files in a directory of its own: test workers share the data
    directory, while their databases (and so job ids) are separate."""
    settings.PINSPECT_JOB_DIR = tmp_path / "data" / "jobs"


def _transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    by_marker = marker is not None and bool(marker.kwargs.get("transaction"))
    return by_marker or bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _upload_jobs_run_at_once(request: pytest.FixtureRequest, monkeypatch: Any) -> None:
    """A worker sees committed rows only, so no worker can run the jobs of a test that runs
    inside one transaction. In such a test an upload job (the sample draw, the survey import)
    runs when it is started, within the request, through the worker's own code
    (:func:`pinspect.web.jobs.runner.execute`), its progress written on the request's
    connection; so a test of an upload page sees the job's outcome as the page answers. The
    transactional tests (tests/web/test_upload_jobs.py, the SIGKILL tests) run the jobs in
    real workers."""
    if _transactional(request):
        return
    from pinspect.web.jobs import runner, status  # noqa: PLC0415
    from pinspect.web.jobs.models import Kind  # noqa: PLC0415

    class InlineHeartbeat(runner.Heartbeat):
        def __enter__(self) -> runner.Heartbeat:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    original = status.enqueue

    def enqueue(job: Any) -> None:
        if not Kind(job.kind).takes_upload:
            original(job)
            return
        with monkeypatch.context() as patch:
            patch.setattr(runner, "Heartbeat", InlineHeartbeat)
            # A failure is recorded on the job, as a worker records it.
            with contextlib.suppress(Exception):
                runner.execute(job.pk, job.attempt)

    monkeypatch.setattr(status, "enqueue", enqueue)


@pytest.fixture(autouse=True)
def _no_published_results_kept() -> None:
    """Each test's database starts empty, so its inspections and audit events take ids an
    earlier test's had: results kept for those (published_result) are let go."""
    forget_published_results()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Tests create many users; the real hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _audit_triggers_lifted_for_the_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Transactional tests end with a flush that empties every table, the audit table too;
    its triggers (pinspect.web.audit.triggers) would rightly refuse that. They are removed
    just before the flush, and the flush's own post_migrate signal installs them again, so
    every test runs with them in place."""
    marker = request.node.get_closest_marker("django_db")
    by_marker = marker is not None and bool(marker.kwargs.get("transaction"))
    by_fixture = {"transactional_db", "live_server"} & set(request.fixturenames)
    if not (by_marker or by_fixture):
        yield
        return
    if by_fixture:
        # Set up here, so that its flush runs after this fixture's teardown.
        request.getfixturevalue("transactional_db")
    yield
    remove_triggers(connection)
