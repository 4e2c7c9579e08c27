"""The demo: users, units and a synthetic PDU inspection, sampled by the sampling core and
half assessed. Only ever written to a database marked as a demo database.

Everything is fictional (:mod:`pinspect.synthetic`); cases are stored under pseudonymous
references, never the synthetic CRNs.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from pinspect.sampling import (
    InspectionWindow,
    Stratification,
    long_list_from_records,
    select_sample,
)
from pinspect.scale.rating import Rating
from pinspect.synthetic import synthetic_long_list
from pinspect.web.accounts.models import SiteFlag
from pinspect.web.assessments.models import SampledCase
from pinspect.web.assessments.questions import case_questions
from pinspect.web.assessments.saving import CaseAnswers, current_answers, save_case
from pinspect.web.calibration.exercises import (
    create_exercise,
    publish,
    questions_of,
    save_reference,
    submit_marking,
)
from pinspect.web.consistency.double_marking import draw, save_second_marking
from pinspect.web.evidence.judgements import propose
from pinspect.web.inspections.models import Inspection, Membership, Role, Status
from pinspect.web.installation import installation_settings
from pinspect.web.organisations.models import Level, Unit, UnitLead, UnitViewer
from pinspect.web.permissions import ANALYSTS
from pinspect.web.published_history import add_published_history
from pinspect.web.reports.models import Publication
from pinspect.web.samples.drawing import case_attributes, reference

__all__ = [
    "DEMO_ANALYST",
    "DEMO_CALIBRATION_INSPECTORS",
    "DEMO_FLAG",
    "DEMO_USERS",
    "DemoRefusedError",
    "build_demo",
    "demo_password",
]

DEMO_FLAG = "demo"
FRAMEWORK = "hmip-2023-pdu"
# The demo's QA sub-sample: its seed, and how often a second marker answers a key question
# the other way (a demo figure, not a setting: nothing is decided by it).
DEMO_QA_SEED = 413
DEMO_DISAGREEMENT = 0.12
DEMO_USERS: tuple[tuple[str, Role], ...] = (
    ("admin", Role.ADMIN),
    ("lead", Role.LEAD),
    ("inspector", Role.INSPECTOR),
    ("qa", Role.QA),
    ("panel", Role.PANEL),
    ("viewer", Role.VIEWER),
)

# Inspectors of a neighbouring inspection, who (with the demo's inspector and lead) marked the
# demo's calibration exercises (001 §4.13).
DEMO_CALIBRATION_INSPECTORS = ("inspector2", "inspector3")
# How often a demo inspector answers a question of an exercise otherwise than the reference
# (a demo figure, not a setting: nothing is decided by it).
DEMO_CALIBRATION_DIFFERENCE = 0.15

# A demo user with no inspection role: a member of the analysts group, who sees the national
# picture and nothing of any inspection.
DEMO_ANALYST = "analyst"


class DemoRefusedError(Exception):
    """The database holds data but is not a demo database."""


@dataclass(frozen=True)
class DemoSummary:
    inspection: Inspection
    long_list: int
    eligible: int
    sample: int
    reserve: int
    assessed: int
    password: str


def demo_password() -> str:
    return os.environ.get("PINSPECT_DEMO_PASSWORD", "demo")


def is_demo_database() -> bool:
    return SiteFlag.objects.filter(name=DEMO_FLAG).exists()


def mark_as_demo() -> None:
    """Mark an empty database as a demo database; refuse one that holds anything."""
    if is_demo_database():
        return
    if get_user_model().objects.exists() or Inspection.objects.exists() or Unit.objects.exists():
        raise DemoRefusedError(
            "this database is not a demo database (it has users or inspections and no demo "
            "mark); the demo adds its users only to a new database or one it created"
        )
    SiteFlag.objects.create(name=DEMO_FLAG, value="created by pinspect_demo")


def _users(password: str) -> dict[str, Any]:
    user_model = get_user_model()
    users = {}
    for username, _role in DEMO_USERS:
        user, _ = user_model.objects.get_or_create(username=username)
        user.is_staff = user.is_superuser = username == "admin"
        user.set_password(password)
        user.save()
        users[username] = user
    for username in DEMO_CALIBRATION_INSPECTORS:
        user, _ = user_model.objects.get_or_create(username=username)
        user.set_password(password)
        user.save()
        users[username] = user
    analyst, _ = user_model.objects.get_or_create(username=DEMO_ANALYST)
    analyst.set_password(password)
    analyst.save()
    group, _ = Group.objects.get_or_create(name=ANALYSTS)
    analyst.groups.add(group)
    users[DEMO_ANALYST] = analyst
    return users


def _units(teams: list[str]) -> Unit:
    nation, _ = Unit.objects.get_or_create(
        code="EW", defaults={"name": "England and Wales", "level": Level.NATION}
    )
    region, _ = Unit.objects.get_or_create(
        code="EW-ASH", defaults={"name": "Ashmoor region", "level": Level.REGION, "parent": nation}
    )
    pdu, _ = Unit.objects.get_or_create(
        code="EW-ASH-PDU1",
        defaults={"name": "Ashmoor PDU", "level": Level.PDU, "parent": region},
    )
    for number, team in enumerate(sorted(teams), start=1):
        Unit.objects.get_or_create(
            code=f"EW-ASH-PDU1-T{number:02d}",
            defaults={"name": team, "level": Level.TEAM, "parent": pdu},
        )
    return pdu


# Published inspections of neighbouring PDUs, so the ratings panel page has other inspections
# to set the demo inspection beside (001 §4.17): (PDU, answer strength, judged ratings).
NEIGHBOURS: tuple[tuple[str, float, tuple[Rating, Rating, Rating]], ...] = (
    ("Brindle PDU", 0.9, (Rating.GOOD, Rating.GOOD, Rating.OUTSTANDING)),
    ("Corfe PDU", 0.7, (Rating.GOOD, Rating.REQUIRES_IMPROVEMENT, Rating.GOOD)),
    ("Dunmore PDU", 0.55, (Rating.REQUIRES_IMPROVEMENT, Rating.REQUIRES_IMPROVEMENT, Rating.GOOD)),
)
NEIGHBOUR_CASES = 12


def _published_neighbours(
    region: Any, users: dict[str, Any], rng: random.Random, start: date, end: date
) -> None:
    """Each neighbouring PDU's inspection: assessed, proposed, then published."""
    lead = users["lead"]
    for number, (name, strength, judged) in enumerate(NEIGHBOURS, start=2):
        unit, _ = Unit.objects.get_or_create(
            code=f"EW-ASH-PDU{number}",
            defaults={"name": name, "level": Level.PDU, "parent": region},
        )
        inspection = Inspection.objects.create(
            title=f"{name} inspection (demo)",
            unit=unit,
            framework_id=FRAMEWORK,
            window_start=start - timedelta(days=365),
            window_end=end - timedelta(days=120 * number),
            status=Status.FIELDWORK,
        )
        Membership.objects.create(inspection=inspection, user=lead, role=Role.LEAD)
        questions = case_questions(inspection.framework, "supervision")
        for index in range(1, NEIGHBOUR_CASES + 1):
            case = SampledCase.objects.create(
                inspection=inspection, reference=reference(index), stratum="demo", assigned_to=lead
            )
            save_case(case, case.version, _answers(rng, questions, strength), actor=lead)
        for standard, rating in zip(("P1.1", "P1.2", "P1.3"), judged, strict=True):
            propose(inspection, standard, rating, "Demo: documents and interviews.", lead)
        inspection.status = Status.PUBLISHED
        inspection.save(update_fields=["status"])
        published_at = datetime.combine(
            inspection.window_end + timedelta(days=60), time(12), tzinfo=UTC
        )
        Publication.objects.create(
            inspection=inspection, published_by=lead, published_at=published_at
        )


