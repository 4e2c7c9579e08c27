"""Variants: a framework file that extends another by id and version, changing only some of it.

The overall banding of a variant follows seed 001 §4.22, §4.23: each scored standard scores 0–3 and
a derived banding is the majority rule for the number of scored standards.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pinspect.frameworks import CaseType, Catalogue, load_catalogue
from pinspect.frameworks.loader import parse_framework
from pinspect.frameworks.model import PercentageRounding
from pinspect.problems import InputError
from pinspect.ratings.inspection import rate_inspection
from pinspect.scale.banding import BandingKind, OverallBanding
from pinspect.scale.rating import Rating
from tests.core.ratings.builders import table_for

BUNDLED = "hmip-2021-pdu-scored-27"


def _bands(banding: OverallBanding) -> tuple[tuple[str, int, int], ...]:
    return tuple((b.rating.label, b.min_score, b.max_score) for b in banding.bands)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


UNSCORE_ONE = """\
    schema_version: 1
    id: local-2021-nine
    title: Local mock inspection, nine standards
    version: "2026"
    extends: {framework: hmip-2021-pdu, version: August 2021 (Annexe A)}
    source: {document: local-mock-inspection-plan.md, section: Scoring}
    standards:
      - id: "2.1"
        scored: false
        reason: our mock inspections read no court reports
    """


class TestDerivedBandingFor001Section4Point23:
    """001 §4.23: "These bandings are aligned to the tipping points between the ratings at the
    standard level" — a bare majority at a rating and the rest one rating below; for nine
    scored standards 0–4 / 5–13 / 14–22 / 23–27."""

    NINE = (
        ("Inadequate", 0, 4),
        ("Requires improvement", 5, 13),
        ("Good", 14, 22),
        ("Outstanding", 23, 27),
    )

    def test_a_variant_that_unscores_one_standard_bands_nine(self, tmp_path: Path) -> None:
        """001 §4.23 for a user's variant of hmip-2021-pdu with court work not scored."""
        write(tmp_path, "local-2021-nine.yaml", UNSCORE_ONE)
        catalogue = load_catalogue([tmp_path])
        variant = catalogue["local-2021-nine"]
        assert len(variant.scored_standards) == 9
        assert variant.max_score == 27
        assert variant.banding.kind is BandingKind.DERIVED
        assert _bands(variant.banding) == self.NINE
        assert not variant.standard("2.1").scored
        # Everything else is inherited unchanged, wording included.
        base = catalogue["hmip-2021-pdu"]
        assert variant.key_question("2.2.1") == base.key_question("2.2.1")
        assert variant.counts() == base.counts()
        assert len(base.scored_standards) == 10  # the base itself is untouched

    def test_the_bundled_variant_scores_out_of_27(self, catalogue: Catalogue) -> None:
        """001 §4.23 for the bundled variant: statutory victim work (2.7) not scored."""
        variant = catalogue[BUNDLED]
        assert variant.variant_of is not None
        assert variant.variant_of.framework == "hmip-2021-pdu"
        assert [s.id for s in variant.standards if not s.scored] == ["2.6", "2.7"]
        assert _bands(variant.banding) == self.NINE
        assert "silent" in " ".join(variant.notes)
        assert "27" in str(variant.variant_of.source)

    def test_an_inspection_rated_under_the_variant_scores_out_of_27(
        self, catalogue: Catalogue
    ) -> None:
        """001 §4.22, §4.23: four Good and five Requires improvement score 13 of 27, the top of
        Requires improvement for nine standards; the same inspection under the ten-standard
        framework adds 3 for an Outstanding statutory victim work: 16 of 30, Good."""
        good, too_few, large = (7, 3), (11, 9), (9, 1)
        counts: dict[str, tuple[int, ...]] = {"2.1.1": good}
        for standard, answers in (("2.2", good), ("2.3", too_few), ("2.4", too_few)):
            counts.update({f"{standard}.{k}": answers for k in (1, 2, 3)})
        counts.update({f"2.5.{k}": too_few for k in (1, 2, 3)})
        counts.update({f"2.7.{k}": large for k in (1, 2, 3)})
        judged = {
            "1.1": Rating.GOOD,
            "1.2": Rating.GOOD,
            "1.3": Rating.REQUIRES_IMPROVEMENT,
            "1.4": Rating.REQUIRES_IMPROVEMENT,
        }
        results = {
            framework_id: rate_inspection(
                catalogue[framework_id], table_for(counts), catalogue=catalogue, judged=judged
            )
            for framework_id in (BUNDLED, "hmip-2021-pdu")
        }
        variant, base = results[BUNDLED].overall, results["hmip-2021-pdu"].overall
        assert variant is not None
        assert base is not None
        assert results[BUNDLED].standard("2.7").rating is Rating.OUTSTANDING
        assert (variant.score, variant.max_score, variant.rating) == (
            13,
            27,
            Rating.REQUIRES_IMPROVEMENT,
        )
        assert (base.score, base.max_score, base.rating) == (16, 30, Rating.GOOD)


