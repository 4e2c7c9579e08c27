"""Shared fixtures: the bundled catalogue and the seed texts."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

from pinspect.frameworks import Catalogue, bundled_catalogue

# Property tests check correctness, not speed: a noisy two-core machine must not fail them
# for taking longer than hypothesis's default 200 ms per example.
settings.register_profile("pinspect", deadline=None, print_blob=True)
settings.load_profile("pinspect")

SEEDS = Path(__file__).parent / "seeds"


@cache
def seed_text(document: str) -> str:
    """A seed, whitespace-normalised, with Markdown emphasis and HTML tags removed."""
    text = (SEEDS / document).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", text).replace("*", "")
    return " ".join(text.split())


def normalise(text: str) -> str:
    return " ".join(text.replace("*", "").split())


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return bundled_catalogue()