def _answers(rng: random.Random, questions: Any, strength: float) -> CaseAnswers:
    answers: dict[str, str] = {}
    notes: dict[str, str] = {}
    for item in questions.key_questions:
        kq_yes = rng.random() < strength
        for prompt in item.prompts:
            answers[prompt.id] = "yes" if rng.random() < (0.85 if kq_yes else 0.3) else "no"
        answers[item.key_question.id] = "yes" if kq_yes else "no"
        notes[item.key_question.id] = "Demo note: evidence seen in the case record."
    return CaseAnswers(answers=answers, notes=notes, attributes=None, complete=True)


def _double_marking(
    inspection: Any, users: dict[str, Any], rng: random.Random, questions: Any
) -> None:
    """001 §4.13: QA draws the sub-sample of the assessed cases; the second markers mark all
    but one of them again, disagreeing now and then, so the agreement page shows real
    figures and one case still shows blind marking. Nothing is moderated yet."""
    sample = draw(
        inspection,
        share=installation_settings().qa_sample_share,
        seed=DEMO_QA_SEED,
        actor=users["qa"],
    )
    qa_cases = list(
        sample.cases.select_related("case", "second_marker").order_by("case__reference")
    )
    for qa_case in qa_cases[:-1]:
        first, _ = current_answers(qa_case.case)
        second = dict(first)
        for question in questions.key_question_ids():
            if rng.random() < DEMO_DISAGREEMENT:
                second[question] = "no" if first.get(question) == "yes" else "yes"
        notes = dict.fromkeys(questions.key_question_ids(), "Demo note: second marking.")
        save_second_marking(
            qa_case,
            qa_case.version,
            CaseAnswers(answers=second, notes=notes, attributes=None, complete=True),
            actor=qa_case.second_marker,
        )


CALIBRATION_EXERCISES = (
    (
        "Calibration exercise 1: Mr A (fictional)",
        "Fictional case for calibration; no real names. Mr A, 34, is supervised for 12 months "
        "after a burglary. He lives with his partner and their two children; the police "
        "attended the address twice last year. He missed two appointments in the first month.",
    ),
    (
        "Calibration exercise 2: Ms B (fictional)",
        "Fictional case for calibration; no real names. Ms B, 27, is released on licence after "
        "a robbery. She is homeless and uses drugs; her probation practitioner changed twice.",
    ),
)


