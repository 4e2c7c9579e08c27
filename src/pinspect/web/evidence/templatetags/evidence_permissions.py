"""``{% user_can "view_evidence" inspection as allowed %}``: the permissions rule in templates."""

from __future__ import annotations

from typing import Any

from django import template

from pinspect.web.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def user_can(context: Any, action: str, obj: Any) -> bool:
    """May the page's user do ``action`` (a :class:`pinspect.web.permissions.Action` value) on
    ``obj``?"""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user is not None and can(user, action, obj))
