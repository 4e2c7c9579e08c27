"""Case-management codes and date formats accepted on a long list, normalised.

Exports from case-management systems spell the same thing in several ways. Matching is
case-insensitive and ignores surrounding spaces. Unknown sentence-type and RoSH codes are
input problems (reported with their line), not guesses; an unknown *sex* value is kept as
``Sex.OTHER`` because the person is still sampled (see docs/sampling.md).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from pinspect.sampling.case import Rosh, SentenceType, Sex

__all__ = [
    "DATE_FORMATS",
    "ROSH_CODES",
    "SENSITIVE_MARKERS",
    "SENTENCE_TYPE_CODES",
    "SEX_CODES",
    "is_marked_sensitive",
    "parse_date",
    "parse_rosh",
    "parse_sentence_type",
    "parse_sex",
]

SEX_CODES: dict[str, Sex] = {
    "m": Sex.MALE,
    "male": Sex.MALE,
    "man": Sex.MALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
    "woman": Sex.FEMALE,
    "": Sex.NOT_RECORDED,
    "n": Sex.NOT_RECORDED,
    "u": Sex.NOT_RECORDED,
    "unknown": Sex.NOT_RECORDED,
    "not known": Sex.NOT_RECORDED,
    "not recorded": Sex.NOT_RECORDED,
    "not specified": Sex.NOT_RECORDED,
    "prefer not to say": Sex.NOT_RECORDED,
}

SENTENCE_TYPE_CODES: dict[str, SentenceType] = {
    "co": SentenceType.COMMUNITY_ORDER,
    "ora co": SentenceType.COMMUNITY_ORDER,
    "ora community order": SentenceType.COMMUNITY_ORDER,
    "community order": SentenceType.COMMUNITY_ORDER,
    "sso": SentenceType.SUSPENDED_SENTENCE_ORDER,
    "ora sso": SentenceType.SUSPENDED_SENTENCE_ORDER,
    "suspended sentence order": SentenceType.SUSPENDED_SENTENCE_ORDER,
    "ora suspended sentence order": SentenceType.SUSPENDED_SENTENCE_ORDER,
    "suspended sentence": SentenceType.SUSPENDED_SENTENCE_ORDER,
    "lic": SentenceType.LICENCE,
    "licence": SentenceType.LICENCE,
    "license": SentenceType.LICENCE,
    "ora licence": SentenceType.LICENCE,
    "adult licence": SentenceType.LICENCE,
    "pss": SentenceType.POST_SENTENCE_SUPERVISION,
    "post-sentence supervision": SentenceType.POST_SENTENCE_SUPERVISION,
    "post sentence supervision": SentenceType.POST_SENTENCE_SUPERVISION,
    "ora pss": SentenceType.POST_SENTENCE_SUPERVISION,
}

ROSH_CODES: dict[str, Rosh] = {
    "rlrh": Rosh.LOW,
    "low": Rosh.LOW,
    "l": Rosh.LOW,
    "rmrh": Rosh.MEDIUM,
    "medium": Rosh.MEDIUM,
    "m": Rosh.MEDIUM,
    "rhrh": Rosh.HIGH,
    "high": Rosh.HIGH,
    "h": Rosh.HIGH,
    "rvrh": Rosh.VERY_HIGH,
    "very high": Rosh.VERY_HIGH,
    "vh": Rosh.VERY_HIGH,
}

#: Values of a ``redacted`` or ``sensitive`` column that mark a record as sensitive.
SENSITIVE_MARKERS = frozenset({"y", "yes", "true", "1", "redacted", "sensitive"})

#: Date formats tried in turn after ISO 8601 (``YYYY-MM-DD``).
DATE_FORMATS: tuple[str, ...] = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %b %Y", "%d-%b-%Y")


def _key(value: str) -> str:
    return " ".join(value.split()).lower()


def parse_sex(value: str) -> Sex:
    """Male, female, not recorded (blank or 'unknown') or, for any other value, other."""
    return SEX_CODES.get(_key(value), Sex.OTHER)


def parse_sentence_type(value: str) -> SentenceType | None:
    """``None`` for a blank value; ``ValueError`` for a code not in :data:`SENTENCE_TYPE_CODES`."""
    key = _key(value)
    if not key:
        return None
    try:
        return SENTENCE_TYPE_CODES[key]
    except KeyError:
        raise ValueError(
            "unknown sentence type (expected CO, SSO, LIC or PSS, or the names in full)"
        ) from None


def parse_rosh(value: str) -> Rosh | None:
    """``None`` for a blank value; ``ValueError`` for a code not in :data:`ROSH_CODES`."""
    key = _key(value)
    if not key:
        return None
    try:
        return ROSH_CODES[key]
    except KeyError:
        raise ValueError(
            "unknown RoSH level (expected RLRH, RMRH, RHRH or RVRH, or low/medium/high/very high)"
        ) from None


@lru_cache(maxsize=65536)
def parse_date(value: str) -> date | None:
    """``None`` for a blank value; ``ValueError`` for a date in none of the accepted formats.

    A spreadsheet's date-and-time (``2024-01-31 00:00:00``) is accepted as its date.
    """
    text = value.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError("not a date (expected YYYY-MM-DD or DD/MM/YYYY)")


def is_marked_sensitive(value: str) -> bool:
    """True for a ``redacted``/``sensitive`` column value such as Y, yes, true or 1."""
    return _key(value) in SENSITIVE_MARKERS