def _calibration(users: dict[str, Any], rng: random.Random, today: date) -> None:
    """001 §4.13: QA publishes two calibration exercises a few months apart; four inspectors
    mark each, a few weeks after publication, differing from the reference now and then, so
    the calibration pages show real figures over time."""
    neighbour = Inspection.objects.get(title="Brindle PDU inspection (demo)")
    for username in DEMO_CALIBRATION_INSPECTORS:
        Membership.objects.get_or_create(
            inspection=neighbour, user=users[username], defaults={"role": Role.INSPECTOR}
        )
    markers = [users["inspector"], users["lead"], *(users[u] for u in DEMO_CALIBRATION_INSPECTORS)]
    for number, (title, summary) in enumerate(CALIBRATION_EXERCISES):
        exercise = create_exercise(
            title=title,
            framework_id=FRAMEWORK,
            sample="supervision",
            summary=summary,
            actor=users["qa"],
        )
        questions = questions_of(exercise)
        reference = _answers(rng, questions, 0.7)
        save_reference(exercise, exercise.version, reference, actor=users["qa"])
        publish(exercise, actor=users["qa"])
        published = today - timedelta(days=120 - 90 * number)
        for index, marker in enumerate(markers):
            answers = {
                q: ("no" if a == "yes" else "yes")
                if rng.random() < DEMO_CALIBRATION_DIFFERENCE
                else a
                for q, a in reference.answers.items()
            }
            submit_marking(
                exercise,
                CaseAnswers(answers=answers, notes={}, complete=True),
                actor=marker,
                at=datetime.combine(
                    published + timedelta(days=3 + 5 * index), time(11), tzinfo=UTC
                ),
            )


def build_demo(*, seed: int = 2023, people: int = 3000, today: date | None = None) -> DemoSummary:
    """Create (or refresh the passwords of) the demo; the inspection is created once."""
    today = today or date(2024, 6, 30)
    password = demo_password()
    with transaction.atomic():
        mark_as_demo()
        users = _users(password)
        existing = Inspection.objects.filter(title="Ashmoor PDU inspection (demo)").first()
        if existing is not None:
            cases = SampledCase.objects.filter(inspection=existing)
            return DemoSummary(
                existing,
                0,
                0,
                cases.filter(reserve_rank__isnull=True).count(),
                cases.filter(reserve_rank__isnull=False).count(),
                cases.filter(status="complete").count(),
                password,
            )
    rows = synthetic_long_list(people, seed, today)
    long_list = long_list_from_records(rows, file="synthetic long list")
    window_start = today - timedelta(days=365)
    selection = select_sample(
        long_list,
        stratification=Stratification(),
        sample_name="supervision",
        today=today,
        window=InspectionWindow(window_start, today),
        size=None,
        seed=seed,
        settings=installation_settings(),
    )
    sample = selection.sample
    with transaction.atomic():
        pdu = _units(sorted({c.team for c in long_list.cases}))
        inspection = Inspection.objects.create(
            title="Ashmoor PDU inspection (demo)",
            unit=pdu,
            framework_id=FRAMEWORK,
            window_start=window_start,
            window_end=today,
            status=Status.FIELDWORK,
        )
        for username, role in DEMO_USERS:
            if role != Role.VIEWER:
                Membership.objects.create(inspection=inspection, user=users[username], role=role)
        UnitViewer.objects.get_or_create(user=users["viewer"], unit=pdu)
        UnitLead.objects.get_or_create(user=users["lead"], unit=pdu)
        assessors = [users["inspector"], users["lead"]]
        created = []
        for number, drawn in enumerate(sample.cases, start=1):
            created.append(
                SampledCase(
                    inspection=inspection,
                    reference=reference(number),
                    stratum=drawn.stratum,
                    reserve_rank=drawn.reserve_rank,
                    assigned_to=None if drawn.is_reserve else assessors[number % 2],
                    attributes=case_attributes(long_list, drawn),
                )
            )
        SampledCase.objects.bulk_create(created)
    rng = random.Random(seed)
    questions = case_questions(inspection.framework, "supervision")
    add_published_history(Unit.objects.get(code="EW"), users["admin"])
    in_sample = list(
        SampledCase.objects.filter(inspection=inspection, reserve_rank__isnull=True)
        .select_related("inspection", "assigned_to")
        .order_by("reference")
    )
    assessed = 0
    for case in in_sample[: len(in_sample) // 2]:
        save_case(case, case.version, _answers(rng, questions, 0.78), actor=case.assigned_to)
        assessed += 1
    _double_marking(inspection, users, rng, questions)
    _published_neighbours(pdu.parent, users, rng, window_start, today)
    _calibration(users, rng, today)
    return DemoSummary(
        inspection,
        len(long_list.cases),
        len(selection.eligibility.eligible),
        len(sample.sample_cases),
        len(sample.reserve_cases),
        assessed,
        password,
    )
