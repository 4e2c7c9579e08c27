"""Domain-one judgements: the lead inspector's proposed rating for each judged standard.

This module's two functions are what the ratings panel and the report read and write;
their bodies are completed with the judgement models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pinspect.ratings.rating import Rating

__all__ = ["Proposal", "propose", "proposed_ratings"]


@dataclass(frozen=True)
class Proposal:
    """The lead inspector's proposed rating for a judged standard and its rationale."""

    standard: str
    rating: Rating
    rationale: str
    proposed_by: str


def proposed_ratings(inspection: Any) -> dict[str, Proposal]:
    """Standard id → the current proposal, for every judged standard that has one."""
    raise NotImplementedError


def propose(inspection: Any, standard: str, rating: Rating, rationale: str, user: Any) -> None:
    """Record (or replace) the proposal for ``standard``, audited; refuses a standard that is
    not judged in the inspection's framework (ValueError)."""
    raise NotImplementedError
