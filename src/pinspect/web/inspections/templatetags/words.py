"""Codes shown as words: ``{{ case.stratum|stratum_words }}`` gives "Male, community
sentence, low RoSH" for ``male_community_low``."""

from __future__ import annotations

from django import template

from pinspect.sampling.strata import stratum_label

register = template.Library()


@register.filter
def stratum_words(stratum: str) -> str:
    return stratum_label(str(stratum or ""))
