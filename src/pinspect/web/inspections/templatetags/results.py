"""``{% load results %}``: figures of the rating engine in words a reader can weigh."""

from __future__ import annotations

from django import template

from pinspect.ratings.breakdown import GroupResult

__all__ = ["chance", "group_label"]

register = template.Library()


@register.filter
def chance(p: float | None) -> str:
    """A probability in words: "about 23 in 100"; empty when there is none."""
    if p is None:
        return ""
    in_100 = round(p * 100)
    if in_100 == 0:
        return "less than 1 in 100"
    if in_100 == 100:
        return "almost certain (more than 99 in 100)"
    return f"about {in_100} in 100"


@register.filter
def group_label(group: GroupResult) -> str:
    """A breakdown group's attribute values: "Female, not recorded"."""
    return ", ".join("not recorded" if value is None else value for _, value in group.values)
