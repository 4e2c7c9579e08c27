"""Who may use the calibration pages (seed 001 §4.13), across inspections.

An exercise belongs to no inspection, so the rule reads a person's roles on every inspection:

- **QA** (create, publish, read every inspector's figures): whoever holds the quality
  assurance role on any inspection, or is in the :data:`QA_GROUP` group (given in Django's
  admin, for QA staff on no inspection team);
- **inspectors** (mark exercises, read their own figures and peer aggregates): whoever is an
  inspector or a lead inspector on any inspection.

Anyone else gets 403; anonymous users are sent to log in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from pinspect.web.inspections.models import Membership, Role

__all__ = ["QA_GROUP", "inspector_required", "is_inspector", "is_qa", "qa_required"]

QA_GROUP = "Quality assurance"
MARKING_ROLES = (Role.INSPECTOR, Role.LEAD)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def is_qa(user: Any) -> bool:
    """Whether ``user`` runs calibration exercises."""
    if not _active(user):
        return False
    return (
        Membership.objects.filter(user=user, role=Role.QA).exists()
        or user.groups.filter(name=QA_GROUP).exists()
    )


def is_inspector(user: Any) -> bool:
    """Whether ``user`` marks calibration exercises."""
    return _active(user) and Membership.objects.filter(user=user, role__in=MARKING_ROLES).exists()


def _required(rule: Callable[[Any], bool]) -> Callable[..., Any]:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


qa_required = _required(is_qa)
inspector_required = _required(is_inspector)
