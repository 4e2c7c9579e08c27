"""``{% user_can "action" inspection as allowed %}``: the permissions module's answer in a
template, so links are shown only to the users the pages would let in."""

from __future__ import annotations

from typing import Any

from django import template

from pinspect.web.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def user_can(context: Any, action: str, obj: Any) -> bool:
    user = context.get("user")
    if user is None and context.get("request") is not None:
        user = context["request"].user
    return user is not None and can(user, action, obj)
