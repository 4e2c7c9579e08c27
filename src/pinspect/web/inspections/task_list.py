"""The inspection overview as a GOV.UK task list, in the order of the work: set up (team, long
list and sample, assignment), fieldwork (cases, evidence, survey, domain-one judgements), the
ratings panel, and the report and its publication.

Each task has a status (not yet started, in progress, completed, or cannot start yet with a
hint saying why) read from the inspection's state; the gates' reasons
(:mod:`pinspect.web.inspections.gates`) are the hints of the tasks they hold back. A task links
to its page only for a user allowed to open it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.urls import reverse

from pinspect.web.assessments.models import CaseStatus, SampledCase
from pinspect.web.evidence.models import EvidenceItem, SurveyQuestion
from pinspect.web.evidence.sources import judged_standards
from pinspect.web.inspections.gates import Facts, facts_of, panel_gate
from pinspect.web.inspections.models import Status
from pinspect.web.panel.departures import is_signed_off
from pinspect.web.panel.models import PanelDecision
from pinspect.web.permissions import Action, can
from pinspect.web.reports.models import Recommendation
from pinspect.web.reports.publication import why_not_publishable

__all__ = ["Headline", "Task", "TaskGroup", "TaskStatus", "headline", "task_groups"]


class TaskStatus(Enum):
    NOT_STARTED = "Not yet started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"
    CANNOT_START = "Cannot start yet"

    @property
    def tag(self) -> str:
        """The GOV.UK tag class (completed is plain text, as the pattern shows it)."""
        return {
            TaskStatus.NOT_STARTED: "govuk-tag govuk-tag--blue",
            TaskStatus.IN_PROGRESS: "govuk-tag govuk-tag--light-blue",
            TaskStatus.COMPLETED: "",
            TaskStatus.CANNOT_START: "",
        }[self]


@dataclass(frozen=True)
class Task:
    slug: str
    name: str
    status: TaskStatus
    href: str | None = None
    hint: str = ""


@dataclass(frozen=True)
class TaskGroup:
    title: str
    tasks: tuple[Task, ...]


@dataclass(frozen=True)
class Headline:
    """Cases complete (or withdrawn with a reason) of the sample; judgements proposed of the
    judged standards."""

    cases_done: int
    cases: int
    proposed: int
    judged: int


_STATUS_ORDER = (Status.SET_UP, Status.FIELDWORK, Status.PANEL, Status.PUBLISHED)


def _reached(inspection: Any, status: str) -> bool:
    return _STATUS_ORDER.index(inspection.status) >= _STATUS_ORDER.index(status)


def _link(user: Any, action: Action, inspection: Any, name: str) -> str | None:
    return reverse(name, args=[inspection.pk]) if can(user, action, inspection) else None


def headline(inspection: Any, facts: Facts | None = None) -> Headline:
    facts = facts or facts_of(inspection)
    judged = len(judged_standards(inspection.framework))
    return Headline(
        cases_done=facts.sample_cases - facts.open_cases,
        cases=facts.sample_cases,
        proposed=judged - len(facts.unproposed),
        judged=judged,
    )


def _set_up(inspection: Any, user: Any, facts: Facts) -> TaskGroup:
    members = inspection.members.count()
    if facts.inspectors:
        team = TaskStatus.COMPLETED
    else:
        team = TaskStatus.IN_PROGRESS if members > 1 else TaskStatus.NOT_STARTED
    drawn = facts.sample_cases > 0
    draw_href = _link(user, Action.MANAGE_INSPECTION, inspection, "samples:draw")
    if drawn or inspection.status != Status.SET_UP:
        draw_href = reverse("samples:sample", args=[inspection.pk])
    sample = SampledCase.objects.filter(
        inspection=inspection, reserve_rank__isnull=True, withdrawn_at__isnull=True
    )
    assigned = sample.filter(assigned_to__isnull=False).count()
    total = sample.count()
    assign_hint = ""
    if not drawn:
        assign, assign_hint = TaskStatus.CANNOT_START, "Draw the sample first"
    elif not facts.inspectors:
        assign, assign_hint = TaskStatus.CANNOT_START, "Add an inspector to the team first"
    elif assigned == total:
        assign = TaskStatus.COMPLETED
    else:
        assign = TaskStatus.IN_PROGRESS if assigned else TaskStatus.NOT_STARTED
        assign_hint = f"{assigned} of {total} cases assigned"
    open_assignment = inspection.status in {Status.SET_UP, Status.FIELDWORK}
    return TaskGroup(
        "Set up the inspection",
        (
            Task(
                "team",
                "Build the inspection team",
                team,
                _link(user, Action.MANAGE_INSPECTION, inspection, "inspections:team"),
                "" if facts.inspectors else "At least one inspector is needed for fieldwork",
            ),
            Task(
                "sample",
                "Upload the long list and draw the sample"
                if not drawn
                else "Sample and its analysis",
                TaskStatus.COMPLETED if drawn else TaskStatus.NOT_STARTED,
                draw_href,
                f"{facts.sample_cases} cases drawn" if drawn else "",
            ),
            Task(
                "assignment",
                "Assign cases to inspectors",
                assign,
                _link(user, Action.MANAGE_INSPECTION, inspection, "samples:assign")
                if assign is not TaskStatus.CANNOT_START and open_assignment
                else None,
                assign_hint,
            ),
        ),
    )


def _fieldwork(inspection: Any, user: Any, facts: Facts, head: Headline) -> TaskGroup:
    started = _reached(inspection, Status.FIELDWORK)
    waiting = (
        "The inspection moves to fieldwork once the sample is drawn and an inspector is on the team"
    )
    if not started:
        cases = TaskStatus.CANNOT_START
        cases_hint = waiting
    elif facts.sample_cases and not facts.open_cases:
        cases, cases_hint = TaskStatus.COMPLETED, ""
    else:
        begun = SampledCase.objects.filter(
            inspection=inspection,
            reserve_rank__isnull=True,
            status__in=(CaseStatus.IN_PROGRESS, CaseStatus.COMPLETE),
        ).exists()
        cases = TaskStatus.IN_PROGRESS if begun else TaskStatus.NOT_STARTED
        cases_hint = f"{head.cases_done} of {head.cases} cases complete"
    evidence_items = EvidenceItem.objects.filter(inspection=inspection).count()
    survey = SurveyQuestion.objects.filter(item__inspection=inspection).exists()
    if not started:
        judgements, judgement_hint = (
            TaskStatus.CANNOT_START,
            "Judgements are recorded from fieldwork",
        )
    elif head.proposed == head.judged:
        judgements, judgement_hint = TaskStatus.COMPLETED, ""
    else:
        judgements = TaskStatus.IN_PROGRESS if head.proposed else TaskStatus.NOT_STARTED
        judgement_hint = f"{head.proposed} of {head.judged} judged standards have a proposed rating"
    view_evidence = can(user, Action.VIEW_EVIDENCE, inspection)
    return TaskGroup(
        "Fieldwork",
        (
            Task(
                "cases",
                "Assess the sample cases",
                cases,
                "#cases" if started else None,
                cases_hint,
            ),
            Task(
                "evidence",
                "Evidence log",
                TaskStatus.IN_PROGRESS if evidence_items else TaskStatus.NOT_STARTED,
                reverse("evidence:log", args=[inspection.pk]) if view_evidence else None,
                f"{evidence_items} item{'s' if evidence_items != 1 else ''} recorded",
            ),
            Task(
                "survey",
                "Survey of people on probation",
                TaskStatus.COMPLETED if survey else TaskStatus.NOT_STARTED,
                reverse("evidence:survey", args=[inspection.pk]) if view_evidence else None,
                "" if survey else "Import the survey results when they arrive",
            ),
            Task(
                "judgements",
                "Domain one judgements",
                judgements,
                reverse("evidence:judgements", args=[inspection.pk]) if view_evidence else None,
                judgement_hint,
            ),
        ),
    )


def _panel(inspection: Any, user: Any, facts: Facts) -> TaskGroup:
    hint = ""
    if not _reached(inspection, Status.PANEL):
        status = TaskStatus.CANNOT_START
        refusal = panel_gate(facts)
        hint = (
            "; ".join(refusal.reasons)
            if refusal is not None and inspection.status == Status.FIELDWORK
            else "The inspection moves to the ratings panel after fieldwork"
        )
        if refusal is None and inspection.status == Status.FIELDWORK:
            hint = "Ready: move the inspection to the ratings panel on its status page"
    elif is_signed_off(inspection):
        status = TaskStatus.COMPLETED
    elif PanelDecision.objects.filter(inspection=inspection).exists():
        status = TaskStatus.IN_PROGRESS
    else:
        status = TaskStatus.NOT_STARTED
    return TaskGroup(
        "Ratings panel",
        (
            Task(
                "panel",
                "Ratings panel",
                status,
                _link(user, Action.VIEW_PANEL, inspection, "panel:panel")
                if status is not TaskStatus.CANNOT_START
                else None,
                hint,
            ),
        ),
    )


def _report(inspection: Any, user: Any) -> TaskGroup:
    published = inspection.status == Status.PUBLISHED
    recommendations = Recommendation.objects.filter(inspection=inspection).count()
    if published:
        publish, publish_hint = TaskStatus.COMPLETED, ""
    else:
        why = why_not_publishable(inspection)
        publish = TaskStatus.CANNOT_START if why else TaskStatus.NOT_STARTED
        publish_hint = why
    return TaskGroup(
        "Report and publication",
        (
            Task(
                "recommendations",
                "Recommendations",
                TaskStatus.IN_PROGRESS if recommendations else TaskStatus.NOT_STARTED,
                _link(user, Action.EDIT_REPORT, inspection, "reports:recommendations"),
                f"{recommendations} recommendation{'s' if recommendations != 1 else ''} written",
            ),
            Task(
                "report",
                "Report" if published else "Draft report",
                TaskStatus.COMPLETED if published else TaskStatus.IN_PROGRESS,
                _link(user, Action.VIEW_REPORT, inspection, "reports:report"),
            ),
            Task(
                "publish",
                "Publish the report",
                publish,
                # At the panel the publish page says what is still missing.
                _link(user, Action.EDIT_REPORT, inspection, "reports:publish")
                if inspection.status == Status.PANEL
                else None,
                publish_hint,
            ),
        ),
    )


def task_groups(inspection: Any, user: Any) -> tuple[Headline, list[TaskGroup]]:
    """The headline progress and the task list's groups, for ``user``."""
    facts = facts_of(inspection)
    head = headline(inspection, facts)
    return head, [
        _set_up(inspection, user, facts),
        _fieldwork(inspection, user, facts, head),
        _panel(inspection, user, facts),
        _report(inspection, user),
    ]
