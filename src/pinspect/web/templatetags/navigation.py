"""``{% load navigation %}``: what the service navigation offers the signed-in user."""

from __future__ import annotations

from typing import Any

from django import template

from pinspect.web.calibration.access import is_inspector, is_qa
from pinspect.web.permissions import Action, can

__all__ = [
    "may_mark_calibration",
    "may_run_calibration",
    "may_see_national_picture",
    "may_see_unit_summary",
]

register = template.Library()


@register.simple_tag
def may_see_national_picture(user: Any) -> bool:
    """Whether the navigation links to the national picture (analysts only)."""
    return can(user, Action.VIEW_NATIONAL_PICTURE, None)


@register.simple_tag
def may_see_unit_summary(user: Any, unit: Any) -> bool:
    """Whether a page may link to the unit's summary and trend (staff and its viewers)."""
    return can(user, Action.VIEW_UNIT_SUMMARY, unit)


@register.simple_tag
def may_run_calibration(user: Any) -> bool:
    """Whether a page may link to QA's calibration exercises (001 §4.13)."""
    return is_qa(user)


@register.simple_tag
def may_mark_calibration(user: Any) -> bool:
    """Whether a page may link to the inspector's own calibration page (001 §4.13)."""
    return is_inspector(user)
