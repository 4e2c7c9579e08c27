"""Properties of variants: the banding follows the scored standards (001 §4.22, §4.23)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from pinspect.frameworks import bundled_catalogue
from pinspect.frameworks.loader import VariantDocument, parse_framework_document
from pinspect.frameworks.variant import resolve_variant
from pinspect.scale.banding import majority_rule_banding

BASE = bundled_catalogue()["hmip-2021-pdu"]
SCORED = [s.id for s in BASE.scored_standards]


def _variant(unscored: list[str]) -> VariantDocument:
    changes = [
        {"id": i, "scored": False, "reason": "not in this mock inspection"} for i in unscored
    ]
    text = json.dumps(  # JSON is YAML
        {
            "schema_version": 1,
            "id": "local-mock",
            "title": "Mock",
            "version": "1",
            "extends": {"framework": BASE.id, "version": BASE.version},
            "source": {"document": "plan.md", "section": "Scoring"},
            "standards": changes,
        }
    )
    document = parse_framework_document(text, "local-mock.yaml")
    assert isinstance(document, VariantDocument)
    return document


class TestDerivedBandingOfAVariant:
    """001 §4.23: "These bandings are aligned to the tipping points between the ratings at the
    standard level" — for whatever number of standards a variant still scores."""

    @given(st.lists(st.sampled_from(SCORED), min_size=1, max_size=len(SCORED) - 1, unique=True))
    def test_the_banding_is_the_majority_rule_for_the_scored_count(
        self, unscored: list[str]
    ) -> None:
        variant = resolve_variant(_variant(unscored), BASE)
        n = len(SCORED) - len(unscored)
        assert len(variant.scored_standards) == n
        assert variant.max_score == 3 * n
        assert variant.banding.bands == majority_rule_banding(n).bands
        assert variant.banding.coverage_problems(3 * n) == []
        assert variant.variant_of is not None
        assert [c.element for c in variant.variant_of.changes] == [*unscored, None]
        # the base is never changed by resolving a variant of it
        assert len(BASE.scored_standards) == len(SCORED)
        assert all(BASE.standard(i).scored for i in unscored)
