"""Who may do what: one table, one function, used by every page and API endpoint.

Membership and role are per inspection. A viewer (of an inspected organisation) sees only the
*published* results of its own unit (or a unit below it). Everyone else sees only the
inspections they are members of. An inspection a user may not see does not exist for them:
pages and API answer 404, never 403, so ids cannot be probed. A user who can see an
inspection but not do a thing with it gets 403.

:func:`allowed` is the rule, pure (role, action, facts → bool); :func:`can` gathers the facts
from the database for a user and an object and asks :func:`allowed`.

A page asks about the same inspection several times (may the user see it, read it, change
this case). Inside :func:`one_request` :func:`role_of` reads each user's role on each
inspection once and remembers it until the block ends; any change to a membership, a unit
viewer or a unit forgets what it remembered. Every view behind :func:`permission_required`
runs in one, and so does each call of :func:`inspection_for` and :func:`case_for`. Outside
it nothing is remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpRequest, HttpResponse

from pinspect.web.assessments.models import SampledCase
from pinspect.web.consistency.blind import hidden_from
from pinspect.web.inspections.models import Inspection, Membership
from pinspect.web.organisations.models import Unit, UnitLead, UnitViewer

__all__ = [
    "ANALYSTS",
    "Action",
    "allowed",
    "can",
    "inspection_for",
    "one_request",
    "permission_required",
    "role_of",
    "unit_for",
    "units_led_by",
    "visible_inspections",
]


class Action(StrEnum):
    VIEW_INSPECTION = "view_inspection"  # overview, progress, cases (read only)
    VIEW_RESULTS = "view_results"  # results page and API
    VIEW_AUDIT = "view_audit"  # audit trail of the inspection and its cases
    ASSESS_CASE = "assess_case"  # change a case's answers (object: the case)
    MANAGE_INSPECTION = "manage_inspection"  # team, status, sample
    MANAGE_UNITS = "manage_units"  # organisation units (site staff only)
    VIEW_EVIDENCE = "view_evidence"  # evidence log, documents, meetings, survey results
    MANAGE_EVIDENCE = "manage_evidence"  # add evidence, upload documents, import a survey
    JUDGE_STANDARD = "judge_standard"  # domain-one judgements: prompt answers, proposed rating
    VIEW_PANEL = "view_panel"  # the ratings panel page and its decisions
    DECIDE_PANEL = "decide_panel"  # verify or depart, sign off, reopen with a reason
    EDIT_REPORT = "edit_report"  # recommendations; publish once the panel has signed off
    VIEW_REPORT = "view_report"  # the report (HTML, PDF) and its data annex
    VIEW_UNIT_SUMMARY = "view_unit_summary"  # published results of a unit and those below it
    VIEW_AGREEMENT = "view_agreement"  # the QA sub-sample, agreement between markers
    QUALITY_ASSURE = "quality_assure"  # draw the QA sub-sample, moderate disagreements
    SECOND_MARK = "second_mark"  # mark a drawn case again, blind (object: its QA case)
    VIEW_NATIONAL_PICTURE = "view_national_picture"  # pooled figures and the analyst's export
    CREATE_INSPECTION = "create_inspection"  # a new inspection of a unit (object: the unit)


ANALYSTS = "Analysts"
"""The group whose members may see the national picture (given in Django's admin): pooled
figures across every published inspection, by region and sub-group. No inspection role gives
it, site staff included: it is granted to the analysts who need it."""


VIEWER = "viewer"
_TEAM_ACTIONS = frozenset(
    {
        Action.VIEW_INSPECTION,
        Action.VIEW_RESULTS,
        Action.VIEW_AUDIT,
        Action.VIEW_EVIDENCE,
        Action.VIEW_PANEL,
        Action.VIEW_REPORT,
    }
)
_LEAD_ACTIONS = frozenset(
    {
        Action.ASSESS_CASE,
        Action.MANAGE_INSPECTION,
        Action.MANAGE_EVIDENCE,
        Action.JUDGE_STANDARD,
        Action.EDIT_REPORT,
    }
)
# Quality assurance of judgement (001 §4.13): the inspection's lead and QA draw the
# sub-sample, read agreement and moderate; a case is second-marked only by its second marker.
_QA_ACTIONS = frozenset({Action.VIEW_AGREEMENT, Action.QUALITY_ASSURE})
_ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    "admin": _TEAM_ACTIONS | _LEAD_ACTIONS | _QA_ACTIONS | {Action.SECOND_MARK},
    "lead": _TEAM_ACTIONS | _LEAD_ACTIONS | _QA_ACTIONS | {Action.SECOND_MARK},
    "inspector": _TEAM_ACTIONS | {Action.ASSESS_CASE, Action.MANAGE_EVIDENCE, Action.SECOND_MARK},
    "qa": _TEAM_ACTIONS | _QA_ACTIONS,
    "panel": _TEAM_ACTIONS | {Action.DECIDE_PANEL},
    VIEWER: frozenset({Action.VIEW_RESULTS, Action.VIEW_REPORT}),
}
_ANY_CASE = frozenset({"admin", "lead"})
# The inspection statuses in which each changing action is open (set-up → fieldwork → panel →
# published); reading is open in every status. Locks inside a status (a signed-off panel)
# are checked where the decision is recorded.
_OPEN_IN: dict[Action, frozenset[str]] = {
    Action.ASSESS_CASE: frozenset({"fieldwork"}),
    Action.QUALITY_ASSURE: frozenset({"fieldwork"}),
    Action.SECOND_MARK: frozenset({"fieldwork"}),
    Action.MANAGE_EVIDENCE: frozenset({"set_up", "fieldwork"}),
    Action.JUDGE_STANDARD: frozenset({"fieldwork", "panel"}),
    Action.DECIDE_PANEL: frozenset({"panel"}),
    Action.EDIT_REPORT: frozenset({"fieldwork", "panel"}),
}


def allowed(
    role: str | None,
    action: Action,
    *,
    status: str,
    assigned_to_user: bool = False,
    withdrawn: bool = False,
) -> bool:
    """The rule. ``role`` is the user's role on the inspection (None: no role);
    ``status`` the inspection's; ``assigned_to_user`` whether the case is the user's;
    ``withdrawn`` whether the case was withdrawn from the sample (it is then read only)."""
    if role is None or action not in _ROLE_ACTIONS.get(role, frozenset()):
        return False
    if role == VIEWER:
        return status == "published"
    if action in _OPEN_IN and status not in _OPEN_IN[action]:
        return False
    if action is Action.ASSESS_CASE:
        return not withdrawn and (role in _ANY_CASE or assigned_to_user)
    if action is Action.SECOND_MARK:
        # Only the assigned second marker: a lead marking for them would not be blind.
        return not withdrawn and assigned_to_user
    return True


def _is_unit_viewer(user: Any, unit: Any) -> bool:
    chain = [u.pk for u in unit.ancestors_and_self()]
    return UnitViewer.objects.filter(user=user, unit_id__in=chain).exists()


def _is_unit_lead(user: Any, unit: Any) -> bool:
    chain = [u.pk for u in unit.ancestors_and_self()]
    return UnitLead.objects.filter(user=user, unit_id__in=chain).exists()


def units_led_by(user: Any) -> Any:
    """The units the user may create inspections of (every unit for site staff)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Unit.objects.none()
    if user.is_staff:
        return Unit.objects.all()
    led = set(UnitLead.objects.filter(user=user).values_list("unit_id", flat=True))
    return Unit.objects.filter(pk__in=Unit.ids_at_and_below(led))


# The roles read during the current request, per (user id, inspection id); None outside
# :func:`one_request`. A context variable: each server thread (and each task) has its own.
_roles: ContextVar[dict[tuple[Any, Any], str | None] | None] = ContextVar(
    "pinspect_roles", default=None
)


@contextmanager
def one_request() -> Iterator[None]:
    """Remember the roles :func:`role_of` reads until the block ends (nested: the outer
    block's memory is kept)."""
    if _roles.get() is not None:
        yield
        return
    token = _roles.set({})
    try:
        yield
    finally:
        _roles.reset(token)


def _forget_roles(**_: Any) -> None:
    """A membership, unit viewer or unit changed: the remembered roles may be wrong."""
    remembered = _roles.get()
    if remembered is not None:
        remembered.clear()


for _model in (Membership, UnitViewer, Unit):
    for _signal in (post_save, post_delete):
        _signal.connect(_forget_roles, sender=_model, dispatch_uid=f"roles-{_model.__name__}")


def role_of(user: Any, inspection: Any) -> str | None:
    """The user's role on the inspection: its membership, else ``viewer`` for a viewer of the
    inspected unit, else None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    remembered = _roles.get()
    if remembered is None:
        return _read_role(user, inspection)
    key = (user.pk, inspection.pk)
    if key not in remembered:
        remembered[key] = _read_role(user, inspection)
    return remembered[key]


def _read_role(user: Any, inspection: Any) -> str | None:
    role = (
        Membership.objects.filter(inspection=inspection, user=user)
        .values_list("role", flat=True)
        .first()
    )
    if role is not None:
        return str(role)
    return VIEWER if _is_unit_viewer(user, inspection.unit) else None


def can(user: Any, action: Action | str, obj: Any) -> bool:
    """May ``user`` do ``action`` on ``obj`` (an inspection, a sampled case, a unit, or None
    for the national picture)?"""
    action = Action(action)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if action is Action.MANAGE_UNITS:
        return bool(user.is_staff) and (obj is None or isinstance(obj, Unit))
    if action is Action.VIEW_NATIONAL_PICTURE:
        return obj is None and user.groups.filter(name=ANALYSTS).exists()
    if action is Action.CREATE_INSPECTION:
        # Site staff, or a person allowed to lead inspections of the unit or a unit above it.
        return isinstance(obj, Unit) and (bool(user.is_staff) or _is_unit_lead(user, obj))
    if action is Action.VIEW_UNIT_SUMMARY:
        # Site staff, or a viewer of the unit or a unit above it: the people who may already
        # read every published result the summary pools.
        return isinstance(obj, Unit) and (bool(user.is_staff) or _is_unit_viewer(user, obj))
    if isinstance(obj, SampledCase):
        inspection = obj.inspection
        assigned = obj.assigned_to_id == user.pk
        withdrawn = obj.is_withdrawn
    elif isinstance(obj, Inspection):
        inspection, assigned, withdrawn = obj, False, False
    else:
        return False
    return allowed(
        role_of(user, inspection),
        action,
        status=inspection.status,
        assigned_to_user=assigned,
        withdrawn=withdrawn,
    )


def _sees(user: Any, inspection: Any) -> bool:
    role = role_of(user, inspection)
    if role is None:
        return False
    return role != VIEWER or inspection.status == "published"


@one_request()
def inspection_for(user: Any, inspection_id: int, action: Action) -> Any:
    """The inspection, if the user may do ``action`` on it; 404 if the user may not know it
    exists, 403 if they know it but may not do this."""
    inspection = Inspection.objects.select_related("unit").filter(pk=inspection_id).first()
    if inspection is None or not _sees(user, inspection):
        raise Http404("No such inspection")
    if not can(user, action, inspection):
        raise PermissionDenied
    return inspection


def unit_for(user: Any, unit_id: int, action: Action) -> Any:
    """The unit, if the user may do ``action`` on it; 404 otherwise (unit ids are not probed)."""
    unit = Unit.objects.select_related("parent").filter(pk=unit_id).first()
    if unit is None or not can(user, action, unit):
        raise Http404("No such unit")
    return unit


@one_request()
def case_for(user: Any, case_id: int, action: Action) -> Any:
    """The sampled case, with the same 404/403 rule (read needs VIEW_INSPECTION)."""
    case = (
        SampledCase.objects.select_related("inspection", "inspection__unit", "assigned_to")
        .annotate(first_marking_hidden=hidden_from(user))
        .filter(pk=case_id)
        .first()
    )
    if case is None or not _sees(user, case.inspection):
        raise Http404("No such case")
    if not can(user, Action.VIEW_INSPECTION, case.inspection):
        raise PermissionDenied
    if action is not Action.VIEW_INSPECTION and not can(user, action, case):
        raise PermissionDenied
    if case.first_marking_hidden:
        # Blind second marking (001 §4.12): the second marker reads the case only once both
        # markings are complete.
        raise PermissionDenied("You are second-marking this case: its first marking is hidden")
    return case


def visible_inspections(user: Any) -> Any:
    """The inspections the user may see in lists."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Inspection.objects.none()
    member = Q(members__user=user) & ~Q(members__role=VIEWER)
    viewer_member = Q(members__user=user, members__role=VIEWER, status="published")
    units = Unit.ids_at_and_below(
        set(UnitViewer.objects.filter(user=user).values_list("unit_id", flat=True))
    )
    unit_viewer = Q(unit_id__in=units, status="published")
    return (
        Inspection.objects.filter(member | viewer_member | unit_viewer)
        .select_related("unit")
        .distinct()
    )


def permission_required(action: Action) -> Callable[..., Any]:
    """View decorator: the view's ``inspection_id`` argument is replaced by the inspection,
    checked with :func:`inspection_for` (anonymous users are sent to log in)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, inspection_id: int, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            with one_request():
                inspection = inspection_for(request.user, inspection_id, action)
                return view(request, inspection, **kwargs)

        return wrapper

    return decorate
