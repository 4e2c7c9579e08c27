"""One case on a long list, with its codes normalised.

A long list is held column by column (:mod:`pinspect.sampling.case_table`) and a
:class:`Case` is made for a row only when it is looked at; :class:`Case` is an immutable
``NamedTuple`` rather than a frozen dataclass: it is as immutable and as typed, and several
times quicker to build. Every column of the row, after column mapping, is kept in
``values`` (in the order of :attr:`LongList.columns <pinspect.sampling.longlist.LongList>`)
so that other columns stay available for breakdowns and for the sample file.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import NamedTuple

__all__ = ["Case", "Rosh", "SentenceType", "Sex"]


class _Code(enum.Enum):
    """A coded value. Members are singletons compared by identity, so they hash by identity
    too: the same result as Enum's name-based hash, without a Python call per lookup (a
    long list hashes them hundreds of thousands of times)."""

    __hash__ = object.__hash__


class Sex(_Code):
    """Sex as recorded; people recorded as neither male nor female are sampled, not excluded."""

    MALE = "male"
    FEMALE = "female"
    OTHER = "other"
    NOT_RECORDED = "not recorded"


class SentenceType(_Code):
    """The four sentence types on a supervision long list."""

    COMMUNITY_ORDER = "community order"
    SUSPENDED_SENTENCE_ORDER = "suspended sentence order"
    LICENCE = "licence"
    POST_SENTENCE_SUPERVISION = "post-sentence supervision"

    @property
    def is_post_custody(self) -> bool:
        """Licence and post-sentence supervision follow custody; the others are community."""
        return self in (SentenceType.LICENCE, SentenceType.POST_SENTENCE_SUPERVISION)


class Rosh(_Code):
    """Risk of serious harm classification."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very high"

    @property
    def is_low(self) -> bool:
        return self is Rosh.LOW


class Case(NamedTuple):
    """One row of a long list. ``line`` is the row's line in its file (the header is line 1)."""

    line: int
    crn: str
    pnc: str
    first_name: str
    family_name: str
    date_of_birth: date | None
    sex: Sex
    sentence_type: SentenceType | None
    rosh: Rosh | None
    start_date: date | None
    end_date: date | None
    area: str
    team: str
    practitioner: str
    sensitive: bool
    values: tuple[str, ...]

    @property
    def practitioner_key(self) -> tuple[str, str, str]:
        """A practitioner is identified by area, team and name (names may repeat elsewhere)."""
        return (self.area, self.team, self.practitioner)
