"""Case pseudonyms for report annexes: a keyed hash of the case reference.

Case records are criminal-offence personal data, so exports never carry a case's own
reference. A pseudonym is the HMAC-SHA256 of the reference under the report's secret key,
shortened to ``pseudonym_length`` hexadecimal digits (a setting) and prefixed with
:data:`PSEUDONYM_PREFIX`. The same key always gives the same pseudonym, so annexes of one
inspection can be joined; without the key a pseudonym cannot be traced back to its case, and
a different key gives unrelated pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from pinspect.settings import Settings

__all__ = ["PSEUDONYM_PREFIX", "pseudonym", "pseudonyms"]

PSEUDONYM_PREFIX = "case-"
"""Marks a value as a pseudonym (never a case reference) wherever it appears."""

_DEFAULT_LENGTH: int = Settings().pseudonym_length


def pseudonym(key: bytes, reference: str, *, length: int = _DEFAULT_LENGTH) -> str:
    """The pseudonym of case ``reference`` under ``key``: ``case-`` and ``length`` hex digits.

    Raises ValueError for an empty key (an unkeyed hash of a short reference is reversible by
    trying every reference) or a length outside 8–64.
    """
    if not key:
        raise ValueError("a pseudonym key must not be empty")
    if not 8 <= length <= 64:
        raise ValueError("a pseudonym keeps between 8 and 64 hexadecimal digits")
    digest = hmac.new(key, reference.encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:length]


def pseudonyms(
    key: bytes, references: Iterable[str], *, length: int = _DEFAULT_LENGTH
) -> dict[str, str]:
    """Reference → pseudonym for every reference; ValueError if two references collide
    (then choose a longer ``pseudonym_length``)."""
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for reference in references:
        if reference in mapping:
            continue
        name = pseudonym(key, reference, length=length)
        if name in seen:
            raise ValueError(
                f"two cases share the pseudonym {name}; choose a longer pseudonym_length"
            )
        seen[name] = reference
        mapping[reference] = name
    return mapping