def test_a_variant_lists_its_changes_with_their_reasons(tmp_path: Path) -> None:
    """Rounding, applicability, an added standard: each change recorded, in file order."""
    write(
        tmp_path,
        "local-2023-thematic.yaml",
        """\
        schema_version: 1
        id: local-2023-thematic
        title: 2023 PDU standards with a thematic on women
        version: "1"
        extends: {framework: hmip-2023-pdu, version: "August 2023, V1.0"}
        source: {document: thematic-plan.md, section: Standards}
        prompts:
          - id: P2.3.1.a
            applies_to: {except: [unpaid_work_only]}
            reason: unpaid work starts are inspected elsewhere
        percentage_rounding: {rule: whole-percent, reason: as our published reports round}
        added_standards:
          - domain: "2"
            reason: the thematic asks about women's services
            standard:
              id: T2.5
              name: Services for women
              statement: Women on probation receive services that meet their needs.
              rated_by: cases
              sample: supervision
              scored: false
              source: {document: thematic-plan.md, section: T2.5}
              key_questions:
                - id: T2.5.1
                  text: Does the work take account of the needs of women?
        """,
    )
    variant = load_catalogue([tmp_path])["local-2023-thematic"]
    assert variant.percentage_rounding is PercentageRounding.WHOLE_PERCENT
    assert variant.prompt("P2.3.1.a").applicability.excluded == {CaseType.UNPAID_WORK_ONLY}
    assert variant.prompt("P2.3.1.a").allows_not_applicable
    assert variant.standard("T2.5").key_questions[0].id == "T2.5.1"
    assert [d.standards[-1].id for d in variant.domains] == ["P1.3", "T2.5"]
    assert variant.variant_of is not None
    changes = [(c.element, c.what, c.before, c.after) for c in variant.variant_of.changes]
    assert changes == [
        ("P2.3.1.a", "applies to", "every case", "except unpaid_work_only"),
        ("T2.5", "standard added", None, "Services for women (domain 2, not scored)"),
        (None, "percentage rounding", "exact", "whole-percent"),
    ]
    assert variant.variant_of.changes[0].reason == "unpaid work starts are inspected elsewhere"
    # An unscored added standard leaves the banding as it was.
    assert variant.banding == load_catalogue()["hmip-2023-pdu"].banding


BROKEN = """\
    schema_version: 1
    id: local-broken
    title: A variant with every kind of mistake
    version: "1"
    extends: {framework: hmip-2018-nps, version: "2017"}
    source: {document: plan.md, section: Scoring}
    standards:
      - id: "9.9"
        scored: false
        reason: no such standard
      - id: "1.1"
        scored: true
        reason: already scored
      - id: "3.2"
        scored: false
        reason: victims are inspected elsewhere
    prompts:
      - id: 2.1.1.z
        applies_to: null
        reason: no such prompt
    added_standards:
      - domain: "7"
        reason: a domain that does not exist, and an id that does
        standard:
          id: "2.1"
          name: Assessment again
          statement: null
          rated_by: judgement
          scored: false
          source: {document: plan.md, section: x}
          key_questions:
            - {id: 2.1.1, text: Again?}
    """


def test_a_broken_variant_reports_every_error_with_file_line_and_path(tmp_path: Path) -> None:
    path = write(tmp_path, "local-broken.yaml", BROKEN)
    with pytest.raises(InputError) as caught:
        load_catalogue([tmp_path])
    found = {(p.field, p.message) for p in caught.value.problems}
    fields = {p.field for p in caught.value.problems}
    assert all(p.file == str(path) for p in caught.value.problems)
    assert all(p.line is not None for p in caught.value.problems)
    assert {
        "extends/version",
        "standards/0/id",
        "standards/1/scored",
        "prompts/0/id",
        "added_standards/0/domain",
        "added_standards/0/standard/id",
        "added_standards/0/standard/key_questions/0/id",
        "banding",
    } <= fields
    messages = " | ".join(m for _, m in found)
    assert "written for version '2017'" in messages
    assert "hmip-2018-nps has no standard '9.9'" in messages
    assert "1.1 is already scored: no change" in messages
    assert "has no prompt '2.1.1.z'" in messages
    assert "'2.1' is already an id in hmip-2018-nps" in messages
    # 001 §4.22: the published banding is for ten scored standards; nine need their own.
    assert "published banding is for 10 scored standards; this variant scores 9" in messages
    line_of = {p.field: p.line for p in caught.value.problems}
    assert line_of["standards/1/scored"] == 12
    assert line_of["prompts/0/id"] == 18


