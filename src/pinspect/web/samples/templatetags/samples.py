"""``{% load samples %}{% can_manage inspection as ok %}``: may the user manage the
inspection (its sample, team and status)? The rule is :func:`pinspect.web.permissions.can`."""

from __future__ import annotations

from typing import Any

from django import template

from pinspect.web.permissions import Action, can

register = template.Library()


@register.simple_tag(takes_context=True)
def can_manage(context: dict[str, Any], inspection: Any) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user is not None and can(user, Action.MANAGE_INSPECTION, inspection)
