"""The framework catalogue, loaded once per process (frameworks are immutable data)."""

from __future__ import annotations

from functools import cache

from pinspect.frameworks import Catalogue, Framework, bundled_catalogue

__all__ = ["catalogue", "framework", "framework_choices"]


@cache
def catalogue() -> Catalogue:
    return bundled_catalogue()


def framework(framework_id: str) -> Framework:
    return catalogue()[framework_id]


def framework_choices() -> list[tuple[str, str]]:
    return [(fid, f"{fid}: {fw.title}") for fid, fw in catalogue().items()]
