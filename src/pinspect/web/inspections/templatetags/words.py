"""Codes shown as words: ``{{ case.stratum|stratum_words }}`` gives "Male, community
sentence, low RoSH" for ``male_community_low``; ``{{ event.field|field_words }}`` names an
audited field as a person would ("Assigned to" for ``assigned_to``)."""

from __future__ import annotations

from django import template

from pinspect.sampling.strata import stratum_label
from pinspect.web.assessments.models import CaseStatus

register = template.Library()


@register.filter
def stratum_words(stratum: str) -> str:
    return stratum_label(str(stratum or ""))


_FIELDS = {
    "framework_id": "Framework",
    "window_start": "Fieldwork window starts",
    "window_end": "Fieldwork window ends",
    "mock": "Mock inspection",
    "status_reason": "Reason for the status change",
    "open_cases": "Cases open at the ratings panel",
    "open_cases_reason": "Why the panel went ahead with cases open",
    "assigned_to": "Assigned to",
    "withdrawn_reason": "Reason withdrawn",
    "role": "Role",
}


@register.filter
def field_words(field: str) -> str:
    """An audited field's name in words (an answer's question id is left as it is)."""
    name = str(field or "")
    if name in _FIELDS:
        return _FIELDS[name]
    if "." in name or not name.islower():
        return name
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


@register.filter
def case_status_words(status: str) -> str:
    """A case's status as its label ("In progress" for ``in_progress``)."""
    return str(dict(CaseStatus.choices).get(str(status), status))
