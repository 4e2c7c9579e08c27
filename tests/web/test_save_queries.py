"""What a case page and a save cost in queries (issue 5: 20 inspectors saving at once).

A save reads the case and the member's role once, bumps the version, reads the answers and
writes the new answers, the changed answers and their audit events with one statement each,
whether one answer changed or every one. The role read once per request must never be
remembered beyond the request, nor for another user, nor after a membership changes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pinspect.web.assessments.saving import questions_for
from pinspect.web.audit.models import AuditEvent
from pinspect.web.inspections.models import Membership
from pinspect.web.permissions import one_request, role_of

pytestmark = pytest.mark.django_db

# session, user, case, role; the version bump; the answers read; the new answers inserted,
# the changed ones updated, the audit events inserted; the case read back; BEGIN and COMMIT.
SAVE_QUERIES = 12
# session, user, case, role, answers.
PAGE_QUERIES = 5


def _post(
    client: Any, case: Any, answers: dict[str, str], notes: dict[str, str] | None = None
) -> Any:
    """Save as the case page does, with the version ``case`` holds."""
    body = {f"answer:{q}": a for q, a in answers.items()}
    body.update({f"note:{q}": n for q, n in (notes or {}).items()})
    return client.post(f"/cases/{case.pk}/", {**body, "version": str(case.version)})


def _counted_save(
    client: Any, case: Any, answers: dict[str, str], notes: dict[str, str] | None = None
) -> tuple[int, int]:
    """The queries of one save, and the audit events it wrote."""
    events = AuditEvent.objects.count()
    case.refresh_from_db()  # the version the page showed
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, case, answers, notes)
    assert response.status_code == 302, response.content.decode()[:500]
    return len(queries), AuditEvent.objects.count() - events


def _membership_queries(queries: CaptureQueriesContext) -> int:
    return sum("inspections_membership" in q["sql"] for q in queries.captured_queries)


def test_a_save_costs_the_same_queries_for_one_or_every_changed_answer(
    scenario: dict[str, Any], client_for: Any
) -> None:
    mine, theirs = scenario["case"], scenario["case2"]
    every = dict.fromkeys(questions_for(mine).question_ids(), "yes")
    first = next(iter(every))
    key_questions = questions_for(mine).key_question_ids()
    inspector, inspector2 = client_for("inspector"), client_for("inspector2")

    # Answers not given before: inserted.
    one_new, one_new_events = _counted_save(inspector, mine, {first: "yes"})
    all_new, all_new_events = _counted_save(inspector2, theirs, every)
    assert one_new == all_new <= SAVE_QUERIES
    assert (one_new_events, all_new_events) == (2, len(every) + 1)  # + status

    # Answers changed: updated, and every changed answer and note audited.
    one_changed, one_changed_events = _counted_save(inspector, mine, {first: "no"})
    changed = dict.fromkeys(every, "no")
    notes = {kq: f"Evidence for {kq}" for kq in key_questions}
    all_changed, all_changed_events = _counted_save(inspector2, theirs, changed, notes)
    assert one_changed == all_changed <= SAVE_QUERIES
    assert (one_changed_events, all_changed_events) == (1, len(every) + len(notes))

    # Both at once: the first answer changed back, every other one new.
    both, both_events = _counted_save(inspector, mine, every)
    assert both <= SAVE_QUERIES
    assert both_events == len(every)
    assert dict(mine.answers.values_list("question", "answer")) == every
    assert dict(theirs.answers.values_list("question", "answer")) == changed
    assert dict(theirs.answers.exclude(note="").values_list("question", "note")) == notes


def test_a_save_reads_the_role_once(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, case, {"P2.1.1": "yes"})
    assert response.status_code == 302
    assert _membership_queries(queries) == 1


def test_an_api_save_reads_the_role_once(scenario: dict[str, Any], client_for: Any) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    body = json.dumps({"version": 1, "answers": {"P2.1.1": "yes"}})
    with CaptureQueriesContext(connection) as queries:
        response = client.put(
            f"/api/cases/{case.pk}/answers", body, content_type="application/json"
        )
    assert response.status_code == 200
    assert _membership_queries(queries) == 1


def test_a_case_page_costs_few_queries_and_reads_the_role_once(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    every = dict.fromkeys(questions_for(case).question_ids(), "yes")
    assert _post(client, case, every).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
    assert len(queries) <= PAGE_QUERIES
    assert _membership_queries(queries) == 1


def test_a_role_changed_between_requests_is_read_afresh(
    scenario: dict[str, Any], client_for: Any
) -> None:
    case = scenario["case"]
    client = client_for("inspector")
    assert _post(client, case, {"P2.1.1": "yes"}).status_code == 302
    case.refresh_from_db()
    membership = Membership.objects.get(inspection=case.inspection, user__username="inspector")
    membership.role = "qa"
    membership.save()
    assert _post(client, case, {"P2.1.1": "no"}).status_code == 403
    case.refresh_from_db()
    assert case.version == 2
    assert (
        "You can read this case but not change it."
        in client.get(f"/cases/{case.pk}/").content.decode()
    )


def test_roles_are_remembered_per_user_within_one_request_only(
    scenario: dict[str, Any],
) -> None:
    users, inspection = scenario["users"], scenario["fieldwork"]
    with one_request():
        with CaptureQueriesContext(connection) as queries:
            assert role_of(users["inspector"], inspection) == "inspector"
            assert role_of(users["inspector"], inspection) == "inspector"
            assert role_of(users["qa"], inspection) == "qa"
            assert role_of(users["outsider"], inspection) is None
            assert role_of(users["inspector"], scenario["published"]) == "inspector"
        assert _membership_queries(queries) == 4
        # A membership changed inside the request is seen at once.
        membership = Membership.objects.get(inspection=inspection, user=users["inspector"])
        membership.role = "panel"
        membership.save()
        assert role_of(users["inspector"], inspection) == "panel"
        membership.delete()
        assert role_of(users["inspector"], inspection) is None
    # Outside a request nothing is remembered.
    Membership.objects.create(inspection=inspection, user=users["inspector"], role="lead")
    with CaptureQueriesContext(connection) as queries:
        assert role_of(users["inspector"], inspection) == "lead"
        assert role_of(users["inspector"], inspection) == "lead"
    assert _membership_queries(queries) == 2
