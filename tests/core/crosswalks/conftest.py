"""The bundled crosswalks, read once for the crosswalk tests."""

from __future__ import annotations

import pytest

from pinspect.crosswalks import CrosswalkCatalogue, bundled_crosswalks


@pytest.fixture(scope="session")
def crosswalks() -> CrosswalkCatalogue:
    return bundled_crosswalks()
