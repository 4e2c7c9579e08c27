"""docs/consistency.md quotes the seeds exactly and explains every figure the code gives.

Seed 001 §4.12: "to be sure of our findings it is always important that inspectors form
similar judgements in similar cases." Seed 001 §4.13: "to check and if necessary refine our
inspectors' consistency of judgement". The page's quotes are checked word for word against the
seed; the figures it explains are the ones the agreement table serialises.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import normalise, seed_text

DOC = Path(__file__).resolve().parents[3] / "docs" / "consistency.md"
SEED_001 = "001_b5b8a8a8f3d2a8ea.txt"


def _quotes() -> list[tuple[str, str]]:
    """Each block quote's text and the clause it cites."""
    found = re.findall(r'^> "(.+)" — (001 §[\d.]+)$', DOC.read_text(encoding="utf-8"), re.M)
    return [(normalise(text), clause) for text, clause in found]


def test_every_quote_is_the_seed_word_for_word() -> None:
    quotes = _quotes()
    assert {clause for _, clause in quotes} == {"001 §4.12", "001 §4.13", "001 §4.14", "001 §4.17"}
    seed = seed_text(SEED_001)
    for text, clause in quotes:
        number = clause.split("§")[1]
        paragraph = seed.split(f"{number}. ", 1)[1].split(" - 4.", 1)[0]
        assert text in paragraph, f"{clause} does not say: {text}"


def test_every_figure_is_explained_in_plain_words() -> None:
    text = DOC.read_text(encoding="utf-8")
    for figure in ("Raw agreement", "Kappa", "Gwet's AC1", "Krippendorff's alpha"):
        assert f"| **{figure}**" in text
    for setting in (
        "agreement_confidence_level",
        "agreement_bootstrap_draws",
        "agreement_bootstrap_seed",
        "agreement_flag_below",
        "agreement_flag_figure",
        "domain_divergence_steps",
        "qa_sample_share",
    ):
        assert f"`{setting}`" in text
