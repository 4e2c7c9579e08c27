"""The framework catalogue the web app offers (the core reads it once per process)."""

from __future__ import annotations

from pinspect.frameworks import Catalogue, Framework, bundled_catalogue

__all__ = ["catalogue", "framework", "framework_choices"]


def catalogue() -> Catalogue:
    return bundled_catalogue()


def framework(framework_id: str) -> Framework:
    return catalogue()[framework_id]


def framework_choices() -> list[tuple[str, str]]:
    return [(fid, f"{fid}: {fw.title}") for fid, fw in catalogue().items()]