def test_schema_errors_in_a_variant_name_their_path(tmp_path: Path) -> None:
    broken = (
        UNSCORE_ONE.replace("        reason: our mock inspections read no court reports\n", "")
        .replace("    title:", "    colour: blue\n    title:")
        .replace("scored: false", "scored: maybe")
    )
    write(tmp_path, "local-2021-nine.yaml", broken)
    with pytest.raises(InputError) as caught:
        load_catalogue([tmp_path])
    by_field = {p.field: p for p in caught.value.problems}
    assert "unknown field" in by_field["(top level)"].message
    assert "'reason' is a required property" in by_field["standards/0"].message
    assert by_field["standards/0/scored"].line == 10


def test_a_published_banding_can_be_replaced_by_the_derived_one(tmp_path: Path) -> None:
    """001 §4.23: a variant of a framework with a published banding states its own."""
    write(
        tmp_path,
        "local-nps-nine.yaml",
        """\
        schema_version: 1
        id: local-nps-nine
        title: NPS standards without victim work
        version: "1"
        extends: {framework: hmip-2018-nps, version: November 2017 consultation (Annex F)}
        source: {document: plan.md, section: Scoring}
        standards:
          - {id: "3.2", scored: false, reason: victims are inspected elsewhere}
        banding: {kind: derived, reason: the majority rule of seed 001 §4.23 for nine}
        """,
    )
    catalogue = load_catalogue([tmp_path])
    variant = catalogue["local-nps-nine"]
    assert _bands(variant.banding) == TestDerivedBandingFor001Section4Point23.NINE
    assert variant.banding_source is None
    assert variant.variant_of is not None
    assert variant.variant_of.changes[-1].what == "overall banding"
    assert variant.variant_of.changes[-1].before == "0–5 / 6–15 / 16–25 / 26–30 (published)"


def test_variants_of_variants_cycles_and_missing_bases(tmp_path: Path) -> None:
    write(tmp_path, "local-2021-nine.yaml", UNSCORE_ONE)
    write(
        tmp_path,
        "local-2021-eight.yaml",
        UNSCORE_ONE.replace("local-2021-nine", "local-2021-eight")
        .replace("hmip-2021-pdu", "local-2021-nine")
        .replace("August 2021 (Annexe A)", '"2026"')
        .replace('"2.1"', '"2.2"'),
    )
    catalogue = load_catalogue([tmp_path])
    eight = catalogue["local-2021-eight"]
    assert len(eight.scored_standards) == 8
    assert eight.variant_of is not None
    assert eight.variant_of.framework == "local-2021-nine"

    other = tmp_path / "other"
    other.mkdir()
    write(
        other,
        "local-a.yaml",
        UNSCORE_ONE.replace("local-2021-nine", "local-a").replace("hmip-2021-pdu", "local-b"),
    )
    write(
        other,
        "local-b.yaml",
        UNSCORE_ONE.replace("local-2021-nine", "local-b").replace("hmip-2021-pdu", "local-a"),
    )
    write(
        other,
        "local-c.yaml",
        UNSCORE_ONE.replace("local-2021-nine", "local-c").replace("hmip-2021-pdu", "hmip-1999"),
    )
    with pytest.raises(InputError) as caught:
        load_catalogue([other])
    messages = sorted(str(p) for p in caught.value.problems)
    assert len(messages) == 3
    assert sum("in a cycle of variants" in m for m in messages) == 2
    missing = "local-c.yaml:5: extends/framework: there is no framework 'hmip-1999'"
    assert any(missing in m for m in messages)


def test_a_variant_file_alone_is_refused_with_the_reason() -> None:
    with pytest.raises(InputError, match="a variant of 'hmip-2021-pdu'"):
        parse_framework(textwrap.dedent(UNSCORE_ONE), "local-2021-nine.yaml")
