"""Permission-matrix rows: calibration exercises across inspections (001 §4.13).

Least privilege: only QA (the quality assurance role on any inspection, or the QA group)
creates, publishes and reads every inspector's figures; only inspectors and lead inspectors
(of any inspection) mark an exercise and read their own page; everyone else gets 403, and
anonymous users are sent to log in. The scenario has one published exercise, nobody's marking
yet, and one draft.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pinspect.web.calibration.models import Exercise, ExerciseStatus
from tests.web.matrix import Row, codes

MARKERS = {"lead": 200, "inspector": 200, "inspector2": 200}
# An incomplete marking: the markers get the form back (400), nothing written.
MARK = {"answer:P2.1.1": "yes"}
NEW = {"title": "", "framework": "hmip-2023-pdu|supervision", "summary": "Fictional"}
REFERENCE = {"version": "1", "action": "save", "answer:P2.1.1": "yes"}


def add_exercises(data: dict[str, Any]) -> None:
    """A published exercise and a draft, created by QA."""
    qa = data["users"]["qa"]
    data["exercise"] = Exercise.objects.create(
        title="Published exercise",
        framework_id="hmip-2023-pdu",
        summary="Fictional",
        status=ExerciseStatus.PUBLISHED,
        created_by=qa,
        published_by=qa,
        published_at=timezone.now(),
    )
    data["draft_exercise"] = Exercise.objects.create(
        title="Draft exercise", framework_id="hmip-2023-pdu", summary="Fictional", created_by=qa
    )


ROWS: list[Row] = [
    ("your calibration", "get", "/calibration/", None, codes(403, 302, **MARKERS)),
    ("mark an exercise", "get", "/calibration/mark/{exercise}/", None, codes(403, 302, **MARKERS)),
    (
        "mark an exercise (incomplete)",
        "post",
        "/calibration/mark/{exercise}/",
        MARK,
        codes(403, 302, lead=400, inspector=400, inspector2=400),
    ),
    (
        "mark a draft exercise",
        "get",
        "/calibration/mark/{draft_exercise}/",
        None,
        codes(403, 302, lead=404, inspector=404, inspector2=404),
    ),
    (
        "mark an exercise (no such id)",
        "get",
        "/calibration/mark/999999/",
        None,
        codes(403, 302, lead=404, inspector=404, inspector2=404),
    ),
    ("calibration exercises (QA)", "get", "/calibration/exercises/", None, codes(403, 302, qa=200)),
    (
        "create an exercise (no title)",
        "post",
        "/calibration/exercises/create/",
        NEW,
        codes(403, 302, qa=400),
    ),
    (
        "exercise page (published)",
        "get",
        "/calibration/exercises/{exercise}/",
        None,
        codes(403, 302, qa=200),
    ),
    (
        "exercise page (draft)",
        "get",
        "/calibration/exercises/{draft_exercise}/",
        None,
        codes(403, 302, qa=200),
    ),
    (
        "exercise page (no such id)",
        "get",
        "/calibration/exercises/999999/",
        None,
        codes(403, 302, qa=404),
    ),
    # A published reference cannot change: QA gets the page back with the reason (400).
    (
        "save the reference (published)",
        "post",
        "/calibration/exercises/{exercise}/",
        REFERENCE,
        codes(403, 302, qa=400),
    ),
    (
        "save the reference (draft)",
        "post",
        "/calibration/exercises/{draft_exercise}/",
        REFERENCE,
        codes(403, 302, qa=302),
    ),
    (
        "publish (already published)",
        "post",
        "/calibration/exercises/{exercise}/publish/",
        {},
        codes(403, 302, qa=400),
    ),
    # The draft's reference is empty: QA gets the page back naming what is missing (400).
    (
        "publish (reference incomplete)",
        "post",
        "/calibration/exercises/{draft_exercise}/publish/",
        {},
        codes(403, 302, qa=400),
    ),
]
